package dev.agenthive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** SQLite: each contender gets a fresh file in a directory of its own under one temporary root. */
final class SqliteDatabase implements BenchDatabase {
    /** The file name every contender's database has inside its own directory. */
    static final String FILE = "bench.db";

    private final Path root;
    private final AtomicInteger next = new AtomicInteger();

    private SqliteDatabase(Path root) {
        this.root = root;
    }

    static SqliteDatabase create() throws Exception {
        return new SqliteDatabase(TempDirs.create("hive-bench-sqlite-"));
    }

    @Override
    public String store() {
        return "sqlite";
    }

    @Override
    public BenchTarget fresh() throws Exception {
        Path dir = Files.createDirectory(root.resolve("db-" + next.incrementAndGet()));
        return new BenchTarget("sqlite", "jdbc:sqlite:" + dir.resolve(FILE), null, null, dir);
    }

    @Override
    public void drop(BenchTarget target) throws Exception {
        TempDirs.delete(target.workDir());
    }

    @Override
    public String version() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select sqlite_version()")) {
            row.next();
            return "SQLite " + row.getString(1) + " (sqlite-jdbc)";
        }
    }

    @Override
    public void close() throws Exception {
        TempDirs.delete(root);
    }
}
