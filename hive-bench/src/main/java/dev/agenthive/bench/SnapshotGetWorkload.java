package dev.agenthive.bench;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads of existing memory snapshots by id by {@value SnapshotRows#THREADS} threads: a set of
 * {@link MemoryDocuments} is stored first and each read back once (not measured), which must give the
 * document that was put; every measured read must then return exactly the text that first read did, so
 * each one is checked with a plain string comparison rather than by parsing 200 KiB. Agent Hive keeps
 * the content where {@link ContentPlacement} says, the floor in its row. The note gives the bytes on
 * disk of the stored set.
 */
final class SnapshotGetWorkload implements Workload {
    private final BenchSettings settings;
    private final ContentPlacement placement;
    private final int stored;

    SnapshotGetWorkload(BenchSettings settings, ContentPlacement placement) {
        this.settings = settings;
        this.placement = placement;
        this.stored = settings.scale(500, 24);
    }

    @Override
    public String name() {
        return "snapshot-200k-get-" + placement.label();
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        return SnapshotRows.contenders(database, placement, this::measure);
    }

    private SnapshotRows.Stored measure(String contender, MemoryDocuments documents, SnapshotAccess access)
            throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        String[] ids = new String[stored];
        Parallel.forEach(SnapshotRows.THREADS, stored, n -> ids[n] = access.put(documents.document(n)));
        SameJson same = new SameJson();
        String[] texts = new String[stored];
        Parallel.forEach(SnapshotRows.THREADS, stored, n -> {
            texts[n] = access.get(ids[n]);
            if (!same.test(documents.document(n), texts[n])) {
                errors.record("snapshot " + ids[n] + " does not read back as document " + n);
            }
        });
        TimedLoop.Result result = SnapshotRows.loop(contender, settings, 2L * stored, (n, latency) -> {
            int document = ThreadLocalRandom.current().nextInt(stored);
            long start = System.nanoTime();
            String text = access.get(ids[document]);
            latency.since(start);
            if (!Objects.equals(text, texts[document])) {
                errors.record("snapshot " + ids[document] + " read back differently than the first time");
            }
        }, errors);
        return new SnapshotRows.Stored(new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                SnapshotRows.THREADS + " threads, " + stored + " documents"), stored);
    }
}
