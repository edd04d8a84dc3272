package dev.agenthive.it.model;

import dev.agenthive.api.store.HiveStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/** {@link TaskStateMachineProperties} on SQLite, in a file of a temporary folder. */
class SqliteTaskStateMachineTest extends TaskStateMachineProperties {
    private Path folder;

    @Override
    HiveStore openStore(Clock clock) {
        try {
            folder = Files.createTempDirectory("hive-task-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return open("sqlite:" + folder.resolve("hive.db"), clock);
    }

    @Override
    void closeStore(HiveStore store) {
        store.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String name() {
        return "sqlite";
    }
}
