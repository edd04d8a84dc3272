package dev.agenthive.store.jdbc.content;

import org.apache.ibatis.session.ResultHandler;

/** SQL of the rows whose content is in the blob store; statements in {@code BlobReferenceMapper.xml}. */
public interface BlobReferenceMapper {

    /** Streams every row that needs a blob to {@code handler}, without holding them all. */
    void all(ResultHandler<BlobReferenceRow> handler);
}
