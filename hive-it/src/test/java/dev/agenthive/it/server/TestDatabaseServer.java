package dev.agenthive.it.server;

import java.sql.Connection;
import java.sql.SQLException;

/** A database server the tests make databases on, each named by the storage URL users would write. */
public interface TestDatabaseServer {
    /** Creates a database for a store (migrated already, or migrated by the store on opening), returning its URL. */
    String newDatabase();

    /** Deletes every row of a migrated database's tables, keeping its schema and Flyway's history. */
    void reset(String url) throws SQLException;

    /** Drops a database made here. */
    void drop(String url);

    /** A plain JDBC connection to a database made here, for tests that look past the store. */
    Connection connect(String url) throws SQLException;
}
