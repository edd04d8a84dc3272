package dev.agenthive.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory snapshots of {@link MemoryDocuments} (200 KiB each, every one distinct) stored by
 * {@value SnapshotRows#THREADS} threads; Agent Hive keeps their content where {@link ContentPlacement}
 * says, the floor in its row. Afterwards the store must hold exactly one snapshot and one content per
 * put that returned, and the documents read back (every one in a quick run, an even spread of
 * {@value #READ_BACK} otherwise) must be the ones put. The note gives the bytes on disk.
 */
final class SnapshotPutWorkload implements Workload {
    private static final int READ_BACK = 200;
    private static final int QUICK_DOCUMENTS = 24;

    private final BenchSettings settings;
    private final ContentPlacement placement;

    SnapshotPutWorkload(BenchSettings settings, ContentPlacement placement) {
        this.settings = settings;
        this.placement = placement;
    }

    @Override
    public String name() {
        return "snapshot-200k-put-" + placement.label();
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        return SnapshotRows.contenders(database, placement, this::measure);
    }

    private SnapshotRows.Stored measure(String contender, MemoryDocuments documents, SnapshotAccess access)
            throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        Map<Long, String> ids = new ConcurrentHashMap<>();
        TimedLoop.Result result = SnapshotRows.loop(contender, settings, QUICK_DOCUMENTS, (n, latency) -> {
            String document = documents.document(n);
            long start = System.nanoTime();
            String id = access.put(document);
            latency.since(start);
            ids.put(n, id);
        }, errors);
        Floor.SnapshotCounts counts = access.counts();
        if (counts.snapshots() != ids.size() || counts.contents() != ids.size()) {
            errors.record(ids.size() + " puts returned, but the store holds " + counts.snapshots() + " snapshots and "
                    + counts.contents() + " contents");
        }
        SameJson same = new SameJson();
        List<Long> numbers = ids.keySet().stream().sorted().toList();
        int stride = Math.max(1, numbers.size() / READ_BACK);
        for (int i = 0; i < numbers.size(); i += stride) {
            long n = numbers.get(i);
            String id = ids.get(n);
            if (!same.test(documents.document(n), access.get(id))) {
                errors.record("snapshot " + id + " does not read back as document " + n);
            }
        }
        return new SnapshotRows.Stored(new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                SnapshotRows.THREADS + " threads, " + ids.size() + " documents"), ids.size());
    }
}
