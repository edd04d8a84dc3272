package dev.agenthive.store.jdbc.event;

import org.apache.ibatis.session.SqlSession;

/**
 * How a database gives each event its commit-order position, the column {@code seq} (with {@code tx}
 * on PostgreSQL), beyond what its {@code EventMapper.insert} does. Each method runs on the session of
 * the writing transaction. The default does nothing: the insert itself assigns a number that is in
 * commit order (SQLite's {@code AUTOINCREMENT} under its single writer, PostgreSQL's transaction id
 * and a sequence, H2's sequence under the store's one writer).
 */
public interface EventPositions {

    /** Positions that the database assigns as it inserts. */
    EventPositions ASSIGNED_BY_INSERT = new EventPositions() {
    };

    /**
     * Runs before {@code count} events are inserted, in their transaction: a database that cannot tell
     * commit order by itself hands the numbers out here (MariaDB takes them from a counter row whose
     * lock the transaction holds until it ends, so numbers go out in commit order).
     */
    default void reserve(SqlSession session, int count) {
    }

    /**
     * Runs after a copy inserted events with the positions they had in the source: every position
     * handed out from now on must come after them (a sequence or counter below the largest copied
     * {@code seq} is raised to it).
     */
    default void raiseAboveStored(SqlSession session) {
    }
}
