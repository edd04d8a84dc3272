package dev.agenthive.bench;

import dev.agenthive.core.config.HiveConfig;

import java.util.Map;

/** Where Agent Hive keeps the content of the snapshot rows' documents, all larger than the default inline limit. */
enum ContentPlacement {
    /** The defaults: content above {@code hive.blob.inline-max-bytes} (64 KiB) goes to the file blob store. */
    BLOB("blob", Map.of()),
    /** Every content in its row: an inline limit of 1 GiB, above any document. */
    INLINE("inline", Map.of(HiveConfig.BLOB_INLINE_MAX_BYTES, Long.toString(1L << 30)));

    private final String label;
    private final Map<String, String> settings;

    ContentPlacement(String label, Map<String, String> settings) {
        this.label = label;
        this.settings = settings;
    }

    /** The last part of the workload's name. */
    String label() {
        return label;
    }

    /** Agent Hive's settings for it, on top of the defaults. */
    Map<String, String> settings() {
        return settings;
    }
}
