package dev.agenthive.store.jdbc.git;

import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateUpdate;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** SQL of the worktree git state; statements in {@code GitStateMapper.xml}. */
public interface GitStateMapper {

    int upsert(@Param("u") GitStateUpdate update, @Param("now") Instant now);

    GitState find(@Param("agentId") String agentId, @Param("worktreePath") String worktreePath);

    List<GitState> listByAgent(@Param("agentId") String agentId);

    List<GitState> listByBranch(@Param("branch") String branch);

    int delete(@Param("agentId") String agentId, @Param("worktreePath") String worktreePath);
}
