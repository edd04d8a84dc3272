package dev.agenthive.it.process;

import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;

/** Opens the facade on a given storage URL, as an application would, with tests' timings. */
public final class TestHives {
    private TestHives() {
    }

    public static Hive open(String storageUrl) {
        return Hive.open(HiveConfig.builder()
                .storageUrl(storageUrl)
                .set(HiveConfig.WAIT_RECHECK_INTERVAL, "50ms")
                .build());
    }
}
