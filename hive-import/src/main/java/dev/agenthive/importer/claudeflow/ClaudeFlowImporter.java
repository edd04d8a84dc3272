package dev.agenthive.importer.claudeflow;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.ImportSink;
import dev.agenthive.api.spi.Importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports the state claude-flow (npm {@code claude-flow}, the 2.0.0-alpha line) leaves in a project
 * folder:
 * <ul>
 *   <li>{@code .hive-mind/hive.db}: swarms become epics of one project per installation
 *       ({@code claude-flow:<folder name>}), agents agents, tasks tasks, sessions context sessions of
 *       the swarm's queen, session checkpoints milestones of the project and memory snapshots, session
 *       logs and consensus decisions events, collective memory and the knowledge base shared memory,
 *       performance metrics metrics;</li>
 *   <li>{@code .swarm/memory.db} (the memory store and the hooks): every entry shared memory; the
 *       {@code hooks pre-task}/{@code post-task} records also tasks, their durations metrics;</li>
 *   <li>{@code .hive-mind/memory.db} and {@code memory/memory-store.json}: shared memory;</li>
 *   <li>{@code .hive-mind/sessions/*.json}: checkpoints that hive.db lacks, as snapshots.</li>
 * </ul>
 * Ids are claude-flow's own (tasks from hooks {@code hooks:<task id>}, log lines
 * {@code <session>:log:<n>}), so a second import of the same folder finds every row present. Where two
 * files hold the same memory key, the first read wins, in the order above. Databases are read from
 * copies in a temporary folder that is deleted afterwards.
 */
public final class ClaudeFlowImporter implements Importer {

    private static final List<String> MARKERS = List.of(ClaudeFlowRun.HIVE_DB, ClaudeFlowRun.HIVE_MEMORY_DB,
            ClaudeFlowRun.SWARM_MEMORY_DB, ClaudeFlowRun.MEMORY_STORE_JSON, ClaudeFlowRun.SESSIONS_DIR);

    @Override
    public String name() {
        return "claude-flow";
    }

    @Override
    public void read(Path folder, ImportSink sink) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("folder", "is not a folder: " + folder);
        }
        Path absolute = folder.toAbsolutePath().normalize();
        if (MARKERS.stream().noneMatch(marker -> Files.exists(absolute.resolve(marker)))) {
            throw new InvalidInputException("folder", "holds none of claude-flow's files " + MARKERS + ": " + folder);
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("claude-flow-import");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the database copies", e);
        }
        try {
            new ClaudeFlowRun(absolute, scratch, sink).run();
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the database copies in " + root, e);
        }
    }
}
