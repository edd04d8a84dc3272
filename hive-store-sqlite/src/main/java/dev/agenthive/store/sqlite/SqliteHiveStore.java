package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.store.jdbc.FlywayMigrator;
import dev.agenthive.store.jdbc.JdbcDialect;
import dev.agenthive.store.jdbc.JdbcHiveStore;
import dev.agenthive.store.jdbc.MapperCatalog;
import dev.agenthive.store.jdbc.SqlExceptionTranslator;
import org.apache.ibatis.session.SqlSessionFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The SQLite {@link dev.agenthive.api.store.HiveStore}: one database file in WAL mode, one writer
 * thread with group commit, a pool of query-only readers. Open it with {@link #open} or through
 * {@link SqliteStorageProvider}.
 */
public final class SqliteHiveStore extends JdbcHiveStore {
    private static final String PROVIDER = "sqlite";
    private static final long WAL_HEADER_BYTES = 32;
    private static final long WAL_FRAME_HEADER_BYTES = 24;

    private final SqliteUrl url;
    private final SqliteStoreConfig config;
    private final SqliteWriter writer;
    private final SqliteReadPool readers;
    private final SqliteExecutor executor;
    private final SqliteChangeFeed changes;
    private final Runnable stopListening;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteHiveStore(SqliteUrl url, SqliteStoreConfig config, Clock clock, JdbcDialect dialect,
                            LargeContent largeContent, SqliteWriter writer, SqliteReadPool readers,
                            SqliteChangeFeed changes, Runnable stopListening) {
        this(url, config, clock, dialect, largeContent, writer, readers, new SqliteExecutor(writer, readers), changes,
                stopListening);
    }

    private SqliteHiveStore(SqliteUrl url, SqliteStoreConfig config, Clock clock, JdbcDialect dialect,
                            LargeContent largeContent, SqliteWriter writer, SqliteReadPool readers,
                            SqliteExecutor executor, SqliteChangeFeed changes, Runnable stopListening) {
        super(executor, clock, dialect, largeContent, config.maxBlobBytes(), config.jsonLimits());
        this.url = url;
        this.config = config;
        this.writer = writer;
        this.readers = readers;
        this.executor = executor;
        this.changes = changes;
        this.stopListening = stopListening;
    }

    /** The store's statements, parsed at the first {@code get()}: one for all the stores a provider opens. */
    public static Supplier<MapperCatalog> catalog() {
        return MapperCatalog.lazy(new SqliteDialect(), List.of(SqliteControlMapper.class));
    }

    /**
     * Opens (creating parent directories and, if asked, migrating) the database. A new database file
     * is created readable and writable by its owner only ({@link DatabaseFilePermissions}).
     *
     * @param url     the parsed URL, whose path is already absolute
     * @param config  the {@code hive.sqlite.*} settings
     * @param clock   the store's clock: every "now" of leases, heartbeats, expiry
     * @param migrate run the Flyway migrations first
     * @param catalog the statements of {@link #catalog()}
     * @param largeContent where content above the inline limit goes
     * @param statements hears the statements each operation runs, on whichever thread runs them
     * @throws StorageUnavailableException the file (or the {@linkplain #changeFeed() change counter}
     *                                     beside it) cannot be created, opened or migrated
     */
    public static SqliteHiveStore open(SqliteUrl url, SqliteStoreConfig config, Clock clock, boolean migrate,
                                       MapperCatalog catalog, LargeContent largeContent, StatementListener statements) {
        Path path = url.path();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot create the directory of " + path + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(path)) {
            throw new StorageUnavailableException(path + " is a directory, not a database file", null);
        }
        DatabaseFilePermissions.createPrivate(path);
        // First, since it holds nothing that would need closing if a later step fails.
        SqliteChangeFeed changes = SqliteChangeFeed.open(path);
        JdbcDialect dialect = catalog.dialect();
        SqlExceptionTranslator translator = new SqlExceptionTranslator(dialect);
        SqliteConnections connections = new SqliteConnections(path, config);
        MigrationLock lock = MigrationLock.acquire(path, config.writeRetryTimeout());
        try {
            if (migrate) {
                FlywayMigrator.migrate(connections.dataSource(), dialect);
            } else {
                FlywayMigrator.requireMigrated(connections.dataSource(), dialect);
            }
        } finally {
            lock.close();
        }
        catalog.requireDatabase(connections.dataSource());
        SqlSessionFactory sessions = catalog.sessions();
        Runnable stopListening = catalog.listen(statements);
        try {
            SqliteWriter writer = new SqliteWriter(connections.open(), sessions, translator, config, path, statements);
            SqliteReadPool readers = new SqliteReadPool(connections, sessions, translator, config);
            return new SqliteHiveStore(url, config, clock, dialect, largeContent, writer, readers, changes,
                    stopListening);
        } catch (RuntimeException | Error e) {
            stopListening.run();
            throw e;
        }
    }

    /**
     * The writer's and the readers' figures: group commits with the time of their {@code COMMIT}
     * ({@code hive.store.commit}), the operations they committed ({@code hive.store.batch.operations})
     * and how many batches of each size ({@code hive.store.batches}, tag {@code size}), waits for the
     * database's write lock (the file lock between processes and {@code BEGIN IMMEDIATE};
     * {@code hive.store.lock.wait}), transactions run again because another process held the database
     * ({@code hive.store.retries}), operations queued for the writer now ({@code hive.store.writer.queued})
     * and the checkpoints forced to bound the WAL ({@code hive.store.wal.checkpoints}).
     */
    @Override
    public List<Instrument> instruments() {
        Map<String, String> none = Map.of();
        WriterMeters meters = writer.meters();
        List<Instrument> instruments = new ArrayList<>();
        instruments.add(Instrument.timer("hive.store.commit", "Group commits of the writer, timed by their COMMIT",
                none, () -> writer.stats().commits(), meters::commitNanos));
        instruments.add(Instrument.counter("hive.store.batch.operations", "Operations committed by group commits", none,
                () -> writer.stats().operations()));
        for (int bucket = 0; bucket < WriterMeters.SIZE_BUCKETS.length; bucket++) {
            int index = bucket;
            instruments.add(Instrument.counter("hive.store.batches", "Group commits by their number of operations",
                    Map.of("size", WriterMeters.SIZE_BUCKETS[bucket]), () -> meters.batches(index)));
        }
        instruments.add(Instrument.timer("hive.store.lock.wait",
                "Waits for the database's write lock (file lock and BEGIN IMMEDIATE)", none, meters::lockWaits,
                meters::lockWaitNanos));
        instruments.add(Instrument.counter("hive.store.retries",
                "Write batches and reads run again because another process held the database", none,
                () -> writer.stats().retries() + readers.retries()));
        instruments.add(Instrument.gauge("hive.store.writer.queued", "Operations waiting for the writer", none,
                () -> writer.stats().queued()));
        instruments.add(Instrument.counter("hive.store.wal.checkpoints", "Checkpoints forced to keep the WAL bounded",
                none, () -> writer.stats().checkpoints()));
        return List.copyOf(instruments);
    }

    @Override
    public StoreHealth health() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("path", url.path().toString());
        if (closed.get()) {
            details.put("error", "store is closed");
            return new StoreHealth(false, PROVIDER, location(), details);
        }
        try {
            executor.read(session -> {
                SqliteControlMapper control = session.getMapper(SqliteControlMapper.class);
                control.selectOne();
                details.put("journal_mode", control.journalMode());
                details.put("synchronous", synchronousName(control.synchronous()));
                details.put("foreign_keys", control.foreignKeys() == 1 ? "on" : "off");
                details.put("page_size", String.valueOf(control.pageSize()));
                return null;
            });
            WriterStats stats = writer.stats();
            details.put("read_pool_size", String.valueOf(config.readPoolSize()));
            details.put("commits", String.valueOf(stats.commits()));
            details.put("operations", String.valueOf(stats.operations()));
            putWal(details, Integer.parseInt(details.get("page_size")), stats);
            return new StoreHealth(true, PROVIDER, location(), details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new StoreHealth(false, PROVIDER, location(), details);
        }
    }

    /**
     * The WAL as the file system sees it: its size, the pages it has room for (a frame is a page and a
     * 24-byte header, after a 32-byte file header), its bound, and the checkpoints this process's
     * writer forced to keep to that bound. A WAL far above the bound means a reader (of any process)
     * has held one snapshot for a long time, so that no checkpoint could restart the log.
     */
    private void putWal(Map<String, String> details, int pageSize, WriterStats stats) {
        Path wal = url.path().resolveSibling(url.path().getFileName() + "-wal");
        long bytes;
        try {
            bytes = Files.size(wal);
        } catch (NoSuchFileException e) {
            bytes = 0;
        } catch (IOException e) {
            details.put("wal_error", String.valueOf(e.getMessage()));
            return;
        }
        details.put("wal_bytes", String.valueOf(bytes));
        details.put("wal_pages", String.valueOf(bytes <= WAL_HEADER_BYTES ? 0 : (bytes - WAL_HEADER_BYTES) / (pageSize + WAL_FRAME_HEADER_BYTES)));
        details.put("wal_size_limit_bytes", String.valueOf(config.walSizeLimit()));
        details.put("wal_checkpoints", String.valueOf(stats.checkpoints()));
    }

    @Override
    public String location() {
        return url.location();
    }

    /**
     * The counter of changes shared by every process on this file: immediate (a publication is seen
     * by the next catch-up of every other process), but without keys, so another process's write
     * drops this process's whole cache. See {@link SqliteChangeFeed}.
     */
    @Override
    public Optional<ChangeFeed> changeFeed() {
        return Optional.of(changes);
    }

    /** The absolute path of the database file. */
    public Path path() {
        return url.path();
    }

    /** The settings the store was opened with. */
    public SqliteStoreConfig config() {
        return config;
    }

    /** Counters of the writer: commits against operations shows how well group commit batches. */
    public WriterStats writerStats() {
        return writer.stats();
    }

    /**
     * Stops the change feed's catch-ups, drains and commits the queued writes, stops the writer,
     * checkpoints and truncates the WAL and closes every connection. Idempotent; later calls of any
     * repository fail with {@link StorageUnavailableException} ("store is closed").
     */
    @Override
    public void close() {
        if (writer.isWriterThread()) {
            throw new IllegalStateException("the store cannot be closed from inside a transaction");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        changes.close();
        try {
            writer.close();
        } finally {
            readers.close();
            stopListening.run();
        }
    }

    /** The executor of this store, for tests of the engine in this package. */
    SqliteExecutor executor() {
        return executor;
    }

    private static String synchronousName(int level) {
        return switch (level) {
            case 0 -> "OFF";
            case 1 -> "NORMAL";
            case 2 -> "FULL";
            case 3 -> "EXTRA";
            default -> String.valueOf(level);
        };
    }
}
