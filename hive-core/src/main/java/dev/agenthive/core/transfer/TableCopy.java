package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSnapshot;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.core.json.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Copies the rows of a source into a target, table by table, parents first, in batches of one
 * transaction each, from one point in time of the source.
 *
 * <ul>
 *   <li><b>Nothing doubled, nothing missing when resumed.</b> Before each batch is written the target
 *   is asked which of its keys it holds already; those rows are left alone. A copy killed at any
 *   moment has written whole batches only, so running it again with {@code resume} writes exactly the
 *   rows still missing.</li>
 *   <li><b>Nothing dropped silently.</b> A row the target cannot hold (the hive's JSON rules, the
 *   target kind's {@link dev.agenthive.api.transfer.ValueRules}, or a refusal by the target database
 *   itself, found by retrying a refused batch row by row) goes to the {@link RejectFile} with the
 *   reason and is counted; a row whose parent was refused follows it there.</li>
 *   <li><b>Proof.</b> Every source row is hashed in its canonical form as it is read, so the report
 *   carries, per table, the count and checksum the target must show ({@link TableValidation}).</li>
 * </ul>
 */
public final class TableCopy {
    private final JsonCodec json;

    /** @param json the JSON rules of the hive that will read the target (depth, size, no duplicate keys) */
    public TableCopy(JsonCodec json) {
        this.json = Objects.requireNonNull(json, "json is null");
    }

