package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration values through the hive's service: normalised, limited, versioned, with fallback. */
class HiveConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void valuesAreNormalisedAndAnAgentFallsBackToTheSystemValue() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            hive.agents().register(AgentRegistration.of("bob", "coder", Set.of()));

            ConfigEntry system = hive.configurations().setSystem("llm", "model", Json.of("{ \"name\" : \"big\" }"));
            ConfigEntry own = hive.configurations().setForAgent("alice", "llm", "model", Json.of("[ 1, 2 ]"));

            assertThat(system.value().text()).isEqualTo("{\"name\":\"big\"}");
            assertThat(own.value().text()).isEqualTo("[1,2]");
            assertThat(hive.configurations().effective("alice", "llm", "model")).contains(own);
            assertThat(hive.configurations().effective("bob", "llm", "model")).contains(system);
            assertThat(hive.configurations().list(ConfigQuery.byCategory("llm"))).containsExactly(system, own);
        }
    }

    @Test
    void compareAndSetChecksTheVersion() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            ConfigKey key = ConfigKey.system("queue", "lease");
            ConfigEntry created = hive.configurations().put(key, Json.of("30"), 0L);

            assertThatThrownBy(() -> hive.configurations().put(key, Json.of("60"), 0L))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
            ConfigEntry updated = hive.configurations().put(key, Json.of("60"), created.version());

            assertThat(updated.version()).isEqualTo(2);
            assertThat(hive.configurations().delete(key, 2L)).isTrue();
            assertThat(hive.configurations().find(key)).isEmpty();
        }
    }

    @Test
    void aValueBeyondTheJsonLimitsIsRejectedAndTheOldValueStays() {
        try (Hive hive = Hive.open(TestHives.config(dir).set(HiveConfig.JSON_MAX_DEPTH, "2").build())) {
            ConfigEntry kept = hive.configurations().setSystem("llm", "model", Json.of("[[1]]"));

            assertThatThrownBy(() -> hive.configurations().setSystem("llm", "model", Json.of("[[[1]]]")))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("config.value"));
            assertThatThrownBy(() -> hive.configurations().setSystem("llm", "model", Json.of("{\"a\":1,\"a\":2}")))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("config.value"));

            assertThat(hive.configurations().find(ConfigKey.system("llm", "model"))).contains(kept);
        }
    }
}
