package dev.agenthive.it.observe;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.HiveModule;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.observe.DomainMeters;
import dev.agenthive.core.observe.OperationMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A known workload, then the meters: every service call counted once under its operation and outcome,
 * the queue's gauges equal to the store's counts after a maintenance round, dead letters, lease
 * expiries, redeliveries and waiting claims as done, and the store's own meters present and moving.
 * Once with the registry given to {@link Hive#open(HiveConfig, MeterRegistry)} (slow-operation log on),
 * once bound in Guice (log off). Each store's subclass says where the hive lives and checks its store's meters.
 */
abstract class HiveMetersContract {
    private static final Json EMPTY = Json.of("{}");

    @TempDir
    Path dir;

    /** A storage URL of an empty store for one test. */
    abstract String newStorageUrl();

    /** The provider's name, the {@code store} tag of its meters. */
    abstract String provider();

    /** Checks the store's own meters after the workload. */
    abstract void assertStoreMeters(MeterRegistry registry);

    @Test
    void theMetersOfAHiveOpenedWithARegistryCountWhatWasDone() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Hive hive = Hive.open(config().set(HiveConfig.SLOW_OPERATION, "5s").build(), registry)) {
            runWorkloadAndCheck(hive, registry);
        }
    }

    @Test
    void theMetersOfAHiveWiredByGuiceWithABoundRegistryCountWhatWasDone() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HiveConfig config = config().set(HiveConfig.SLOW_OPERATION, "0").build();
        Hive hive = Guice.createInjector(Stage.PRODUCTION, new HiveModule(config),
                        binder -> OptionalBinder.newOptionalBinder(binder, MeterRegistry.class).setBinding()
                                .toInstance(registry))
                .getInstance(Hive.class);
        try (hive) {
            runWorkloadAndCheck(hive, registry);
        }
    }

    private HiveConfig.Builder config() {
        return HiveConfig.builder().isolated()
                .storageUrl(newStorageUrl())
                .blobUrl("file:" + dir.resolve("blobs"))
                .maintenanceInterval(Duration.ZERO)
                .set(HiveConfig.MESSAGE_VISIBILITY_TIMEOUT, "50ms");
    }

    private void runWorkloadAndCheck(Hive hive, MeterRegistry registry) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            hive.agents().register(AgentRegistration.of("agent-" + i, "worker", Set.of()));
        }
        for (int i = 0; i < 8; i++) {
            hive.tasks().enqueue(NewTask.builder("task-" + i).maxAttempts(i < 2 ? 1 : 3).build());
        }
        List<Task> claimed = hive.tasks().claim("agent-0", 8, Duration.ZERO);
        assertThat(claimed).hasSize(8);
        for (Task task : claimed) {
            if (task.maxAttempts() == 1) {
                assertThat(hive.tasks().fail(task.id(), task.leaseToken(), EMPTY, true).status())
                        .isEqualTo(TaskStatus.DEAD);
            } else {
                hive.tasks().complete(task.id(), task.leaseToken(), EMPTY);
            }
        }
        assertThat(hive.tasks().claim("agent-2", 1, Duration.ofMillis(100))).as("nothing left to claim").isEmpty();
        for (int i = 8; i < 10; i++) {
            hive.tasks().enqueue(NewTask.builder("task-" + i).build());
        }
        // No claim follows: a claim would take the expired leases back itself, before maintenance does.
        assertThat(hive.tasks().claim("agent-1", 2, Duration.ofMillis(1), Duration.ZERO)).hasSize(2);
        assertThatThrownBy(() -> hive.tasks().get("no-such-task")).isInstanceOf(NotFoundException.class);

        for (int i = 0; i < 3; i++) {
            hive.messages().send(NewMessage.direct("agent-0", "agent-1", "note", EMPTY));
        }
        for (Message message : hive.messages().inbox("agent-1", 10, Duration.ZERO)) {
            hive.messages().ack("agent-1", message.id());
        }
        hive.messages().send(NewMessage.direct("agent-0", "agent-2", "note", EMPTY));
        assertThat(hive.messages().inbox("agent-2", 10, Duration.ZERO)).singleElement()
                .extracting(Message::deliveryCount).isEqualTo(1);
        Thread.sleep(200);
        Message again = hive.messages().inbox("agent-2", 10, Duration.ZERO).get(0);
        assertThat(again.deliveryCount()).as("delivered again after the visibility timeout").isEqualTo(2);
        hive.messages().ack("agent-2", again.id());
        hive.messages().send(NewMessage.direct("agent-0", "agent-1", "unread", EMPTY));

        Thread.sleep(50);
        assertThat(hive.runMaintenance().requeuedTasks()).as("the two 1 ms leases expired").isEqualTo(2);

        Map<String, Long> expected = new TreeMap<>(Map.of(
                "agents.register success", 3L,
                "tasks.enqueue success", 10L,
                "tasks.claim success", 3L,
                "tasks.complete success", 6L,
                "tasks.fail success", 2L,
                "tasks.get not_found", 1L,
                "messages.send success", 5L,
                "messages.inbox success", 3L,
                "messages.ack success", 4L));
        assertThat(operationCounts(registry)).as("hive.operation count by operation and outcome").isEqualTo(expected);
        assertThat(counter(registry, DomainMeters.DEAD)).isEqualTo(2);
        assertThat(counter(registry, DomainMeters.LEASE_EXPIRED)).isEqualTo(2);
        assertThat(counter(registry, DomainMeters.REDELIVERED)).isEqualTo(1);
        assertThat(registry.get(DomainMeters.CLAIM_WAIT).tag("result", "none").timer().count()).isEqualTo(1);
        assertThat(registry.find(DomainMeters.CLAIM_WAIT).tag("result", "claimed").timer().count())
                .as("claims without a wait are no waiting claims").isZero();

        Map<TaskStatus, Long> counts = hive.tasks().countByStatus();
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(registry.get(DomainMeters.QUEUE).tag("status", status.dbValue()).gauge().value())
                    .as("hive.tasks{status=%s}", status.dbValue()).isEqualTo(counts.get(status).doubleValue());
        }
        assertThat(counts).containsEntry(TaskStatus.COMPLETED, 6L).containsEntry(TaskStatus.DEAD, 2L);
        assertThat(registry.get(DomainMeters.PENDING).gauge().value()).isEqualTo(1.0);

        assertThat(Search.in(registry).tag("store", provider()).meters()).as("the store's meters").isNotEmpty();
        assertStoreMeters(registry);
    }

    private static Map<String, Long> operationCounts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        registry.find(OperationMeters.TIMER).timers().forEach(timer -> counts.merge(
                timer.getId().getTag("operation") + " " + timer.getId().getTag("outcome"), timer.count(), Long::sum));
        return counts;
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(name).counter().count();
    }

    static double functionCount(MeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }
}