    /**
     * Copies {@code source} into {@code target}.
     *
     * @throws InvalidInputException the layouts differ, a table named in the options does not exist, or
     *                               the target holds rows and {@code resume} is off
     */
    public CopyReport copy(RowSource source, CopyTarget target, CopyOptions options, RejectFile rejects,
                           CopyProgress progress) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(rejects, "rejects is null");
        Objects.requireNonNull(progress, "progress is null");
        List<TableSpec> tables = options.select(source.tables());
        Optional<TableAccess> into = target.tables();
        if (!options.dryRun()) {
            TableAccess access = into.orElseThrow(() -> new IllegalArgumentException("a copy that writes needs the target's tables"));
            if (access.layout() != source.layout()) {
                throw new InvalidInputException("layout", "the source " + source.location() + " has table layout "
                        + source.layout() + ", the target " + target.location() + " has " + access.layout()
                        + ": open both with the same Agent Hive version");
            }
            if (!options.resume()) {
                requireEmpty(access, target.location());
            }
            rejects.clearEarlier();
        }
        long started = System.nanoTime();
        Scan scan = source.snapshot(snapshot -> {
            Scan run = new Scan();
            for (TableSpec table : tables) {
                run.results.add(new TableRun(table, snapshot, target, options, rejects, progress, run.samples).run());
            }
            snapshot.blobReferences(reference -> run.blobs.add(reference.blob()));
            return run;
        });
        BlobResult blobs = copyBlobs(source, target, options, scan.blobs, progress);
        return new CopyReport(source.location(), target.location(), options.dryRun(), scan.results, blobs.copied,
                blobs.present, blobs.problems, scan.samples, System.nanoTime() - started);
    }

    private static void requireEmpty(TableAccess target, String location) {
        List<String> filled = target.snapshot(snapshot -> {
            List<String> names = new ArrayList<>();
            for (TableSpec table : target.tables()) {
                long rows = snapshot.count(table);
                if (rows > 0) {
                    names.add(table.name() + " (" + rows + " rows)");
                }
            }
            return names;
        });
        if (!filled.isEmpty()) {
            throw new InvalidInputException("to", "the target " + location + " is not empty: " + String.join(", ", filled)
                    + "; copy into an empty store, or pass --resume to finish a copy that stopped");
        }
    }

    /** What one pass over the source found; a retried snapshot starts a new one. */
    private static final class Scan {
        final List<TableResult> results = new ArrayList<>();
        final Set<BlobId> blobs = new LinkedHashSet<>();
        final List<Reject> samples = new ArrayList<>();
    }

    /** The copy of one table. */
    private final class TableRun {
        private static final int SAMPLES = 20;

        private final TableSpec table;
        private final TableSnapshot snapshot;
        private final CopyTarget target;
        private final CopyOptions options;
        private final RejectFile rejects;
        private final CopyProgress progress;
        private final List<Reject> samples;
        private final TableChecksum checksum = new TableChecksum();
        private final List<List<Object>> batch = new ArrayList<>();
        private final int parentIndex;
        private final Set<Object> seen = new HashSet<>();
        private final Set<Object> refused = new HashSet<>();
        private final Map<Object, List<List<Object>>> waiting = new HashMap<>();
        private long read;
        private long copied;
        private long present;
        private long rejected;
        private boolean skipWrites;

        TableRun(TableSpec table, TableSnapshot snapshot, CopyTarget target, CopyOptions options, RejectFile rejects,
                 CopyProgress progress, List<Reject> samples) {
            this.table = table;
            this.snapshot = snapshot;
            this.target = target;
            this.options = options;
            this.rejects = rejects;
            this.progress = progress;
            this.samples = samples;
            this.parentIndex = table.parentColumn().map(table::index).orElse(-1);
        }

        TableResult run() {
            long rows = snapshot.count(table);
            progress.started(table.name(), rows);
            if (options.resume() && !options.dryRun()) {
                TableAccess access = target.tables().orElseThrow();
                // A table an earlier run finished is only read again, for its checksum.
                skipWrites = access.snapshot(targetSnapshot -> targetSnapshot.count(table)) == rows;
            }
            snapshot.scan(table, row -> {
                checksum.add(CanonicalRows.hash(table, row));
                accept(row);
                read++;
                if (read % 1000 == 0) {
                    progress.advanced(table.name(), read);
                }
            });
            flush();
            for (List<List<Object>> orphans : waiting.values()) {
                for (List<Object> orphan : orphans) {
                    reject(orphan, "its parent " + orphan.get(parentIndex) + " is not in the source's " + table.name());
                }
            }
            progress.advanced(table.name(), read);
            TableResult result = new TableResult(table.name(), read, copied, present, rejected, checksum.summary());
            progress.finished(result);
            return result;
        }

        private void accept(List<Object> row) {
            Optional<String> refusal = refusal(row);
            if (refusal.isPresent()) {
                reject(row, refusal.get());
                return;
            }
            if (parentIndex >= 0) {
                Object parent = row.get(parentIndex);
                if (parent != null && !seen.contains(parent)) {
                    if (refused.contains(parent)) {
                        reject(row, "its parent " + parent + " was refused");
                    } else {
                        waiting.computeIfAbsent(parent, key -> new ArrayList<>()).add(row);
                    }
                    return;
                }
            }
            enqueue(row);
        }

        /** Queues a row whose parent is in place, then the rows that were waiting for it. */
        private void enqueue(List<Object> row) {
            List<List<Object>> ready = new ArrayList<>();
            ready.add(row);
            while (!ready.isEmpty()) {
                List<Object> next = ready.remove(ready.size() - 1);
                batch.add(next);
                if (parentIndex >= 0) {
                    Object key = next.get(table.index(table.key().get(0)));
                    seen.add(key);
                    List<List<Object>> children = waiting.remove(key);
                    if (children != null) {
                        ready.addAll(children);
                    }
                }
                if (batch.size() >= options.batchSize()) {
                    flush();
                }
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<List<Object>> rows = List.copyOf(batch);
            batch.clear();
            if (options.dryRun()) {
                copied += rows.size();
                return;
            }
            if (skipWrites) {
                present += rows.size();
                return;
            }
            TableAccess access = target.tables().orElseThrow();
            Set<List<Object>> there = access.presentKeys(table, rows.stream().map(table::keyOf).toList());
            List<List<Object>> missing = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                if (!there.contains(table.keyOf(row))) {
                    missing.add(row);
                }
            }
            present += rows.size() - missing.size();
            if (missing.isEmpty()) {
                return;
            }
            try {
                access.insert(table, missing);
                copied += missing.size();
            } catch (StorageUnavailableException e) {
                throw e;
            } catch (HiveException e) {
                // One row spoiled the batch: find it (and any other) by writing the rows one by one.
                for (List<Object> row : missing) {
                    try {
                        access.insert(table, List.of(row));
                        copied++;
                    } catch (StorageUnavailableException unavailable) {
                        throw unavailable;
                    } catch (HiveException refusedByTarget) {
                        reject(row, "the target refused it: " + refusedByTarget.getMessage());
                    }
                }
            }
        }

        private Optional<String> refusal(List<Object> row) {
            for (int i = 0; i < row.size(); i++) {
                Column column = table.columns().get(i);
                Object value = row.get(i);
                if (value == null) {
                    if (!column.nullable()) {
                        return Optional.of(column.name() + " is empty but must hold a value");
                    }
                    continue;
                }
                if (column.type() == ColumnType.JSON) {
                    try {
                        json.validate(new Json((String) value), column.name());
                    } catch (InvalidInputException e) {
                        return Optional.of(e.getMessage());
                    }
                }
                Optional<String> refusal = target.rules().refusal(column, value);
                if (refusal.isPresent()) {
                    return Optional.of(column.name() + ": " + refusal.get());
                }
            }
            return Optional.empty();
        }

        private void reject(List<Object> row, String reason) {
            checksum.remove(CanonicalRows.hash(table, row));
            rejected++;
            Reject reject = new Reject(table.name(), table.keyOf(row), reason, row);
            if (!options.dryRun()) {
                rejects.write(table, reject);
            }
            if (samples.size() < SAMPLES) {
                samples.add(reject);
            }
            if (parentIndex >= 0) {
                Object key = row.get(table.index(table.key().get(0)));
                refused.add(key);
                List<List<Object>> children = waiting.remove(key);
                if (children != null) {
                    for (List<Object> child : children) {
                        reject(child, "its parent " + key + " was refused");
                    }
                }
            }
        }
    }

    private record BlobResult(long copied, long present, List<String> problems) {
    }

    private static BlobResult copyBlobs(RowSource source, CopyTarget target, CopyOptions options, Set<BlobId> ids,
                                        CopyProgress progress) {
        long copied = 0;
        long present = 0;
        List<String> problems = new ArrayList<>();
        Optional<BlobStore> into = target.blobs();
        if (!ids.isEmpty() && into.isEmpty() && !options.dryRun()) {
            problems.add(ids.size() + " blobs are needed by the rows, but the target " + target.location()
                    + " has no blob store");
            return new BlobResult(0, 0, problems);
        }
        long done = 0;
        for (BlobId id : ids) {
            try {
                if (options.dryRun()) {
                    try (InputStream ignored = source.openBlob(id)) {
                        copied++;
                    }
                } else if (into.get().exists(id)) {
                    present++;
                } else {
                    try (InputStream content = source.openBlob(id)) {
                        BlobRef stored = into.get().put(content);
                        if (!stored.id().equals(id)) {
                            problems.add("blob " + id + ": the source's content hashes to " + stored.id());
                        } else {
                            copied++;
                        }
                    }
                }
            } catch (HiveException e) {
                if (e.code() == ErrorCode.STORAGE_UNAVAILABLE) {
                    throw e;
                }
                problems.add("blob " + id + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read blob " + id + " from " + source.location(), e);
            }
            progress.blobs(++done, ids.size());
        }
        return new BlobResult(copied, present, problems);
    }
}
