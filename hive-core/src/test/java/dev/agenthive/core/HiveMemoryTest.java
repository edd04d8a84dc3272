package dev.agenthive.core;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aValueLargerThanTheLimitIsRejectedAndNothingIsWritten() {
        try (Hive hive = Hive.open(TestHives.config(dir).set(HiveConfig.MEMORY_MAX_VALUE_BYTES, "64").build())) {
            Json big = Json.of("\"" + "x".repeat(100) + "\"");

            assertThatThrownBy(() -> hive.sharedMemory().put("team", "notes", big))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("memory.value");
                        assertThat(e.rule()).isEqualTo("must be at most 64 bytes, was 102");
                    });
            assertThat(hive.sharedMemory().get("team", "notes")).isEmpty();

            Json fits = Json.of("\"" + "x".repeat(62) + "\"");
            assertThat(hive.sharedMemory().put("team", "notes", fits).sizeBytes()).isEqualTo(64);
        }
    }

    @Test
    void aValueNestedTooDeepIsRejectedAndTheOldValueStays() {
        try (Hive hive = Hive.open(TestHives.config(dir).set(HiveConfig.JSON_MAX_DEPTH, "2").build())) {
            hive.sharedMemory().put("team", "k", Json.of("[[1]]"));

            assertThatThrownBy(() -> hive.sharedMemory().put("team", "k", Json.of("[[[1]]]")))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("memory.value"));
            assertThat(hive.sharedMemory().get("team", "k")).get()
                    .satisfies(entry -> {
                        assertThat(entry.value().text()).isEqualTo("[[1]]");
                        assertThat(entry.version()).isEqualTo(1);
                    });
        }
    }

    @Test
    void valuesAreNormalisedAndTypedAndCompareAndSetChecksTheVersion() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            MemoryEntry created = hive.sharedMemory().compareAndSet("team", "list", 0, Json.of("[ 1, 2 ]"));

            assertThat(created.value().text()).isEqualTo("[1,2]");
            assertThat(created.dataType()).isEqualTo(JsonType.ARRAY);
            assertThatThrownBy(() -> hive.sharedMemory().compareAndSet("team", "list", 0, Json.of("3")))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
            MemoryEntry updated = hive.sharedMemory().compareAndSet("team", "list", created.version(), Json.of("3"));
            assertThat(updated.dataType()).isEqualTo(JsonType.NUMBER);
            assertThat(updated.version()).isEqualTo(created.version() + 1);
        }
    }

    @Test
    void readsAreCountedInMemoryAndFlushedByMaintenance() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.sharedMemory().put("team", "k", Json.of("1"));
            for (int i = 0; i < 3; i++) {
                hive.sharedMemory().get("team", "k");
            }

            MaintenanceReport report = hive.runMaintenance();

            assertThat(report.succeeded()).isTrue();
            assertThat(report.flushedAccessKeys()).isEqualTo(1);
            MemoryEntry entry = hive.sharedMemory().get("team", "k").orElseThrow();
            assertThat(entry.accessCount()).isEqualTo(3);
            assertThat(entry.lastAccessedAt()).isNotNull();
        }
    }

    @Test
    void readCountsPendingAtCloseAreNotLost() {
        HiveConfig config = TestHives.config(dir).build();
        try (Hive hive = Hive.open(config)) {
            hive.sharedMemory().put("team", "k", Json.of("1"));
            hive.sharedMemory().get("team", "k");
            hive.sharedMemory().get("team", "k");
        }
        try (Hive reopened = Hive.open(config)) {
            assertThat(reopened.sharedMemory().get("team", "k").orElseThrow().accessCount()).isEqualTo(2);
        }
    }
}
