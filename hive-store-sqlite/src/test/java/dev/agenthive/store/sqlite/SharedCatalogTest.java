package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.store.jdbc.MapperCatalog;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stores opened by one provider share its parsed statements and nothing else: each works on its own
 * file, sees only its own rows, and goes on working when another closes.
 */
class SharedCatalogTest {
    @TempDir
    Path dir;

    @Test
    void storesOfOneProviderShareTheStatementsAndKeepTheirOwnData() {
        StorageProvider provider = new SqliteStorageProvider();
        HiveStore first = open(provider, "first.db");
        HiveStore second = open(provider, "second.db");
        try {
            first.agents().register(AgentRegistration.of("only-in-first", "worker", Set.of()));
            second.tasks().enqueue("only-in-second", NewTask.builder("second's task").build());
            first.close();

            assertThat(second.agents().find("only-in-first")).isEmpty();
            assertThat(second.tasks().find("only-in-second")).isPresent();
            second.agents().register(AgentRegistration.of("after-first-closed", "worker", Set.of()));
            assertThat(second.agents().find("after-first-closed")).isPresent();
        } finally {
            first.close();
            second.close();
        }
        HiveStore reopened = open(provider, "first.db");
        try {
            assertThat(reopened.agents().find("only-in-first")).isPresent();
            assertThat(reopened.tasks().find("only-in-second")).isEmpty();
        } finally {
            reopened.close();
        }
    }

    @Test
    void aSessionOpenedWithoutAConnectionIsRefused() {
        MapperCatalog catalog = SqliteHiveStore.catalog().get();

        assertThatThrownBy(() -> {
            try (SqlSession session = catalog.sessions().openSession()) {
                session.selectOne("dev.agenthive.store.sqlite.SqliteControlMapper.selectOne");
            }
        }).hasRootCauseInstanceOf(UnsupportedOperationException.class)
                .hasRootCauseMessage("a MapperCatalog has no data source: open sessions on a connection");
    }

    private HiveStore open(StorageProvider provider, String file) {
        return provider.open(new StorageSettings("sqlite:" + dir.resolve(file), true, Map.of(), Clock.systemUTC()));
    }
}
