package dev.agenthive.cli;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void platformExceptionsKeepTheirOwnMessage() {
        assertThat(Failures.describe(new InvalidInputException("task.title", "must not be blank")))
                .isEqualTo("task.title: must not be blank");
    }

    @Test
    void foreignExceptionsAreNamedByType() {
        assertThat(Failures.describe(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void causesAddOnlyWhatTheMessageDoesNotSayYet() {
        IOException disk = new IOException("No space left on device");

        assertThat(Failures.describe(new StorageUnavailableException("write failed", disk)))
                .isEqualTo("write failed: IOException: No space left on device");
        assertThat(Failures.describe(new StorageUnavailableException("write failed: No space left on device", disk)))
                .isEqualTo("write failed: No space left on device");
    }

    @Test
    void everythingEndsOnOneLineWithoutRuleLines() {
        String driverMessage = "Unable to connect\n-----------\nSQL State : null\r\nError Code : 26\n";

        assertThat(Failures.describe(new IllegalStateException(driverMessage)))
                .isEqualTo("IllegalStateException: Unable to connect SQL State : null Error Code : 26");
    }
}
