package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.ValueRules;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a copy writes.
 *
 * @param location the target's location, for reports
 * @param tables   its rows; empty for a dry run, which never opens the target
 * @param blobs    its blob store, if it has one
 * @param rules    what the target's kind cannot hold exactly
 */
public record CopyTarget(String location, Optional<TableAccess> tables, Optional<BlobStore> blobs, ValueRules rules) {
    public CopyTarget {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(tables, "tables is null");
        Objects.requireNonNull(blobs, "blobs is null");
        Objects.requireNonNull(rules, "rules is null");
    }
}
