package dev.agenthive.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingMemoryTest {

    /** Every snapshot must be far above the 64 KiB from which content moves to the blob store, and distinct. */
    @Test
    void isValidJsonOfAbout100To200KiBAndDifferentEachTime() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String previous = "";
        for (int i = 0; i < 20; i++) {
            String text = WorkingMemory.of("demo-1-agent-1", "run-1", 95_000, List.of("task-\"1\"", "task-2"), random)
                    .text();

            JsonNode memory = new ObjectMapper().readTree(text);
            assertThat(memory.get("tasks").get(0).get("id").asText()).isEqualTo("task-\"1\"");
            assertThat(memory.get("files").size()).isBetween(WorkingMemory.MIN_FILES, WorkingMemory.MAX_FILES);
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isBetween(100 * 1024, 220 * 1024);
            assertThat(text).isNotEqualTo(previous);
            previous = text;
        }
    }
}
