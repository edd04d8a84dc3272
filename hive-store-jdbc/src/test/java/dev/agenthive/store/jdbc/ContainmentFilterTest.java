package dev.agenthive.store.jdbc;

import dev.agenthive.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContainmentFilterTest {
    private static final List<Integer> ROWS = IntStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void readsOnFromTheLastRowUntilThePageIsFull() {
        List<Integer> startsAfter = new ArrayList<>();
        List<Integer> kept = ContainmentFilter.<Integer, Integer>read(3, null, (after, limit) -> {
            startsAfter.add(after);
            return ROWS.stream().filter(row -> after == null || row > after).limit(limit).toList();
        }, row -> row, row -> row % 4 == 0);

        assertThat(kept).containsExactly(4, 8, 12);
        assertThat(startsAfter).containsExactly(null, 3, 6, 9);
    }

    @Test
    void stopsWhenTheRowsRunOut() {
        List<Integer> kept = ContainmentFilter.read(5, 10,
                (after, limit) -> ROWS.stream().filter(row -> row > after).limit(limit).toList(),
                row -> row, row -> row % 7 == 0);

        assertThat(kept).containsExactly(14);
    }

    @Test
    void anExactDialectKeepsWhatTheDatabaseReturned() {
        JdbcDialect exact = new TestDialect();
        JdbcDialect loose = new TestDialect() {
            @Override
            public boolean containmentIsExact() {
                return false;
            }
        };
        Json fragment = Json.of("{\"a\":{\"b\":1}}");
        Json deeper = Json.of("{\"a\":[{\"b\":1}]}");

        assertThat(ContainmentFilter.of(exact).containing(fragment)).accepts(deeper);
        assertThat(ContainmentFilter.of(loose).containing(fragment))
                .rejects(deeper, null)
                .accepts(Json.of("{\"a\":{\"b\":1.0,\"c\":2},\"d\":3}"));
        assertThat(ContainmentFilter.of(loose).containing(null)).accepts(deeper);
    }
}
