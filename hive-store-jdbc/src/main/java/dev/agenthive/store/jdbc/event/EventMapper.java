package dev.agenthive.store.jdbc.event;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.FeedCursor;
import dev.agenthive.api.event.Severity;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.api.json.Json;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** SQL of the event log; statements in {@code EventMapper.xml}. */
public interface EventMapper {

    int insert(@Param("e") Event event);

    List<Event> query(@Param("agentId") String agentId, @Param("type") String type,
                      @Param("severities") Collection<Severity> severities, @Param("correlationId") String correlationId,
                      @Param("detailsContain") Json detailsContain,
                      @Param("from") Instant from, @Param("to") Instant to,
                      @Param("afterAt") Instant afterAt, @Param("afterId") String afterId, @Param("limit") int limit);

    /** At most {@code limit} events after position (afterTx, afterSeq), in commit order. */
    List<FeedRow> follow(@Param("afterTx") long afterTx, @Param("afterSeq") long afterSeq, @Param("limit") int limit);

    /** The position after every event committed so far ({@code tx} then {@code seq} columns). */
    FeedCursor end();

    int purge(@Param("severity") Severity severity, @Param("olderThan") Instant olderThan);

    List<KeyCount> countBySeverity();

    /** Events at or after {@code from}, of the type and severities when they are not null. */
    long countSince(@Param("from") Instant from, @Param("type") String type,
                    @Param("severities") Collection<Severity> severities);
}
