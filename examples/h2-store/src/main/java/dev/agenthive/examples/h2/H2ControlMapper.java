package dev.agenthive.examples.h2;

import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The store's own statements besides the shared mappers: what health reports, and the event sequence. */
public interface H2ControlMapper {

    /** The engine's version, read on a pooled connection. */
    @Select("SELECT H2VERSION()")
    String version();

    /**
     * Moves sequence {@code events_seq} past the largest stored {@code seq}, never back. H2 ends the
     * transaction at any DDL: the store calls it last in a copy's write.
     */
    @Update("ALTER SEQUENCE events_seq RESTART WITH (SELECT GREATEST(COALESCE(MAX(seq), 0) + 1,"
            + " (SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'EVENTS_SEQ'"
            + " AND SEQUENCE_SCHEMA = SCHEMA())) FROM events)")
    int raiseEventSequence();
}
