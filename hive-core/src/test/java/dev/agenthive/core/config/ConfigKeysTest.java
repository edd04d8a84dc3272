package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigKeysTest {
    private final ConfigKeys keys = ConfigKeys.withProviderKeys(Set.of("hive.twin.mode"));

    @Test
    void environmentNamesAreUpperCaseWithDotsAndDashesAsUnderscores() {
        assertThat(HiveConfig.environmentName("hive.storage.url")).isEqualTo("HIVE_STORAGE_URL");
        assertThat(HiveConfig.environmentName("hive.agent.heartbeat-timeout")).isEqualTo("HIVE_AGENT_HEARTBEAT_TIMEOUT");
        assertThat(keys.forEnvironmentName("HIVE_AGENT_HEARTBEAT_TIMEOUT")).contains(HiveConfig.AGENT_HEARTBEAT_TIMEOUT);
    }

    @Test
    void theCoreKeysTheConfigFileKeyAndProviderKeysAreKnown() {
        keys.requireKnown(HiveConfig.TASK_LEASE, "builder");
        keys.requireKnown(HiveConfig.CONFIG_FILE, "builder");
        keys.requireKnown("hive.twin.mode", "builder");

        assertThat(keys.forEnvironmentName("HIVE_TWIN_MODE")).contains("hive.twin.mode");
        assertThat(keys.forEnvironmentName("HIVE_HOME")).isEmpty();
    }

    @Test
    void anUnknownKeyFailsNamingItItsOriginAndTheCloseMatch() {
        assertThatThrownBy(() -> keys.requireKnown("hive.task.leese", "system property"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("hive.task.leese");
                    assertThat(e.rule()).isEqualTo("is not a known configuration key (from system property);"
                            + " did you mean hive.task.lease?");
                });
    }

    @Test
    void aNameCloseToNothingListsTheKnownNames() {
        assertThat(ConfigKeys.suggestions("hive.completely.different.thing", List.of("hive.b", "hive.a")))
                .isEqualTo("; known: hive.a, hive.b");
        assertThat(keys.environmentSuggestions("HIVE_STORAGE_URI")).isEqualTo("; did you mean HIVE_STORAGE_URL?");
    }
}
