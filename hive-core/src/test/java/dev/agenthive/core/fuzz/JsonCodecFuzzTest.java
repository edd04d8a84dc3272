package dev.agenthive.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.json.ValidJson;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the services' JSON boundary: any text is normalised or refused with an
 * {@link InvalidInputException} naming the field, never anything else; a normalised value validates
 * again to itself, keeps the limits and holds no U+0000. Small limits so that the fuzzer reaches
 * them. In {@code mvn verify} it replays the seeds under {@code src/test/resources}; with
 * {@code JAZZER_FUZZ=1} it fuzzes.
 */
class JsonCodecFuzzTest {
    private static final int DEPTH = 4;
    private static final int BYTES = 256;
    private static final JsonCodec CODEC = new JsonCodec(DEPTH, BYTES);

    @FuzzTest(maxDuration = "10m")
    void normalisedJsonValidatesAgainToItself(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ValidJson valid;
        try {
            valid = CODEC.validate(Json.of(text), "fuzz.json");
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo("fuzz.json");
            assertThat(e.rule()).isNotBlank();
            return;
        }
        String normalised = valid.json().text();
        ValidJson again = CODEC.validate(valid.json(), "fuzz.json");
        assertThat(again.json().text()).isEqualTo(normalised);
        assertThat(again.type()).isEqualTo(valid.type());
        assertThat(valid.sizeBytes()).isEqualTo(normalised.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Checks.hasNul(normalised)).as("U+0000 in %s", normalised).isFalse();
    }
}
