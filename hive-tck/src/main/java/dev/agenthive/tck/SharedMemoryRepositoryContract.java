package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryAccess;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.memory.SharedMemoryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link SharedMemoryRepository}: versions and compare-and-set, delete, TTL expiry,
 * prefix listing with paging (free of {@code LIKE} wildcard pitfalls) and access statistics.
 */
public abstract sealed class SharedMemoryRepositoryContract extends AbstractStoreContract permits HiveStoreTck.SharedMemory {

    private SharedMemoryRepository memory() {
        return store().sharedMemory();
    }

    private MemoryEntry put(String namespace, String key, String valueJson, Long expectedVersion) {
        return memory().put(new MemoryWrite(namespace, key, json(valueJson), typeOf(valueJson), null, null,
                expectedVersion));
    }

    private static JsonType typeOf(String valueJson) {
        char first = valueJson.charAt(0);
        return switch (first) {
            case '{' -> JsonType.OBJECT;
            case '[' -> JsonType.ARRAY;
            case '"' -> JsonType.STRING;
            case 't', 'f' -> JsonType.BOOLEAN;
            case 'n' -> JsonType.NULL;
            default -> JsonType.NUMBER;
        };
    }

    @Test
    void putCreatesVersionOneWithEveryField() {
        Instant before = nowMillis();
        MemoryEntry entry = memory().put(new MemoryWrite("team", "plan", json("\"héllo 🐝\""), JsonType.STRING,
                json("{\"owner\":\"alice\"}"), Duration.ofHours(1), null));
        Instant after = nowMillisCeiling();

        assertThat(entry.namespace()).isEqualTo("team");
        assertThat(entry.key()).isEqualTo("plan");
        assertSameJson(entry.value(), json("\"héllo 🐝\""));
        assertThat(entry.dataType()).isEqualTo(JsonType.STRING);
        assertSameJson(entry.metadata(), json("{\"owner\":\"alice\"}"));
        assertThat(entry.version()).isEqualTo(1);
        assertThat(entry.expiresAt()).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(entry.sizeBytes()).isEqualTo("\"héllo 🐝\"".getBytes(StandardCharsets.UTF_8).length);
        assertThat(entry.accessCount()).isZero();
        assertThat(entry.lastAccessedAt()).isNull();
        assertThat(entry.createdAt()).isBetween(before, after);
        assertThat(entry.updatedAt()).isBetween(before, after);
        assertThat(memory().get("team", "plan")).contains(entry);
    }

    @Test
    void putStoresEveryJsonType() {
        List<String> values = List.of("{\"a\":[1,{\"b\":null}]}", "[true,false]", "\"text\"", "-12.5e3", "true", "null");
        for (int i = 0; i < values.size(); i++) {
            put("types", "k" + i, values.get(i), null);
        }

        for (int i = 0; i < values.size(); i++) {
            MemoryEntry entry = memory().get("types", "k" + i).orElseThrow();
            assertSameJson(entry.value(), json(values.get(i)));
            assertThat(entry.dataType()).isEqualTo(typeOf(values.get(i)));
            assertSameJson(entry.metadata(), json("{}"));
            assertThat(entry.expiresAt()).isNull();
        }
    }

    @Test
    void getOfMissingKeyIsEmpty() {
        assertThat(memory().get("team", "nothing")).isEmpty();
    }

