package dev.agenthive.store.sqlite;

import dev.agenthive.api.Checks;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.store.jdbc.MapperCatalog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * StorageProvider {@code "sqlite"} for URLs {@code sqlite:<path>} and {@code jdbc:sqlite:<path>},
 * registered in {@code META-INF/services/dev.agenthive.api.spi.StorageProvider}.
 */
public final class SqliteStorageProvider implements StorageProvider {
    private final Supplier<MapperCatalog> catalog = SqliteHiveStore.catalog();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Set<String> configKeys() {
        return SqliteStoreConfig.KEYS;
    }

    @Override
    public boolean accepts(String url) {
        return SqliteUrl.accepts(url);
    }

    /**
     * Opens the store: the URL and every {@code hive.sqlite.*} key are checked first (failing with
     * an {@link dev.agenthive.api.error.InvalidInputException} naming the key), then the file is
     * created, migrated if {@link StorageSettings#migrate()} and opened.
     */
    /** {@code file:<database file>-blobs}, named like SQLite's own {@code -wal} and {@code -shm} files beside it. */
    @Override
    public Optional<String> blobUrlBeside(String url) {
        Path database = SqliteUrl.parse(url).path();
        return Optional.of("file:" + database.resolveSibling(database.getFileName() + "-blobs"));
    }

    @Override
    public HiveStore open(StorageSettings settings) {
        Checks.notNull(settings, "settings");
        SqliteUrl url = SqliteUrl.parse(settings.url());
        SqliteStoreConfig config = SqliteStoreConfig.from(settings.properties());
        return SqliteHiveStore.open(url, config, settings.clock(), settings.migrate(), catalog.get(),
                settings.largeContent(), settings.statements());
    }
}
