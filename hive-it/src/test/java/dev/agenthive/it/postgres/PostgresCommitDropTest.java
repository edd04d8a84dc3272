package dev.agenthive.it.postgres;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An enqueue or send retried after a connection drop at commit creates no duplicate. A proxy
 * between the store and the server swallows the server's answer to one COMMIT and cuts the
 * connection: the write is committed, yet the caller gets a {@link StorageUnavailableException}
 * (the store does not retry a lost connection itself, since it cannot know whether the commit
 * happened). The caller then repeats the call, as a caller must, with a new id and the same
 * idempotency key, and gets the first call's result; a count straight on the server, past the
 * proxy, finds one row. Without a key the repeat does store a second row, which shows that the
 * drop really came after the commit.
 */
class PostgresCommitDropTest {
    private static final Map<String, String> SHORT_TIMEOUTS = Map.of("hive.postgresql.connect-timeout", "2s",
            "hive.postgresql.socket-timeout", "5s", "hive.postgresql.retry-timeout", "1s");

    private final PostgresTestServer server = PostgresTestServer.get();
    private String url;
    private CommitDroppingProxy proxy;
    private HiveStore store;

    @BeforeEach
    void openThroughTheProxy() throws IOException {
        url = server.freshDatabase();
        String hostAndPort = server.hostAndPort();
        int colon = hostAndPort.lastIndexOf(':');
        proxy = CommitDroppingProxy.start(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        // No TLS or GSS negotiation: the proxy reads the server's side as plain protocol messages.
        String proxied = url.replace("@" + hostAndPort + "/", "@127.0.0.1:" + proxy.port() + "/") + "&gssEncMode=disable";
        assertThat(proxied).contains("sslmode=disable").contains(":" + proxy.port() + "/");
        store = Stores.open(proxied, SHORT_TIMEOUTS);
    }

    @AfterEach
    void closeEverything() throws IOException {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            try {
                if (proxy != null) {
                    proxy.close();
                }
            } finally {
                server.drop(url);
            }
        }
    }

    @Test
    void aRetriedEnqueueWithAnIdempotencyKeyReturnsTheFirstTask() throws SQLException {
        NewTask task = NewTask.builder("build once").idempotencyKey("enqueue-1").build();

        loseTheAnswerToTheCommitOf(() -> store.tasks().enqueue("t-first", task));
        assertThat(rows("SELECT count(*) FROM tasks WHERE idempotency_key = ?", "enqueue-1"))
                .as("committed although the caller got an error").isEqualTo(1);

        Task retried = store.tasks().enqueue("t-retry", task);

        assertThat(retried.id()).isEqualTo("t-first");
        assertThat(rows("SELECT count(*) FROM tasks WHERE idempotency_key = ?", "enqueue-1")).isEqualTo(1);
        assertThat(store.tasks().find("t-retry")).isEmpty();
    }

    @Test
    void aRetriedEnqueueWithoutAKeyStoresASecondTask() throws SQLException {
        NewTask task = NewTask.builder("no key").build();

        loseTheAnswerToTheCommitOf(() -> store.tasks().enqueue("t-first", task));
        store.tasks().enqueue("t-retry", task);

        assertThat(rows("SELECT count(*) FROM tasks WHERE title = ?", "no key")).isEqualTo(2);
    }

    @Test
    void aRetriedSendWithAnIdempotencyKeyReturnsTheFirstMessage() throws SQLException {
        store.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
        store.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
        NewMessage note = NewMessage.direct("alice", "bob", "note", Json.of("{\"pr\":1}")).withIdempotencyKey("send-1");

        loseTheAnswerToTheCommitOf(() -> store.messages().send("m-first", note));
        Message retried = store.messages().send("m-retry", note);

        assertThat(retried.id()).isEqualTo("m-first");
        assertThat(rows("SELECT count(*) FROM agent_messages WHERE idempotency_key = ?", "send-1")).isEqualTo(1);
        assertThat(store.messages().countPending("bob")).isEqualTo(1);
    }

    @Test
    void aRetriedBroadcastWithAnIdempotencyKeyReturnsTheFirstCopies() throws SQLException {
        store.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
        store.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
        store.agents().register(AgentRegistration.of("carol", "tester", Set.of()));
        NewMessage announcement = NewMessage.broadcast("alice", "announce", Json.of("{}")).withIdempotencyKey("all-1");

        loseTheAnswerToTheCommitOf(() -> store.messages().broadcast("b-first", announcement));
        List<Message> retried = store.messages().broadcast("b-retry", announcement);

        assertThat(retried).extracting(Message::broadcastId).containsOnly("b-first");
        assertThat(retried).extracting(Message::toAgent).containsExactlyInAnyOrder("bob", "carol");
        assertThat(rows("SELECT count(*) FROM agent_messages WHERE idempotency_key = ?", "all-1")).isEqualTo(2);
        assertThat(rows("SELECT count(*) FROM agent_messages WHERE broadcast_id = ?", "b-retry")).isZero();
    }

    /** Runs {@code write} with the proxy armed and checks the proxy really swallowed a COMMIT answer. */
    private void loseTheAnswerToTheCommitOf(Executable write) {
        int droppedBefore = proxy.droppedCommits();
        proxy.dropNextCommit();

        StorageUnavailableException lost = assertThrows(StorageUnavailableException.class, write);

        assertThat(proxy.droppedCommits()).as("COMMIT answers dropped (the call failed with: %s)", lost.getMessage())
                .isEqualTo(droppedBefore + 1);
    }

    private long rows(String countQuery, String parameter) throws SQLException {
        try (Connection connection = server.connect(url);
             PreparedStatement statement = connection.prepareStatement(countQuery)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