    @Test
    void everyWriteBumpsTheVersionAndKeepsCreatedAt() {
        MemoryEntry v1 = put("team", "k", "1", null);
        passTime(Duration.ofMillis(20));
        MemoryEntry v2 = put("team", "k", "2", null);
        MemoryEntry v3 = put("team", "k", "{\"three\":3}", null);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v2.updatedAt()).isAfter(v1.updatedAt());
        assertThat(v3.dataType()).isEqualTo(JsonType.OBJECT);
        assertThat(memory().get("team", "k")).contains(v3);
    }

    @Test
    void namespacesAreSeparate() {
        put("a", "k", "1", null);
        put("b", "k", "2", null);

        assertSameJson(memory().get("a", "k").orElseThrow().value(), json("1"));
        assertSameJson(memory().get("b", "k").orElseThrow().value(), json("2"));
        assertThat(memory().delete("a", "k", null)).isTrue();
        assertThat(memory().get("b", "k")).isPresent();
    }

    @Test
    void expectedVersionZeroCreatesOnlyWhenAbsent() {
        MemoryEntry created = put("team", "k", "1", 0L);
        assertThat(created.version()).isEqualTo(1);

        ConflictException e = assertThrows(ConflictException.class, () -> put("team", "k", "2", 0L));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(memory().get("team", "k")).contains(created);
    }

    @Test
    void expectedVersionWritesOnlyOnThatVersion() {
        put("team", "k", "1", null);
        MemoryEntry v2 = put("team", "k", "2", 1L);
        assertThat(v2.version()).isEqualTo(2);

        for (long stale : List.of(1L, 3L, 99L)) {
            ConflictException e = assertThrows(ConflictException.class, () -> put("team", "k", "\"lost\"", stale));
            assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        }
        assertThat(memory().get("team", "k")).contains(v2);
        assertThat(put("team", "k", "3", 2L).version()).isEqualTo(3);
    }

    @Test
    void expectedVersionOnMissingKeyIsMismatch() {
        ConflictException e = assertThrows(ConflictException.class, () -> put("team", "missing", "1", 1L));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(memory().get("team", "missing")).isEmpty();
    }

    @Test
    void deleteUnconditionally() {
        put("team", "k", "1", null);

        assertThat(memory().delete("team", "k", null)).isTrue();
        assertThat(memory().get("team", "k")).isEmpty();
        assertThat(memory().delete("team", "k", null)).isFalse();
    }

    @Test
    void deleteWithExpectedVersion() {
        put("team", "k", "1", null);
        MemoryEntry v2 = put("team", "k", "2", null);

        ConflictException e = assertThrows(ConflictException.class, () -> memory().delete("team", "k", 1L));
        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(memory().get("team", "k")).contains(v2);

        assertThat(memory().delete("team", "k", 2L)).isTrue();
        assertThat(memory().get("team", "k")).isEmpty();
    }

    @Test
    void recreatedKeyStartsAgainAtVersionOne() {
        put("team", "k", "1", null);
        put("team", "k", "2", null);
        memory().delete("team", "k", null);

        MemoryEntry again = put("team", "k", "3", 0L);

        assertThat(again.version()).isEqualTo(1);
    }

    @Test
    void expiredEntryIsInvisibleThenPurged() {
        MemoryEntry expiring = memory().put(
                new MemoryWrite("team", "short", json("1"), JsonType.NUMBER, null, SHORT_TTL, null));
        memory().put(new MemoryWrite("team", "long", json("2"), JsonType.NUMBER, null, Duration.ofHours(1), null));
        put("team", "forever", "3", null);
        assertThat(expiring.expiresAt()).isEqualTo(expiring.updatedAt().plus(SHORT_TTL));

        passTime(PAST_SHORT_TTL);

        assertThat(memory().get("team", "short")).isEmpty();
        assertThat(keys(memory().list("team", "", null, 100))).containsExactly("forever", "long");
        assertThat(memory().purgeExpired()).isEqualTo(1);
        assertThat(memory().purgeExpired()).isZero();
        assertThat(memory().get("team", "long")).isPresent();
        assertThat(memory().get("team", "forever")).isPresent();
    }

    @Test
    void expiredEntryCountsAsAbsentForCompareAndSet() {
        memory().put(new MemoryWrite("team", "k", json("1"), JsonType.NUMBER, null, SHORT_TTL, null));
        passTime(PAST_SHORT_TTL);

        MemoryEntry fresh = put("team", "k", "2", 0L);

        assertThat(fresh.version()).isEqualTo(1);
        assertThat(fresh.expiresAt()).isNull();
        assertThat(memory().get("team", "k")).contains(fresh);
    }

    @Test
    void listReturnsLiveEntriesByPrefixInKeyOrderWithPaging() {
        for (int i = 99; i >= 0; i--) {
            put("ns", String.format("task/%03d", i), String.valueOf(i), null);
        }
        put("ns", "other/1", "1", null);
        put("other-ns", "task/500", "1", null);

        List<String> walked = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            List<MemoryEntry> entries = memory().list("ns", "task/", after, 15);
            assertThat(entries.size()).isLessThanOrEqualTo(15);
            if (entries.isEmpty()) {
                break;
            }
            walked.addAll(keys(entries));
            after = entries.get(entries.size() - 1).key();
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(String.format("task/%03d", i));
        }
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(keys(memory().list("ns", "", null, 1000))).hasSize(101).startsWith("other/1");
        assertThat(keys(memory().list("ns", "task/05", null, 1000)))
                .containsExactly("task/050", "task/051", "task/052", "task/053", "task/054",
                        "task/055", "task/056", "task/057", "task/058", "task/059");
        assertThat(keys(memory().list("ns", "task/", "task/097", 10))).containsExactly("task/098", "task/099");
        assertThat(memory().list("ns", "nothing", null, 10)).isEmpty();
        assertThat(memory().list("empty-ns", "", null, 10)).isEmpty();
    }

    @Test
    void prefixIsLiteralEvenWithWildcardAndEscapeCharacters() {
        List<String> keys = List.of("a%b", "a_b", "ab", "aXb", "a\\b", "a\\\\b", "a[b]", "a*b", "a.b", "A_b",
                "日本/1", "日本語", "🐝/x", "100%", "100_", "1000", "%", "_", "\\", "'", "''", "\"",
                // Code points whose UTF-16 order differs from their UTF-8 (code point) order.
                "x\uFFFF", "x\uFFFFz", "x\uFFFD", "x\uD83D\uDC1D", "x\uD83D\uDC1Dz");
        for (String key : keys) {
            put("wild", key, jsonString(key).text(), null);
        }

        List<String> prefixes = List.of("a%", "a_", "a\\", "a\\\\", "a[", "a*", "a.", "A_", "日本", "日本/", "🐝",
                "100%", "100_", "%", "_", "\\", "'", "''", "\"", "a",
                "x", "x\uFFFF", "x\uFFFD", "x\uD83D\uDC1D");
        for (String prefix : prefixes) {
            List<String> expected = keys.stream().filter(k -> k.startsWith(prefix)).toList();
            List<MemoryEntry> listed = memory().list("wild", prefix, null, 1000);
            assertThat(keys(listed)).as("prefix %s", prefix).containsExactlyInAnyOrderElementsOf(expected);
        }
        List<String> paged = new ArrayList<>();
        String after = null;
        for (int page = 0; page < keys.size() + 1; page++) {
            List<MemoryEntry> entries = memory().list("wild", "", after, 2);
            if (entries.isEmpty()) {
                break;
            }
            paged.addAll(keys(entries));
            after = entries.get(entries.size() - 1).key();
        }
        assertThat(paged).as("paging by afterKey").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            MemoryEntry entry = memory().get("wild", key).orElseThrow();
            assertThat(entry.key()).isEqualTo(key);
            assertSameJson(entry.value(), jsonString(key));
        }
    }

    @Test
    void listSkipsKeysThatOnlyMatchCaseInsensitively() {
        put("ns", "Alpha", "1", null);
        put("ns", "alpha", "2", null);

        assertThat(keys(memory().list("ns", "al", null, 10))).containsExactly("alpha");
        assertThat(keys(memory().list("ns", "Al", null, 10))).containsExactly("Alpha");
    }

    @Test
    void recordAccessAddsCountsAndSkipsMissingKeys() {
        MemoryEntry written = put("team", "k", "1", null);
        Instant first = Instant.parse("2026-05-01T10:00:00Z");
        Instant second = Instant.parse("2026-05-01T11:00:00Z");

        memory().recordAccess(List.of(new MemoryAccess("team", "k", 3, first),
                new MemoryAccess("team", "missing", 5, first)));
        memory().recordAccess(List.of(new MemoryAccess("team", "k", 2, second)));
        memory().recordAccess(List.of());

        MemoryEntry read = memory().get("team", "k").orElseThrow();
        assertThat(read.accessCount()).isEqualTo(5);
        assertThat(read.lastAccessedAt()).isEqualTo(second);
        assertThat(read.version()).as("reads are not writes").isEqualTo(written.version());
        assertSameJson(read.value(), written.value());
        assertThat(memory().get("team", "missing")).isEmpty();
    }

    @Test
    void failedCompareAndSetLeavesEveryOtherKeyAlone() {
        MemoryEntry a = put("team", "a", "1", null);
        MemoryEntry b = put("team", "b", "2", null);
        List<Executable> conflicting = List.of(
                () -> put("team", "a", "9", 5L),
                () -> put("team", "b", "9", 0L),
                () -> memory().delete("team", "b", 7L));

        for (Executable call : conflicting) {
            assertThrows(ConflictException.class, call);
        }

        assertThat(memory().get("team", "a")).contains(a);
        assertThat(memory().get("team", "b")).contains(b);
    }

    private static List<String> keys(List<MemoryEntry> entries) {
        return entries.stream().map(MemoryEntry::key).toList();
    }
}
