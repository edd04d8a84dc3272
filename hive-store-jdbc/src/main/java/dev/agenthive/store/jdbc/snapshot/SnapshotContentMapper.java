package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.store.jdbc.content.LargeContents;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of snapshot contents; statements in {@code SnapshotContentMapper.xml}. Used only by {@link SnapshotContents}. */
public interface SnapshotContentMapper {

    /** Inserts the content unless a content with this hash is stored already. */
    int insertIfAbsent(@Param("content") LargeContents.Placed content, @Param("now") Instant now);

    List<StoredContent> findAll(@Param("hashes") Collection<String> hashes);

    /** Deletes those of the contents that no snapshot refers to. */
    int deleteUnreferenced(@Param("hashes") Collection<String> hashes);
}
