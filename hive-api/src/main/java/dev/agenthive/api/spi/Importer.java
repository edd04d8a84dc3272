package dev.agenthive.api.spi;

import java.nio.file.Path;

/**
 * Service-provider interface of an importer, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.agenthive.api.spi.Importer} and chosen by {@link #name()}. It reads
 * the state one tool leaves in a project folder and hands it to a sink as rows of the hive's
 * layout. An importer never modifies the folder, keeps going past a bad row or file (telling the
 * sink why it could not use it) and derives every id from the source's own ids, so that importing
 * the same folder twice brings nothing new the second time.
 */
public interface Importer {

    /** The name users give to {@code hive import}, e.g. {@code claude-flow}. */
    String name();

    /**
     * Reads {@code folder} and hands every row to {@code sink}, in any order.
     *
     * @throws dev.agenthive.api.error.InvalidInputException {@code folder} is not a folder, or holds
     *                                                       nothing this importer knows
     */
    void read(Path folder, ImportSink sink);
}
