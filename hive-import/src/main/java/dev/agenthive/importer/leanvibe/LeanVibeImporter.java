package dev.agenthive.importer.leanvibe;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.ImportSink;
import dev.agenthive.api.spi.Importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Imports the state LeanVibe agent-hive (github.com/LeanVibe/agent-hive, Python) leaves in a
 * project folder:
 * <ul>
 *   <li>{@code state_manager.db} ({@code state/state_manager.py}): agents, tasks, checkpoints,
 *       system snapshots;</li>
 *   <li>{@code .claude/state/agent_hive.db} ({@code scripts/enhanced_state_manager.py}): agents with
 *       their working memory, tasks, memory snapshots, agent communications;</li>
 *   <li>{@code .claude/state.db} ({@code .claude/state/state_manager.py}): checkpoints, tasks,
 *       task performance;</li>
 *   <li>{@code .claude/agents/*.json}, {@code checkpoints/*.json} and the JSON memory files in
 *       {@code .claude/memory} (including {@code DEEP_CONSOLIDATION_*.md}, which are JSON).</li>
 * </ul>
 * Every row belongs to one project, {@code leanvibe:<folder name>}, which the import creates: the
 * hive's checkpoints need a project, and it groups the imported tasks.
 *
 * <p>LeanVibe writes most times as naive local ISO text ({@code datetime.now().isoformat()}) with
 * no record of the zone; they are read in the zone given to the constructor, the system default
 * zone for the {@linkplain #LeanVibeImporter() no-argument one}. Epoch-second times
 * ({@code time.time()}) and ISO text with an offset need no zone.
 *
 * <p>Where the same agent or task id is in several of LeanVibe's files, the first read wins, in
 * the order {@code agent_hive.db}, {@code state_manager.db}, {@code .claude/state.db}, JSON files;
 * the others are reported as skipped.
 */
public final class LeanVibeImporter implements Importer {

    /** Paths, relative to the project folder, whose presence marks a LeanVibe installation. */
    static final List<String> MARKERS = List.of(
            LeanVibeImport.STATE_MANAGER_DB, LeanVibeImport.AGENT_HIVE_DB, LeanVibeImport.CLAUDE_STATE_DB,
            ".claude/agents", ".claude/memory", "checkpoints");

    private final ZoneId zone;

    /** An importer reading LeanVibe's naive local times in the system default zone. */
    public LeanVibeImporter() {
        this(ZoneId.systemDefault());
    }

    /**
     * An importer reading LeanVibe's naive local times in {@code zone}, for an installation that
     * ran on a machine in another zone than this one.
     */
    public LeanVibeImporter(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone is null");
    }

    /** {@code leanvibe}. */
    @Override
    public String name() {
        return "leanvibe";
    }

    @Override
    public void read(Path folder, ImportSink sink) {
        Objects.requireNonNull(sink, "sink is null");
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("folder", "must be a folder, was " + folder);
        }
        if (MARKERS.stream().noneMatch(marker -> Files.exists(folder.resolve(marker)))) {
            throw new InvalidInputException("folder", "holds no LeanVibe agent-hive state (none of " + MARKERS + ")");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("leanvibe-import");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the database copies", e);
        }
        try {
            new LeanVibeImport(folder, scratch, new LeanVibeValues(zone), sink).run();
        } finally {
            deleteQuietly(scratch);
        }
    }

    // The copies are ours and disposable: a leftover file in the temp folder must not fail an import
    // that read everything.
    private static void deleteQuietly(Path scratch) {
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            scratch.toFile().deleteOnExit();
        }
    }
}
