package dev.agenthive.store.jdbc;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Inserts many rows as one JDBC batch of a single-row statement, in the transaction of a running
 * session. A multi-row {@code INSERT ... VALUES <foreach>} had MyBatis build its SQL text and bind
 * its parameters anew for every call, about two thirds of the CPU of appending 100 events (JFR,
 * hive-bench events-batch100); a single-row statement is parsed once when the mappers are, and the
 * drivers send a batch as the database likes it best (PostgreSQL's {@code reWriteBatchedInserts}
 * makes it multi-row inserts again, MariaDB's connector its bulk protocol).
 */
public final class BatchInsert {

    private BatchInsert() {
    }

    /**
     * Runs {@code insert} for each row on a batching session over the connection of {@code session}
     * and executes the batch; a failing row fails the whole call, and the caller's transaction (or
     * savepoint) takes back what the batch wrote.
     *
     * @param session    the running session, whose connection and transaction the batch joins
     * @param mapperType the mapper holding the single-row insert
     * @param rows       the rows, inserted in this order
     * @param insert     calls the mapper's insert for one row
     */
    public static <M, T> void insertEach(SqlSession session, Class<M> mapperType, List<T> rows, BiConsumer<M, T> insert) {
        // The catalog's transaction factory leaves the connection open and its transaction alone:
        // closing this session ends neither.
        try (SqlSession batch = new DefaultSqlSessionFactory(session.getConfiguration())
                .openSession(ExecutorType.BATCH, session.getConnection())) {
            M mapper = batch.getMapper(mapperType);
            for (T row : rows) {
                insert.accept(mapper, row);
            }
            batch.flushStatements();
        }
    }
}
