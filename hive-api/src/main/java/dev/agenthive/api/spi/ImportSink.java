package dev.agenthive.api.spi;

import java.util.Map;

/**
 * Where an {@link Importer} puts what it read; the core's sink checks each row against the store's
 * layout and writes it. Each call names the kind of state for the summary
 * ({@code agents}, {@code tasks}, {@code sessions}, {@code checkpoints}, {@code memory},
 * {@code snapshots}, {@code metrics}, {@code events}) and where the data came from, e.g.
 * {@code .hive-mind/hive.db agents id=a1}, for the report.
 */
public interface ImportSink {

    /**
     * A row for the hive table {@code table}: column name to value. Values are {@link String},
     * {@link Long} or {@link Integer}, {@link Double}, {@link java.time.Instant}, or for JSON columns
     * the JSON text as a {@link String}; a missing column is {@code null}. For {@code memory_snapshots}
     * give the snapshot's JSON text under {@code content} instead of {@code content_hash} and
     * {@code size_bytes}: the sink stores the content and names it by its hash.
     */
    void row(String kind, String table, Map<String, Object> values, String origin);

    /** Something read could not become a row: bad data, an unreadable file. */
    void rejected(String kind, String origin, String reason);

    /** Something read on purpose not imported, e.g. an empty file or a row that only restates another. */
    void skipped(String kind, String origin, String reason);
}
