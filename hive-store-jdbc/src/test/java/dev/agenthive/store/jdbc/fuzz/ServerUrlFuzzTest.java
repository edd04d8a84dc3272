package dev.agenthive.store.jdbc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.store.jdbc.server.ServerUrl;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the server stores' URL parser: any text is parsed or refused with an
 * {@link InvalidInputException} naming {@code hive.storage.url}, and a password never shows in a
 * refusal, in {@code location()}, {@code toString()} or the driver's URL. In {@code mvn verify} it
 * replays the seeds under {@code src/test/resources}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ServerUrlFuzzTest {
    /** Marks the password; the other parts of a fuzzed URL never hold it. */
    private static final String CANARY = "Zq9CANARY";
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("postgresql", List.of("jdbc:postgresql:"), 5432);

    @FuzzTest(maxDuration = "10m")
    void anyTextIsParsedOrRefusedNamingTheField(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();
        ServerUrl parsed;
        try {
            parsed = SYNTAX.parse(url);
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo(ServerUrl.FIELD);
            return;
        }
        assertThat(parsed.hosts()).isNotEmpty();
        assertThat(parsed.user()).isNotBlank();
        assertThat(parsed.database()).isNotBlank().doesNotContain("/");
        String password = parsed.password();
        String location = parsed.location();
        if (password != null && password.length() >= 6 && !otherPartsHold(parsed, password)) {
            // The schemes are the parser's own words, which a password may happen to spell.
            assertThat(location.substring("postgresql://".length())).doesNotContain(password);
            assertThat(parsed.toString().substring("postgresql://".length())).doesNotContain(password);
            assertThat(parsed.jdbcUrl("jdbc:postgresql:").substring("jdbc:postgresql://".length())).doesNotContain(password);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void aPasswordNeverShows(FuzzedDataProvider data) {
        String user = part(data);
        String password = CANARY + data.consumeString(40) + CANARY;
        String host = part(data);
        String database = part(data);
        String options = part(data);
        boolean inQuery = data.consumeBoolean();
        String url = inQuery
                ? "postgresql://" + host + "/" + database + "?user=" + user + "&password=" + password + "&" + options
                : "postgresql://" + user + ":" + password + "@" + host + "/" + database + "?" + options;
        try {
            ServerUrl parsed = SYNTAX.parse(url);
            assertThat(parsed.location()).doesNotContainIgnoringCase(CANARY);
            assertThat(parsed.toString()).doesNotContainIgnoringCase(CANARY);
            assertThat(parsed.jdbcUrl("jdbc:postgresql:")).doesNotContainIgnoringCase(CANARY);
        } catch (InvalidInputException e) {
            assertThat(e.field()).isEqualTo(ServerUrl.FIELD);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as("message of %s", t).doesNotContainIgnoringCase(CANARY);
            }
        }
    }

    /** A fuzzed URL part that cannot spell the canary, not even through %-escapes. */
    private static String part(FuzzedDataProvider data) {
        String part = data.consumeString(24).replace("%", "");
        return part.toLowerCase(Locale.ROOT).contains("canary") ? "x" : part;
    }

    /** Whether the password is spelt by another part too, or may be, through a %-escape. */
    private static boolean otherPartsHold(ServerUrl url, String password) {
        String others = String.join("\n", url.hosts()) + "\n" + url.user() + "\n" + url.database() + "\n" + url.options();
        return others.contains(password) || password.contains("%");
    }
}
