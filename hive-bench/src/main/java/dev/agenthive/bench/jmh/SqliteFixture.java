package dev.agenthive.bench.jmh;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A SQLite file in a temporary directory with Agent Hive's schema and one registered agent; Agent Hive's
 * blob store is in the same directory, not in the working directory.
 */
final class SqliteFixture implements AutoCloseable {
    static final String AGENT = "bench-agent";

    private final Path dir;
    private final Path file;

    private SqliteFixture(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("bench.db");
    }

    static SqliteFixture create() throws IOException {
        SqliteFixture fixture = new SqliteFixture(Files.createTempDirectory("hive-bench-jmh-"));
        try (Hive hive = fixture.openHive()) {
            hive.agents().register(AgentRegistration.of(AGENT, "bench", Set.of()));
        }
        return fixture;
    }

    Hive openHive() {
        return Hive.open(HiveConfig.builder()
                .storageUrl("sqlite:" + file)
                .blobUrl("file:" + dir.resolve("blobs"))
                .build());
    }

    /** A plain connection with Agent Hive's pragmas. */
    Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
