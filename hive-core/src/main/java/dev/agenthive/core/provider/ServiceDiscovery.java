package dev.agenthive.core.provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The {@link ServiceLoader} walk shared by every kind of provider (storage, cache): explicit
 * providers first, one instance per class, and a provider that cannot be loaded or speaks another
 * SPI version logged and listed as unusable instead of failing the others.
 */
final class ServiceDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);
    /** Bounds the walk over a services file whose every entry keeps failing. */
    private static final int MAX_LOAD_ERRORS = 100;

    private ServiceDiscovery() {
    }

    /** The usable providers (explicit ones first) and descriptions of the unusable ones with the reason. */
    record Found<P>(List<P> usable, List<String> unusable) {
        Found {
            usable = List.copyOf(usable);
            unusable = List.copyOf(unusable);
        }
    }

    static <P> Found<P> discover(Class<P> type, String kind, ClassLoader loader, Collection<? extends P> explicit,
                                 ToIntFunction<P> spiVersion, int expectedVersion, Function<P, String> describe) {
        Objects.requireNonNull(explicit, "explicit is null");
        List<P> candidates = new ArrayList<>(explicit);
        List<String> unusable = new ArrayList<>();
        Iterator<P> iterator = ServiceLoader.load(type, loader).iterator();
        int errors = 0;
        while (errors < MAX_LOAD_ERRORS) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                candidates.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                errors++;
                String reason = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause();
                LOG.warn("Skipping a {} provider that cannot be loaded: {}", kind, reason);
                LOG.debug("{} provider loading failure", kind, e);
                unusable.add("unloadable provider (" + reason + ")");
            }
        }
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<P> usable = new ArrayList<>();
        for (P candidate : candidates) {
            if (!seen.add(candidate.getClass())) {
                continue;
            }
            String description = candidate.getClass().getName();
            try {
                description = describe.apply(candidate);
                int version = spiVersion.applyAsInt(candidate);
                if (version != expectedVersion) {
                    LOG.warn("Skipping {} provider {}: built for SPI version {}, this core speaks {}",
                            kind, description, version, expectedVersion);
                    unusable.add(description + ": SPI version " + version + ", expected " + expectedVersion);
                    continue;
                }
                usable.add(candidate);
            } catch (RuntimeException e) {
                LOG.warn("Skipping {} provider {}: it failed to describe itself", kind, description, e);
                unusable.add(description + ": failed to describe itself (" + e + ")");
            }
        }
        return new Found<>(usable, unusable);
    }

    /** {@code name (class)}, with {@code ?} for a provider whose name() throws. */
    static String describe(Object provider, Supplier<String> name) {
        String shown;
        try {
            shown = name.get();
        } catch (RuntimeException e) {
            shown = "?";
        }
        return shown + " (" + provider.getClass().getName() + ")";
    }
}
