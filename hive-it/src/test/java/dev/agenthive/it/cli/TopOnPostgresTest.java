package dev.agenthive.it.cli;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hive top --plain} on PostgreSQL: the same figures as on SQLite, from the server's store. */
class TopOnPostgresTest {

    @Test
    void plainFramesShowTheCountsAlertsAndSlowOperationsOfAPostgresqlStore() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        String storage = server.freshDatabase();
        try {
            try (Hive hive = Hive.open(HiveConfig.builder().isolated().storageUrl(storage)
                    .maintenanceInterval(Duration.ZERO).build())) {
                hive.agents().register(AgentRegistration.of("coder-1", "coder", Set.of()));
                hive.agents().register(AgentRegistration.of("coder-2", "coder", Set.of()));
                for (int i = 0; i < 6; i++) {
                    hive.tasks().enqueue(NewTask.builder("task " + i).build());
                }
                List<Task> held = hive.tasks().claim("coder-1", 2, Duration.ZERO);
                hive.tasks().complete(held.get(0).id(), held.get(0).leaseToken(), Json.of("{}"));
                hive.messages().send(NewMessage.direct("coder-1", "coder-2", "note", Json.of("{}")));
                hive.events().record(NewEvent.of("alert.raised", Severity.WARNING, null,
                        Json.of("{\"alert\":\"queue-depth\",\"value\":4,\"threshold\":3}")));
                hive.events().record(NewEvent.of("operation.slow", Severity.WARNING, "coder-1",
                        Json.of("{\"operation\":\"tasks.complete\",\"millis\":150,\"outcome\":\"ok\","
                                + "\"statements\":[\"complete\"]}")));
            }

            CliRun top = CliRun.run("--storage", storage, "top", "--plain", "--iterations", "2", "--interval", "100ms");

            assertThat(top.exitCode()).as(top.toString()).isZero();
            assertThat(top.out().split("(?m)^(?=hive top )")).hasSize(2).allSatisfy(frame -> assertThat(frame)
                    .startsWith("hive top   postgresql://")
                    .containsPattern("agents\\s+active 2   idle 0")
                    .containsPattern("tasks\\s+pending 0   queued 4   claimed 1   running 0   completed 1")
                    .contains("1 messages pending")
                    .containsPattern("coder-1\\s+1\\s+0\n")
                    .containsPattern("queue-depth\\s+4\\s+3\\s+")
                    .containsPattern("tasks\\.complete\\s+150\\s+ok\\s+complete"));
        } finally {
            server.drop(storage);
        }
    }
}
