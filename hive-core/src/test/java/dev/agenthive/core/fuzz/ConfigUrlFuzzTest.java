package dev.agenthive.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.provider.StorageProviders;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the core's handling of a storage URL with a password in it: the configuration built from
 * it and its {@code toString()}, and the choice of a provider (whose refusal names the URL), never
 * show the password, and fail only with a {@link HiveException}. In {@code mvn verify} it replays the
 * seeds under {@code src/test/resources}; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class ConfigUrlFuzzTest {
    /** Marks both ends of the password; the other parts of a fuzzed URL never hold it. */
    private static final String CANARY = "Zq9CANARY";
    private static final StorageProviders PROVIDERS = StorageProviders.discover(List.of());

    @FuzzTest(maxDuration = "10m")
    void aPasswordInTheStorageUrlNeverShows(FuzzedDataProvider data) {
        String prefix = data.pickValue(new String[]{"postgresql://", "mariadb://", "jdbc:postgresql://", "nosuch://", "sqlite:"});
        String user = part(data);
        String password = CANARY + data.consumeString(40) + CANARY;
        String rest = part(data);
        String url = data.consumeBoolean()
                ? prefix + user + ":" + password + "@" + rest
                : prefix + rest + "?user=" + user + "&" + data.pickValue(new String[]{"password", "sslpassword"})
                + "=" + password;
        try {
            HiveConfig config = HiveConfig.builder().isolated().storageUrl(url).build();
            assertThat(config.toString()).doesNotContainIgnoringCase(CANARY);
            PROVIDERS.select(config.storageUrl());
        } catch (HiveException e) {
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
}
