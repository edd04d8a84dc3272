package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.json.Json;
import org.apache.ibatis.session.SqlSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place snapshot content is written, read and deleted: content-addressed by the SHA-256 of
 * its UTF-8 text, one stored copy per hash. Every method runs inside the caller's session, so it
 * commits or rolls back with the snapshot rows that refer to the content.
 */
final class SnapshotContents {
    /** Bounds IN lists well below every database's bind-variable limit. */
    private static final int IN_CHUNK = 500;

    private SnapshotContents() {
    }

    /** SHA-256 of the content's UTF-8 text, lower-case hex. */
    static String hash(Json content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must implement SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** UTF-8 size of the content's text. */
    static long sizeOf(Json content) {
        return content.text().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Stores the content unless it is stored already. @return its hash */
    static String put(SqlSession session, Json content, Instant now) {
        String hash = hash(content);
        session.getMapper(SnapshotContentMapper.class).insertIfAbsent(hash, content, sizeOf(content), now);
        return hash;
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
