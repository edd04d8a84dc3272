package dev.agenthive.store.sqlite;

import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database holds every agent's state: its file, {@code -wal} and {@code -shm} are readable by
 * their owner only, and an existing database shared more widely is warned of, not changed.
 */
class SqliteFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseAndItsWalAndShmAreOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore store = Stores.open(file)) {
            store.configurations().put(ConfigWrite.of(ConfigKey.system("llm", "model"), Json.of("\"big\"")));

            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path part = dir.resolve("hive.db" + suffix);
                assertThat(part).as(part.toString()).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(part)))
                        .as(part.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingSharedDatabaseIsWarnedOfAndLeftAsItIs() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("shared.db");
        Stores.open(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Stores.open(file).close();
        } finally {
            System.setErr(original);
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN").contains(file.toString()).contains("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }
}
