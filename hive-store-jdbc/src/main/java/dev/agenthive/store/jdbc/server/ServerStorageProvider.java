package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.Checks;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link StorageProvider} for a database server: its name, its {@code hive.<name>.*} keys
 * ({@link ServerStoreConfig}) and the order of an open, in which every setting is checked before
 * anything connects. A store's provider says which URLs are its own, how it parses them and how it
 * opens.
 *
 * @param <U> the store's parsed URL
 */
public abstract class ServerStorageProvider<U> implements StorageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStorageProvider.class);

    private final String name;
    private final String product;

    /**
     * @param name    the provider's name, e.g. {@code "postgresql"}; its keys are {@code hive.<name>.*}
     * @param product the database's name in messages, e.g. {@code "PostgreSQL"}
     */
    protected ServerStorageProvider(String name, String product) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.product = Objects.requireNonNull(product, "product is null");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public Set<String> configKeys() {
        return ServerStoreConfig.keys(name);
    }

    /**
     * Opens the store: the URL and every {@code hive.<name>.*} key are checked first (failing with an
     * {@link dev.agenthive.api.error.InvalidInputException} naming the key), then the store connects,
     * migrates the schema if {@link StorageSettings#migrate()} (or else requires it to be current),
     * and starts whatever it runs besides. A weak TLS mode towards a host that is not this machine
     * ({@link ServerUrl#weakTransport()}) is logged as one warning before connecting.
     */
    @Override
    public final HiveStore open(StorageSettings settings) {
        Checks.notNull(settings, "settings");
        U url = parseUrl(settings.url());
        ServerStoreConfig config = ServerStoreConfig.from(name, product, settings.properties());
        serverUrl(url).flatMap(ServerUrl::weakTransport).ifPresent(warning -> LOG.warn("{}: {}", product, warning));
        return open(url, config, settings);
    }

    /**
     * The kit's {@link ServerUrl} behind the store's parsed URL, for the checks every server store
     * shares (the weak-TLS warning); empty (the default) for a store whose URL is not one, such as an
     * embedded database.
     */
    protected Optional<ServerUrl> serverUrl(U url) {
        return Optional.empty();
    }

    /**
     * Parses a URL this provider {@linkplain #accepts accepts}, throwing an
     * {@link dev.agenthive.api.error.InvalidInputException} that names what is wrong (and never
     * repeats a password).
     */
    protected abstract U parseUrl(String url);

    /** Opens the store with the checked URL and settings. */
    protected abstract HiveStore open(U url, ServerStoreConfig config, StorageSettings settings);
}
