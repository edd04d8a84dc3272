package dev.agenthive.it.postgres;

import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.it.process.Stores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The server goes away in the middle of a run and comes back: while it is down every call fails
 * with a {@link StorageUnavailableException}, once it is back the same store works again by itself,
 * and every write acknowledged before the stop is still there. The test stops a server of its own,
 * never the shared test server.
 */
class PostgresServerRestartTest {
    @TempDir
    Path data;

    @Test
    void callsFailClearlyWhileTheServerIsDownAndResumeWhenItIsBack() throws Exception {
        EmbeddedPostgres server = start(0);
        int port = server.getPort();
        String url = "postgresql://postgres@localhost:" + port + "/postgres?sslmode=disable";
        Map<String, String> settings = Map.of("hive.postgresql.connect-timeout", "1s",
                "hive.postgresql.socket-timeout", "5s", "hive.postgresql.retry-timeout", "1s");
        try (HiveStore store = Stores.open(url, settings)) {
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                acknowledged.add(store.tasks().enqueue("before-" + i, NewTask.builder("before " + i).build()).id());
            }

            server.close();

            StorageUnavailableException down = assertThrows(StorageUnavailableException.class,
                    () -> store.tasks().enqueue("while-down", NewTask.builder("while down").build()));
            assertThat(down.getMessage()).isNotBlank();
            assertThrows(StorageUnavailableException.class, () -> store.tasks().find("before-0"));
            assertThat(store.health().healthy()).isFalse();

            server = start(port);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    store.tasks().enqueue("after", NewTask.builder("after the restart").build());
                    break;
                } catch (StorageUnavailableException e) {
                    assertThat(System.nanoTime()).as("store usable again within a minute: %s", e.getMessage())
                            .isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
            for (String id : acknowledged) {
                assertThat(store.tasks().find(id)).as("acknowledged task %s", id).isPresent();
            }
            assertThat(store.tasks().find("while-down")).isEmpty();
            assertThat(store.health().healthy()).isTrue();
        } finally {
            server.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
