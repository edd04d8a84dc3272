package dev.agenthive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a contender's memory snapshots take on disk, as file sizes: on SQLite the database file and its
 * WAL, on PostgreSQL {@code pg_total_relation_size} (heap, TOAST and indexes) of the two snapshot
 * tables; and the files of its blob folder.
 *
 * @param store    "sqlite" or "postgresql"
 * @param database bytes in the database
 * @param blobs    bytes in the blob folder
 */
record StoredBytes(String store, long database, long blobs) {
    private static final String TABLES = "SELECT pg_total_relation_size('memory_snapshot_contents')"
            + " + pg_total_relation_size('memory_snapshots')";

    /** What {@code target} holds now; on SQLite, best measured once every connection is closed. */
    static StoredBytes of(BenchTarget target) throws Exception {
        long blobs = folderSize(Hives.blobFolder(target));
        if ("sqlite".equals(target.store())) {
            Path file = target.workDir().resolve(SqliteDatabase.FILE);
            return new StoredBytes("sqlite", fileSize(file) + fileSize(Path.of(file + "-wal")), blobs);
        }
        try (Connection connection = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(TABLES)) {
            row.next();
            return new StoredBytes("postgresql", row.getLong(1), blobs);
        }
    }

    /** E.g. "on disk 40.2 MiB, 65.3 KiB per document (db+wal 1.1 MiB, blobs 39.1 MiB)". */
    String describe(long documents) {
        long total = database + blobs;
        return String.format(Locale.ROOT, "on disk %s, %.1f KiB per document (%s %s, blobs %s)", mib(total),
                documents > 0 ? total / 1024.0 / documents : 0.0, "sqlite".equals(store) ? "db+wal" : "tables",
                mib(database), mib(blobs));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static long fileSize(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    private static long folderSize(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            long total = 0;
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(path);
            }
            return total;
        }
    }
}
