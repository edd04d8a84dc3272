package dev.agenthive.store.jdbc.snapshot;

import dev.agenthive.api.snapshot.SnapshotStats;
import org.apache.ibatis.annotations.Param;

import java.util.Collection;
import java.util.List;

/** SQL of memory snapshots; statements in {@code SnapshotMapper.xml}. */
public interface SnapshotMapper {

    int insert(@Param("row") SnapshotRow row);

    SnapshotRow find(@Param("id") String id);

    List<SnapshotRow> findAll(@Param("ids") Collection<String> ids);

    List<SnapshotRow> list(@Param("agentId") String agentId, @Param("memoryType") String memoryType,
                           @Param("limit") int limit);

    /** The agent's snapshots, most important first, ties newer first. */
    List<SnapshotRow> ranking(@Param("agentId") String agentId);

    int deleteAll(@Param("ids") Collection<String> ids);

    SnapshotStats stats();
}
