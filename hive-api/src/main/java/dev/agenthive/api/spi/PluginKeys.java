package dev.agenthive.api.spi;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The check every plugin makes of the configuration keys under its own prefix. */
public final class PluginKeys {
    private PluginKeys() {
    }

    /**
     * Refuses a key under {@code prefix} that is not one of {@code keys} (a misspelt setting), naming
     * it; keys of other plugins and of the core are not this plugin's business.
     *
     * @param plugin names the plugin in the message, e.g. {@code "SQLite store"}
     * @throws InvalidInputException naming the first unknown key and the known ones
     */
    public static void requireKnown(Map<String, String> properties, String prefix, Set<String> keys, String plugin) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(prefix) && !keys.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown.iterator().next(),
                    "is not a setting of the " + plugin + "; known: " + new TreeSet<>(keys));
        }
    }
}
