package dev.agenthive.store.jdbc.agent;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of the agent registry; statements in {@code AgentMapper.xml}. */
public interface AgentMapper {

    int upsert(@Param("reg") AgentRegistration registration, @Param("now") Instant now);

    Agent find(@Param("id") String id);

    boolean exists(@Param("id") String id);

    int heartbeat(@Param("id") String id, @Param("now") Instant now);

    int updateStatus(@Param("id") String id, @Param("status") AgentStatus status,
                     @Param("sources") Collection<AgentStatus> sources, @Param("now") Instant now);

    List<Agent> list(@Param("status") AgentStatus status, @Param("type") String type,
                     @Param("capability") String capability, @Param("configurationContains") Json configurationContains,
                     @Param("afterId") String afterId, @Param("limit") int limit);

    List<KeyCount> countByStatus();

    List<String> findStale(@Param("cutoff") Instant cutoff);

    int markCrashed(@Param("cutoff") Instant cutoff, @Param("now") Instant now);
}
