package dev.agenthive.store.jdbc;

import dev.agenthive.api.error.StorageUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;

/** Runs a dialect's versioned migrations, shipped inside the store's jar. */
public final class FlywayMigrator {

    private FlywayMigrator() {
    }

    /**
     * Migrates the database to the newest version found at the dialect's migration location.
     *
     * @return number of migrations applied
     * @throws StorageUnavailableException the migration failed (nothing of a failed migration stays)
     */
    public static int migrate(DataSource dataSource, JdbcDialect dialect) {
        try {
            return flyway(dataSource, dialect).migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new StorageUnavailableException("schema migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks, without changing anything, that every migration this store ships has been applied,
     * so that a store opened without migrating fails at open instead of at its first query.
     * Migrations newer than this store's (applied by a newer version) are accepted.
     *
     * @throws StorageUnavailableException the schema is missing, behind or altered
     */
    public static void requireMigrated(DataSource dataSource, JdbcDialect dialect) {
        Flyway flyway = flyway(dataSource, dialect);
        try {
            flyway.validateWithResult();
            if (flyway.info().pending().length > 0 || flyway.info().current() == null) {
                throw new StorageUnavailableException("the database schema is not migrated to this version;"
                        + " open it with migration enabled (e.g. hive init)", null);
            }
        } catch (FlywayException e) {
            throw new StorageUnavailableException("schema validation failed: " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(DataSource dataSource, JdbcDialect dialect) {
        return Flyway.configure(FlywayMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load();
    }
}
