package dev.agenthive.it.cache;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write path of the services against every cached read: a random workload runs through a
 * cached hive, and after each operation every hot read of the cached hive must equal the same read
 * through an uncached hive on the same file. A write that forgets an invalidation shows up as the
 * first operation after which the two disagree.
 */
class CachedReadsMatchTheStoreTest {
    private static final int OPERATIONS = 600;
    private static final List<String> AGENTS = List.of("a1", "a2", "a3", "a4");
    private static final List<String> KEYS = List.of("k1", "k2", "k3");

    @TempDir
    Path dir;

    @Test
    void afterEveryOperationTheCachedReadsEqualTheStoresAnswers() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        Random random = new Random(20261206);
        try (Hive cached = open(storage, "caffeine:"); Hive direct = open(storage, HiveConfig.NO_CACHE)) {
            assertThat(cached.cacheHealth()).as("caching is on").isPresent();
            assertThat(direct.cacheHealth()).isEmpty();
            for (String agent : AGENTS) {
                cached.agents().register(AgentRegistration.of(agent, "worker", Set.of()));
            }
            String project = cached.projects().create(NewProject.project("p")).id();
            List<String> tasks = new ArrayList<>();
            List<Task> held = new ArrayList<>();
            for (int op = 1; op <= OPERATIONS; op++) {
                String operation = step(cached, random, project, tasks, held);
                compare(cached, direct, project, tasks, "after operation " + op + " (" + operation + ")");
            }
            assertThat(cached.cacheStats().values().stream().mapToLong(s -> s.hits()).sum())
                    .as("the cached hive served reads from the cache").isPositive();
        }
    }

    private static String step(Hive hive, Random random, String project, List<String> tasks, List<Task> held)
            throws InterruptedException {
        String agent = AGENTS.get(random.nextInt(AGENTS.size()));
        String key = KEYS.get(random.nextInt(KEYS.size()));
        int choice = random.nextInt(16);
        try {
            switch (choice) {
                case 0 -> hive.agents().heartbeat(agent);
                case 1 -> hive.agents().setStatus(agent, random.nextBoolean() ? AgentStatus.ACTIVE : AgentStatus.IDLE);
                case 2 -> hive.sessions().sleep(agent, Json.of("{\"n\":" + random.nextInt(100) + "}"));
                case 3 -> hive.sessions().wake(agent);
                case 4 -> {
                    NewTask.Builder task = NewTask.builder("t" + tasks.size());
                    if (!tasks.isEmpty() && random.nextBoolean()) {
                        task.dependencies(List.of(tasks.get(random.nextInt(tasks.size()))));
                    }
                    String id = hive.tasks().enqueue(task.build()).id();
                    tasks.add(id);
                    hive.projects().addTask(project, id);
                }
                case 5 -> held.addAll(hive.tasks().claim(agent, 2, Duration.ZERO));
                case 6, 7 -> {
                    if (!held.isEmpty()) {
                        Task task = held.remove(random.nextInt(held.size()));
                        switch (random.nextInt(4)) {
                            case 0 -> hive.tasks().complete(task.id(), task.leaseToken(), Json.of("1"));
                            case 1 -> hive.tasks().fail(task.id(), task.leaseToken(), Json.of("\"e\""), random.nextBoolean());
                            case 2 -> held.add(hive.tasks().start(task.id(), task.leaseToken()));
                            default -> held.add(hive.tasks().heartbeat(task.id(), task.leaseToken()));
                        }
                    }
                }
                case 8 -> {
                    if (!tasks.isEmpty()) {
                        hive.tasks().cancel(tasks.get(random.nextInt(tasks.size())));
                    }
                }
                case 9 -> hive.configurations().setSystem("c", key, Json.of(Integer.toString(random.nextInt(9))));
                case 10 -> hive.configurations().setForAgent(agent, "c", key, Json.of(Integer.toString(random.nextInt(9))));
                case 11 -> hive.configurations().delete(random.nextBoolean() ? ConfigKey.system("c", key)
                        : ConfigKey.agent(agent, "c", key), null);
                case 12 -> hive.sharedMemory().put("m", key, Json.of(Integer.toString(random.nextInt(9))));
                case 13 -> hive.sharedMemory().delete("m", key);
                case 14 -> hive.agents().detectCrashed(Duration.ofMillis(1 + random.nextInt(3)));
                default -> {
                    if (!tasks.isEmpty()) {
                        hive.projects().removeTask(project, tasks.get(random.nextInt(tasks.size())));
                    }
                }
            }
        } catch (HiveException refused) {
            // A transition the random workload asked for in the wrong state; refused writes change nothing.
            return choice + " refused: " + refused.getMessage();
        }
        return Integer.toString(choice);
    }

    private static void compare(Hive cached, Hive direct, String project, List<String> tasks, String when) {
        for (String agent : AGENTS) {
            assertThat(cached.agents().find(agent)).as("agent %s %s", agent, when).isEqualTo(direct.agents().find(agent));
            for (String key : KEYS) {
                assertThat(cached.configurations().effective(agent, "c", key)).as("config %s/%s %s", agent, key, when)
                        .isEqualTo(direct.configurations().effective(agent, "c", key));
            }
        }
        for (AgentStatus status : AgentStatus.values()) {
            assertThat(cached.agents().list(AgentQuery.byStatus(status))).as("agents %s %s", status, when)
                    .isEqualTo(direct.agents().list(AgentQuery.byStatus(status)));
        }
        assertThat(cached.agents().list(AgentQuery.all())).as("all agents %s", when)
                .isEqualTo(direct.agents().list(AgentQuery.all()));
        for (String key : KEYS) {
            assertThat(cached.sharedMemory().get("m", key).map(e -> e.value() + "@" + e.version()))
                    .as("memory %s %s", key, when)
                    .isEqualTo(direct.sharedMemory().get("m", key).map(e -> e.value() + "@" + e.version()));
        }
        for (String task : tasks) {
            assertThat(cached.tasks().find(task)).as("task %s %s", task, when).isEqualTo(direct.tasks().find(task));
        }
        assertThat(cached.projects().progress(project)).as("progress %s", when)
                .isEqualTo(direct.projects().progress(project));
    }

    private static Hive open(String storage, String cache) {
        return Hive.open(HiveConfig.builder().isolated()
                .storageUrl(storage)
                .cacheUrl(cache)
                .maintenanceInterval(Duration.ZERO)
                .build());
    }
}
