package dev.agenthive.cache.caffeine;

import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;

import java.util.Locale;

/**
 * CacheProvider {@code "caffeine"} for the URL {@code caffeine:}, with nothing after the colon: an
 * in-process cache has no location, and its bounds and TTLs are each region's. Registered in
 * {@code META-INF/services/dev.agenthive.api.spi.CacheProvider}.
 */
public final class CaffeineCacheProvider implements CacheProvider {
    static final String URL = "caffeine:";
    private static final String URL_KEY = "hive.cache.url";
    private static final String KEY_PREFIX = "hive.cache.caffeine.";

    @Override
    public String name() {
        return "caffeine";
    }

    /** Whether the URL is {@code caffeine:}, in any case and with surrounding blanks; never throws. */
    @Override
    public boolean accepts(String url) {
        return url != null && url.trim().toLowerCase(Locale.ROOT).equals(URL);
    }

    /**
     * Opens an empty cache whose entry ages follow {@link CacheSettings#clock()}.
     *
     * @throws InvalidInputException naming {@code hive.cache.url} when the URL is not {@code caffeine:},
     *                               or naming the key when a {@code hive.cache.caffeine.*} key is set,
     *                               since this provider reads none
     */
    @Override
    public Cache open(CacheSettings settings) {
        Checks.notNull(settings, "settings");
        if (!accepts(settings.url())) {
            throw new InvalidInputException(URL_KEY, "must be 'caffeine:' with nothing after the colon, was '"
                    + settings.url() + "'");
        }
        for (String key : settings.properties().keySet()) {
            if (key.startsWith(KEY_PREFIX)) {
                throw new InvalidInputException(key, "unknown key: the caffeine cache reads no settings of its"
                        + " own (bounds and TTLs are each region's)");
            }
        }
        return new CaffeineCache(settings.clock());
    }
}
