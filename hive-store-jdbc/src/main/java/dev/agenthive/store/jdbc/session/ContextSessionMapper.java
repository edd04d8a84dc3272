package dev.agenthive.store.jdbc.session;

import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.TokenUpdate;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/** SQL of context sessions; statements in {@code ContextSessionMapper.xml}. */
public interface ContextSessionMapper {

    int insert(@Param("id") String id, @Param("agentId") String agentId, @Param("maxTokens") long maxTokens,
               @Param("now") Instant now);

    ContextSession find(@Param("id") String id);

    ContextSession findActive(@Param("agentId") String agentId);

    int end(@Param("id") String id, @Param("now") Instant now);

    int updateTokens(@Param("u") TokenUpdate update, @Param("now") Instant now);

    List<ContextSession> history(@Param("agentId") String agentId, @Param("limit") int limit);

    List<ContextSession> listActive(@Param("limit") int limit);
}
