package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.store.jdbc.content.LargeContents;
import org.apache.ibatis.session.SqlSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place snapshot content rows are written, read and deleted: content-addressed by the SHA-256
 * of its UTF-8 text, one row per hash, holding the content or (above the inline limit) naming its blob.
 * Every method runs inside the caller's session, so it commits or rolls back with the snapshot rows
 * that refer to the content. Releasing a row never deletes its blob: {@code hive gc} does, once no
 * row of any kind names it.
 */
final class SnapshotContents {
    /** Bounds IN lists well below every database's bind-variable limit. */
    private static final int IN_CHUNK = 500;

    private SnapshotContents() {
    }

    /** Stores the content unless it is stored already. */
    static void put(SqlSession session, LargeContents.Placed content, Instant now) {
        session.getMapper(SnapshotContentMapper.class).insertIfAbsent(content, now);
    }

    /** The stored contents of these hashes, by hash. */
    static Map<String, StoredContent> load(SqlSession session, Collection<String> hashes) {
        SnapshotContentMapper mapper = session.getMapper(SnapshotContentMapper.class);
        List<StoredContent> found = new ArrayList<>();
        for (List<String> chunk : chunks(hashes)) {
            found.addAll(mapper.findAll(chunk));
        }
        return found.stream().collect(Collectors.toMap(StoredContent::contentHash, Function.identity()));
    }

    /** Deletes those of the contents that no snapshot refers to any more. */
    static void release(SqlSession session, Collection<String> hashes) {
        SnapshotContentMapper mapper = session.getMapper(SnapshotContentMapper.class);
        for (List<String> chunk : chunks(hashes)) {
            mapper.deleteUnreferenced(chunk);
        }
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> distinct = List.copyOf(new LinkedHashSet<>(values));
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK)));
        }
        return chunks;
    }
}
