package dev.agenthive.tck;

import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigScope;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.configuration.ConfigurationRepository;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link ConfigurationRepository}: one value per scope, agent, category and key (the
 * system scope included), versions and compare-and-set, the agent's read falling back to the
 * system value, delete with version, and lists by scope, agent and category.
 */
@RequiresCapability(Capability.CONFIGURATIONS)
public abstract sealed class ConfigurationRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Configurations {

    private ConfigurationRepository configurations() {
        return store().configurations();
    }

    private ConfigEntry put(ConfigKey key, String valueJson, Long expectedVersion) {
        return configurations().put(new ConfigWrite(key, json(valueJson), expectedVersion));
    }

    @Test
    void putCreatesVersionOneWithEveryField() {
        registerAgent("alice");
        Instant before = nowMillis();

        ConfigEntry system = put(ConfigKey.system("llm", "model"), "{\"name\":\"big\",\"temperature\":0.2}", null);
        ConfigEntry own = put(ConfigKey.agent("alice", "llm", "model"), "\"small\"", null);
        Instant after = nowMillisCeiling();

        assertThat(system.scope()).isEqualTo(ConfigScope.SYSTEM);
        assertThat(system.agentId()).isNull();
        assertThat(system.category()).isEqualTo("llm");
        assertThat(system.key()).isEqualTo("model");
        assertSameJson(system.value(), json("{\"name\":\"big\",\"temperature\":0.2}"));
        assertThat(system.version()).isEqualTo(1);
        assertThat(system.createdAt()).isBetween(before, after);
        assertThat(system.updatedAt()).isEqualTo(system.createdAt());
        assertThat(own.scope()).isEqualTo(ConfigScope.AGENT);
        assertThat(own.agentId()).isEqualTo("alice");
        assertThat(own.version()).isEqualTo(1);
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).contains(system);
        assertThat(configurations().find(ConfigKey.agent("alice", "llm", "model"))).contains(own);
        assertThat(own.configKey()).isEqualTo(ConfigKey.agent("alice", "llm", "model"));
    }

    @Test
    void findOfMissingKeyIsEmpty() {
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).isEmpty();
        assertThat(configurations().find(ConfigKey.agent("alice", "llm", "model"))).isEmpty();
    }

    @Test
    void theSystemScopeHasOneValuePerCategoryAndKey() {
        ConfigEntry first = put(ConfigKey.system("llm", "model"), "1", null);
        ConfigEntry second = put(ConfigKey.system("llm", "model"), "2", null);

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(configurations().list(ConfigQuery.byScope(ConfigScope.SYSTEM))).containsExactly(second);
    }

    @Test
    void scopesAgentsCategoriesAndKeysAreSeparate() {
        registerAgent("alice");
        registerAgent("bob");
        List<ConfigKey> keys = List.of(ConfigKey.system("llm", "model"), ConfigKey.system("llm", "limit"),
                ConfigKey.system("git", "model"), ConfigKey.agent("alice", "llm", "model"),
                ConfigKey.agent("bob", "llm", "model"));
        for (int i = 0; i < keys.size(); i++) {
            put(keys.get(i), String.valueOf(i), null);
        }

        for (int i = 0; i < keys.size(); i++) {
            ConfigEntry entry = configurations().find(keys.get(i)).orElseThrow();
            assertSameJson(entry.value(), json(String.valueOf(i)));
            assertThat(entry.version()).isEqualTo(1);
        }
    }

    @Test
    void putForAnUnregisteredAgentIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> put(ConfigKey.agent("ghost", "llm", "model"), "1", null));

        assertThat(e.entity()).isEqualTo("agent");
        assertThat(e.id()).isEqualTo("ghost");
        assertThat(configurations().list(ConfigQuery.all())).isEmpty();
    }

    @Test
    void expectedVersionZeroCreatesOnlyWhenAbsent() {
        ConfigEntry created = put(ConfigKey.system("llm", "model"), "1", 0L);
        assertThat(created.version()).isEqualTo(1);

        ConflictException e = assertThrows(ConflictException.class, () -> put(ConfigKey.system("llm", "model"), "2", 0L));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).contains(created);
    }

    @Test
    void expectedVersionWritesOnlyOnThatVersion() {
        registerAgent("alice");
        ConfigKey key = ConfigKey.agent("alice", "llm", "model");
        put(key, "1", null);
        passTime(Duration.ofMillis(20));
        ConfigEntry v2 = put(key, "2", 1L);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.updatedAt()).isAfter(v2.createdAt());

        for (long stale : List.of(1L, 3L, 99L)) {
            ConflictException e = assertThrows(ConflictException.class, () -> put(key, "\"lost\"", stale));
            assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        }
        assertThat(configurations().find(key)).contains(v2);
        assertThat(put(key, "3", 2L).version()).isEqualTo(3);
    }

    @Test
    void expectedVersionOnMissingKeyIsMismatch() {
        ConflictException e = assertThrows(ConflictException.class, () -> put(ConfigKey.system("llm", "model"), "1", 1L));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).isEmpty();
    }

    @Test
    void concurrentCompareAndSetOnTheSameVersionLetsExactlyOneWin() throws Exception {
        ConfigKey key = ConfigKey.system("llm", "model");
        put(key, "0", null);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String value = String.valueOf(i + 1);
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        put(key, value, 1L);
                        return true;
                    } catch (ConflictException e) {
                        return false;
                    }
                };
                outcomes.add(pool.submit(write));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> outcome : outcomes) {
                won += outcome.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(configurations().find(key).orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void effectiveFallsBackToTheSystemValue() {
        registerAgent("alice");
        registerAgent("bob");
        ConfigEntry system = put(ConfigKey.system("llm", "model"), "\"big\"", null);
        ConfigEntry own = put(ConfigKey.agent("alice", "llm", "model"), "\"small\"", null);

        assertThat(configurations().effective("alice", "llm", "model")).contains(own);
        assertThat(configurations().effective("bob", "llm", "model")).contains(system);
        assertThat(configurations().effective("unregistered", "llm", "model")).contains(system);
        assertThat(configurations().effective("alice", "llm", "other")).isEmpty();

        configurations().delete(ConfigKey.system("llm", "model"), null);
        assertThat(configurations().effective("alice", "llm", "model")).contains(own);
        assertThat(configurations().effective("bob", "llm", "model")).isEmpty();
    }

    @Test
    void anAgentsValueDoesNotLeakToOtherAgents() {
        registerAgent("alice");
        registerAgent("bob");
        put(ConfigKey.agent("alice", "llm", "model"), "\"small\"", null);

        assertThat(configurations().effective("bob", "llm", "model")).isEmpty();
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).isEmpty();
    }

    @Test
    void deleteUnconditionally() {
        put(ConfigKey.system("llm", "model"), "1", null);

        assertThat(configurations().delete(ConfigKey.system("llm", "model"), null)).isTrue();
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).isEmpty();
        assertThat(configurations().delete(ConfigKey.system("llm", "model"), null)).isFalse();
    }

    @Test
    void deleteWithExpectedVersion() {
        registerAgent("alice");
        ConfigKey key = ConfigKey.agent("alice", "llm", "model");
        put(key, "1", null);
        ConfigEntry v2 = put(key, "2", null);

        ConflictException e = assertThrows(ConflictException.class, () -> configurations().delete(key, 1L));
        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(configurations().find(key)).contains(v2);
        assertThat(assertThrows(ConflictException.class,
                () -> configurations().delete(ConfigKey.system("llm", "model"), 1L)).code())
                .isEqualTo(ErrorCode.VERSION_MISMATCH);

        assertThat(configurations().delete(key, 2L)).isTrue();
        assertThat(configurations().find(key)).isEmpty();
        assertThat(configurations().delete(key, 0L)).as("absent, as expected").isFalse();
    }

    @Test
    void recreatedKeyStartsAgainAtVersionOne() {
        ConfigKey key = ConfigKey.system("llm", "model");
        put(key, "1", null);
        put(key, "2", null);
        configurations().delete(key, null);

        assertThat(put(key, "3", 0L).version()).isEqualTo(1);
    }

    @Test
    void listFiltersByScopeAgentAndCategoryInOrder() {
        registerAgent("alice");
        registerAgent("bob");
        put(ConfigKey.agent("bob", "llm", "model"), "1", null);
        put(ConfigKey.system("llm", "model"), "2", null);
        put(ConfigKey.agent("alice", "llm", "model"), "3", null);
        put(ConfigKey.system("git", "remote"), "4", null);
        put(ConfigKey.agent("alice", "git", "remote"), "5", null);
        put(ConfigKey.system("llm", "limit"), "6", null);

        assertThat(describe(configurations().list(ConfigQuery.all()))).containsExactly(
                "system/git/remote", "system/llm/limit", "system/llm/model",
                "alice/git/remote", "alice/llm/model", "bob/llm/model");
        assertThat(describe(configurations().list(ConfigQuery.byScope(ConfigScope.SYSTEM))))
                .containsExactly("system/git/remote", "system/llm/limit", "system/llm/model");
        assertThat(describe(configurations().list(ConfigQuery.byScope(ConfigScope.AGENT))))
                .containsExactly("alice/git/remote", "alice/llm/model", "bob/llm/model");
        assertThat(describe(configurations().list(ConfigQuery.byAgent("alice"))))
                .containsExactly("alice/git/remote", "alice/llm/model");
        assertThat(describe(configurations().list(ConfigQuery.byCategory("llm"))))
                .containsExactly("system/llm/limit", "system/llm/model", "alice/llm/model", "bob/llm/model");
        assertThat(describe(configurations().list(new ConfigQuery(ConfigScope.SYSTEM, null, "llm", 1))))
                .containsExactly("system/llm/limit");
        assertThat(describe(configurations().list(new ConfigQuery(null, "bob", "git", 10)))).isEmpty();
    }

    @Test
    void failedWritesAndBadArgumentsChangeNothing() {
        registerAgent("alice");
        ConfigEntry system = put(ConfigKey.system("llm", "model"), "1", null);
        ConfigEntry own = put(ConfigKey.agent("alice", "llm", "model"), "2", null);
        List<Executable> refused = List.of(
                () -> put(ConfigKey.system("llm", "model"), "9", 5L),
                () -> put(ConfigKey.agent("alice", "llm", "model"), "9", 0L),
                () -> configurations().delete(ConfigKey.agent("alice", "llm", "model"), 7L),
                () -> configurations().put(null),
                () -> configurations().find(null),
                () -> configurations().delete(null, null),
                () -> configurations().delete(ConfigKey.system("llm", "model"), -1L),
                () -> configurations().effective(" ", "llm", "model"),
                () -> configurations().effective("alice", "", "model"),
                () -> configurations().effective("alice", "llm", null),
                () -> configurations().list(null));

        for (Executable call : refused) {
            assertThrows(HiveException.class, call);
        }

        assertThat(assertThrows(InvalidInputException.class, () -> configurations().put(null)).field()).isEqualTo("config");
        assertThat(assertThrows(InvalidInputException.class,
                () -> configurations().delete(ConfigKey.system("llm", "model"), -1L)).field()).isEqualTo("config.expectedVersion");
        assertThat(configurations().find(ConfigKey.system("llm", "model"))).contains(system);
        assertThat(configurations().find(ConfigKey.agent("alice", "llm", "model"))).contains(own);
    }

    private static List<String> describe(List<ConfigEntry> entries) {
        return entries.stream()
                .map(entry -> (entry.agentId() == null ? "system" : entry.agentId()) + "/" + entry.category() + "/" + entry.key())
                .toList();
    }
}
