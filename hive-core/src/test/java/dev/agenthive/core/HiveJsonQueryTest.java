package dev.agenthive.core;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's JSON-fragment queries, through the facade: the services pass the fragments to the store. */
class HiveJsonQueryTest {
    @TempDir
    Path dir;

    @Test
    void eventsAgentsAndMemoryAreFoundByJsonFragments() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.events().record(NewEvent.of("build.finished", Severity.ERROR, null,
                    Json.of("{\"module\":\"core\",\"result\":{\"ok\":false,\"ms\":90}}")));
            hive.events().record(NewEvent.of("build.finished", Severity.INFO, null,
                    Json.of("{\"module\":\"core\",\"result\":{\"ok\":true,\"ms\":812}}")));
            hive.agents().register(new AgentRegistration("coder-1", "coder", Set.of(), null, null,
                    Json.of("{\"model\":\"large\",\"tools\":[\"git\",\"mvn\"]}")));
            hive.agents().register(new AgentRegistration("coder-2", "coder", Set.of(), null, null,
                    Json.of("{\"model\":\"large\",\"tools\":[\"mvn\"]}")));
            hive.sharedMemory().put("plans", "plan/api", Json.of("1"), Json.of("{\"owner\":\"alice\"}"), null, null);
            hive.sharedMemory().put("plans", "plan/cli", Json.of("2"), Json.of("{\"owner\":\"bob\"}"), null, null);
            hive.sharedMemory().put("plans", "notes", Json.of("3"), Json.of("{\"owner\":\"alice\"}"), null, null);

            assertThat(hive.events().query(EventQuery.all(100)
                    .withDetailsContaining(Json.of("{\"module\":\"core\",\"result\":{\"ok\":false}}"))).events())
                    .extracting(Event::severity).containsExactly(Severity.ERROR);
            assertThat(hive.agents().list(AgentQuery.byStatus(AgentStatus.ACTIVE)
                    .withConfigurationContaining(Json.of("{\"model\":\"large\",\"tools\":[\"git\"]}"))))
                    .extracting(Agent::id).containsExactly("coder-1");
            assertThat(hive.sharedMemory().list(
                    new MemoryQuery("plans", "plan/", Json.of("{\"owner\":\"alice\"}"), null, 100)))
                    .extracting(MemoryEntry::key).containsExactly("plan/api");
            assertThat(hive.sharedMemory().list("plans", null, 100)).hasSize(3);
        }
    }
}
