package dev.agenthive.tck;

import org.junit.jupiter.api.Test;

/**
 * The kit's own build fails when a contract is added without the {@code @Nested} class of
 * {@link HiveStoreTck} that runs it, before any store's build would notice.
 */
class TckCoverageTest {

    @Test
    void everyContractRunsAsANestedClassOfHiveStoreTck() {
        HiveStoreTck.assertEveryContractIsNested();
    }
}
