package dev.agenthive.store.jdbc.blob;

import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** SQL of the {@code blobs} table; statements in {@code BlobMapper.xml}. Used only by {@link JdbcBlobStore}. */
public interface BlobMapper {

    /** Sets the blob's {@code stored_at}; 0 if there is no such blob. */
    int renew(@Param("id") String id, @Param("now") Instant now);

    /** Inserts the blob, or renews its {@code stored_at} if a row of that id is there already. */
    int insertOrRenew(@Param("id") String id, @Param("content") byte[] content, @Param("size") long size,
                      @Param("storedSize") long storedSize, @Param("now") Instant now);

    /** The bytes stored for the blob, or {@code null} if there is none. */
    Long storedSize(@Param("id") String id);

    /** The blob's compressed content and its size, or {@code null}. */
    StoredBlob content(@Param("id") String id);

    /** The blob's listing entry, or {@code null}. */
    ListedBlob info(@Param("id") String id);

    /** Up to {@code limit} listing entries in id order, after id {@code after} ({@code null}: from the first). */
    List<ListedBlob> page(@Param("after") String after, @Param("limit") int limit);

    int delete(@Param("id") String id);

    /** Deletes the blob only if its {@code stored_at} is before {@code cutoff}, in one statement. */
    int deleteIfStoredBefore(@Param("id") String id, @Param("cutoff") Instant cutoff);
}
