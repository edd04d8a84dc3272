package dev.agenthive.store.jdbc.configuration;

import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigScope;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.List;

/**
 * SQL of the configurations; statements in {@code ConfigurationMapper.xml}. A key's agent is
 * matched as {@code coalesce(agent_id, '')}, the expression of the unique index, so that system
 * values are found through it too.
 */
public interface ConfigurationMapper {

    ConfigEntry find(@Param("k") ConfigKey key);

    ConfigEntry effective(@Param("agentId") String agentId, @Param("category") String category,
                          @Param("key") String key);

    int insert(@Param("k") ConfigKey key, @Param("value") Json value, @Param("now") Instant now);

    int update(@Param("k") ConfigKey key, @Param("value") Json value, @Param("currentVersion") long currentVersion,
               @Param("now") Instant now);

    int delete(@Param("k") ConfigKey key, @Param("version") long version);

    List<ConfigEntry> list(@Param("scope") ConfigScope scope, @Param("agentId") String agentId,
                           @Param("category") String category, @Param("limit") int limit);
}
