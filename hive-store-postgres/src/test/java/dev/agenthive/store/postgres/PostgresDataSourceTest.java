package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.store.jdbc.server.ServerStoreConfig;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's data source as the store builds it, without opening a connection. */
class PostgresDataSourceTest {
    private static final ServerStoreConfig CONFIG = ServerStoreConfig.defaults("postgresql");

    /** Flyway redacts this URL with a regex that takes tens of milliseconds on the 1.5 KB a setURL leaves. */
    @Test
    void theDataSourceUrlHoldsOnlyWhatTheStoreSet() {
        PGSimpleDataSource source = PostgresHiveStore.dataSource(
                PostgresUrl.parse("postgresql://hive:pw@db1:6543,[::1]/agents?ApplicationName=x&sslmode=require"),
                CONFIG, "agent-hive");

        assertThat(source.getServerNames()).containsExactly("db1", "[::1]");
        assertThat(source.getPortNumbers()).containsExactly(6543, 5432);
        assertThat(source.getDatabaseName()).isEqualTo("agents");
        assertThat(source.getSslMode()).isEqualTo("require");
        assertThat(source.getUrl()).startsWith("jdbc:postgresql://db1:6543,[::1]:5432/agents?")
                .contains("options=-c+idle_in_transaction_session_timeout%3D60000")
                .doesNotContain("adaptiveFetch", "pw")
                .hasSizeLessThan(400);
    }

    @Test
    void anOptionTheDriverDoesNotKnowIsRefusedByName() {
        assertThatThrownBy(() -> PostgresHiveStore.dataSource(PostgresUrl.parse("postgresql://hive@db/agents?colour=blue"),
                CONFIG, "agent-hive"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hive.storage.url").hasMessageContaining("colour");
    }
}
