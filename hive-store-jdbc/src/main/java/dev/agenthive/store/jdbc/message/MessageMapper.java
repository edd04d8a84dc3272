package dev.agenthive.store.jdbc.message;

import dev.agenthive.api.message.NewMessage;
import dev.agenthive.store.jdbc.content.LargeContents;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of the message inboxes; statements in {@code MessageMapper.xml}. */
public interface MessageMapper {

    /**
     * Inserts the message and returns it as stored.
     *
     * @param payload the payload as placed: the message's own, or JSON null with its blob named
     */
    MessageRow insert(@Param("id") String id, @Param("m") NewMessage message, @Param("payload") LargeContents.Spilled payload,
                      @Param("now") Instant now, @Param("expiresAt") Instant expiresAt);

    int broadcast(@Param("id") String id, @Param("m") NewMessage message, @Param("payload") LargeContents.Spilled payload,
                  @Param("now") Instant now, @Param("expiresAt") Instant expiresAt);

    List<MessageRow> findBroadcast(@Param("broadcastId") String broadcastId);

    MessageRow find(@Param("id") String id);

    List<MessageRow> findByIdempotencyKey(@Param("key") String key);

    boolean anyVisible(@Param("agentId") String agentId, @Param("now") Instant now);

    List<String> visible(@Param("agentId") String agentId, @Param("now") Instant now, @Param("limit") int limit);

    /** Marks the unacknowledged ones of the messages delivered and returns them as stored, in no particular order. */
    List<MessageRow> markDelivered(@Param("ids") Collection<String> ids, @Param("now") Instant now,
                                @Param("visibleAt") Instant visibleAt);

    int ack(@Param("agentId") String agentId, @Param("id") String id, @Param("now") Instant now);

    boolean exists(@Param("agentId") String agentId, @Param("id") String id);

    int purgeExpired(@Param("now") Instant now);

    long countPending(@Param("agentId") String agentId, @Param("now") Instant now);
}
