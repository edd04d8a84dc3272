package dev.agenthive.store.postgres;

import org.apache.ibatis.annotations.Param;

import java.time.Instant;

/**
 * The server's clock, health details and the LISTEN/NOTIFY channels ({@code hive} for wake-ups,
 * {@code hive_cache} for {@link PostgresChangeFeed}); statements in {@code PostgresControlMapper.xml}.
 */
public interface PostgresControlMapper {

    /** The server's wall clock at the moment of the call (not the transaction's start). */
    Instant clockTimestamp();

    String serverVersion();

    /** Subscribes the connection to the {@code hive} channel. */
    void listen();

    /** Notifies the {@code hive} channel with the topic as payload; delivered when the transaction commits. */
    void notify(@Param("topic") String topic);

    /** Subscribes the connection to the {@code hive_cache} channel. */
    void listenForCacheChanges();

    /**
     * Notifies the {@code hive_cache} channel once per payload, in one statement; delivered when the
     * transaction commits (as the statement ends, in auto-commit).
     */
    void notifyCacheChanges(@Param("payloads") String[] payloads);

    /** Raises sequence {@code events_seq} to the largest {@code events.seq} if it is below; returns its value. */
    long raiseEventSequence();
}
