package dev.agenthive.store.jdbc.content;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The blobs a SQL store's rows need, read in one statement. Whatever moves content to the blob store
 * through {@link LargeContents} must add its rows to {@code BlobReferenceMapper.all}: {@code hive gc}
 * deletes every blob this does not name.
 */
public final class JdbcBlobReferences implements BlobReferences {
    private final SqlExecutor executor;

    public JdbcBlobReferences(SqlExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    @Override
    public void forEach(Consumer<BlobReference> visitor) {
        Checks.notNull(visitor, "visitor");
        executor.read(session -> {
            session.getMapper(BlobReferenceMapper.class).all(context -> {
                BlobReferenceRow row = context.getResultObject();
                visitor.accept(new BlobReference(new BlobId(row.blob()), row.holderTable() + " " + row.holderKey()));
            });
            return null;
        });
    }
}
