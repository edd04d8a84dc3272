package dev.agenthive.store.jdbc.checkpoint;

import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** SQL of the checkpoints; statements in {@code CheckpointMapper.xml}. */
public interface CheckpointMapper {

    int insert(@Param("id") String id, @Param("c") NewCheckpoint checkpoint, @Param("now") Instant now);

    Checkpoint find(@Param("id") String id);

    Checkpoint findByName(@Param("projectId") String projectId, @Param("name") String name);

    List<Checkpoint> listByProject(@Param("projectId") String projectId);

    List<Checkpoint> listByStatus(@Param("status") CheckpointStatus status, @Param("limit") int limit);

    int recordEvaluation(@Param("id") String id, @Param("status") CheckpointStatus status,
                         @Param("result") Json result, @Param("evaluatedAt") Instant evaluatedAt,
                         @Param("now") Instant now);
}
