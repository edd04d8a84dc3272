package dev.agenthive.store.jdbc.message;

import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of the message inboxes; statements in {@code MessageMapper.xml}. */
public interface MessageMapper {

    /** Inserts the message and returns it as stored. */
    Message insert(@Param("id") String id, @Param("m") NewMessage message, @Param("now") Instant now,
                   @Param("expiresAt") Instant expiresAt);

    int broadcast(@Param("id") String id, @Param("m") NewMessage message, @Param("now") Instant now,
                  @Param("expiresAt") Instant expiresAt);

    List<Message> findBroadcast(@Param("broadcastId") String broadcastId);

    Message find(@Param("id") String id);

    List<Message> findByIdempotencyKey(@Param("key") String key);

    boolean anyVisible(@Param("agentId") String agentId, @Param("now") Instant now);

    List<String> visible(@Param("agentId") String agentId, @Param("now") Instant now, @Param("limit") int limit);

    /** Marks the unacknowledged ones of the messages delivered and returns them as stored, in no particular order. */
    List<Message> markDelivered(@Param("ids") Collection<String> ids, @Param("now") Instant now,
                                @Param("visibleAt") Instant visibleAt);

    int ack(@Param("agentId") String agentId, @Param("id") String id, @Param("now") Instant now);

    boolean exists(@Param("agentId") String agentId, @Param("id") String id);

    int purgeExpired(@Param("now") Instant now);

    long countPending(@Param("agentId") String agentId, @Param("now") Instant now);
}
