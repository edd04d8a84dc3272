package dev.agenthive.store.mariadb;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The MariaDB store's own statements: the server's version, for health, and the event position counter. */
public interface MariaDbControlMapper {

    @Select("SELECT VERSION()")
    String serverVersion();

    /**
     * Takes {@code count} event positions: locks the counter row until the transaction ends, raises it
     * by {@code count} and leaves {@code LAST_INSERT_ID()} at the value before, for {@code EventMapper.insert}.
     */
    @Update("UPDATE event_position SET n = LAST_INSERT_ID(n) + #{count} WHERE id = 1")
    int reserveEventPositions(@Param("count") int count);

    /** Raises the counter to the largest stored {@code seq} if it is below. */
    @Update("UPDATE event_position SET n = GREATEST(n, (SELECT COALESCE(MAX(seq), 0) FROM events)) WHERE id = 1")
    int raiseEventPositions();
}
