package dev.agenthive.it.fault.postgres;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code complete} and {@code fail} retried with the same lease token after the commit happened but
 * the caller heard only an error give the first call's outcome, with no error: the task completed
 * (or failed) once, with the first call's result. The answer to the COMMIT is lost two ways, through
 * {@link FaultProxy}: it never arrives (the call runs into the socket timeout), or the backend is
 * terminated right after committing ({@code pg_terminate_backend}, the caller gets its FATAL error).
 */
class PostgresRetriedOutcomeTest {
    @TempDir
    static Path dir;
    private static OwnPostgres server;

    private FaultProxy proxy;
    private Hive hive;
    private String agent;

    @BeforeAll
    static void startServer() throws Exception {
        server = OwnPostgres.start(dir);
        Stores.open(server.storeUrl()).close();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void openThroughTheProxy() throws Exception {
        proxy = FaultProxy.start(server.port());
        hive = Hive.open(HiveConfig.builder()
                .storageUrl(OwnPostgres.storeUrl(proxy.port()))
                .set(HiveConfig.CACHE_URL, HiveConfig.NO_CACHE)
                .set(HiveConfig.BLOB_URL, HiveConfig.STORE_BLOBS)
                .set("hive.postgresql.connect-timeout", "2s")
                .set("hive.postgresql.socket-timeout", "2s")
                .set("hive.postgresql.retry-timeout", "1s")
                .build());
        agent = "agent-" + UUID.randomUUID();
        hive.agents().register(AgentRegistration.of(agent, "worker", Set.of(agent)));
    }

    @AfterEach
    void close() throws Exception {
        try {
            hive.close();
        } finally {
            proxy.close();
        }
    }

    @Test
    void aCompletionRetriedAfterItsCommitAnswerWasLostCompletesOnce() throws Exception {
        Task task = claimOne();
        Json result = Json.of("{\"op\":\"first\"}");

        loseTheCommitAnswer(false, () -> hive.tasks().complete(task.id(), task.leaseToken(), result));
        assertThat(row(task.id())).as("committed although the caller got an error").startsWith("completed ");

        Task retried = hive.tasks().complete(task.id(), task.leaseToken(), result);

        assertThat(retried.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(retried.leaseToken()).isEqualTo(task.leaseToken());
        assertThat(row(task.id())).isEqualTo("completed " + task.leaseToken() + " first 1");
    }

    @Test
    void aCompletionRetriedAfterItsBackendWasTerminatedCompletesOnce() throws Exception {
        Task task = claimOne();
        Json result = Json.of("{\"op\":\"first\"}");

        loseTheCommitAnswer(true, () -> hive.tasks().complete(task.id(), task.leaseToken(), result));
        Task retried = hive.tasks().complete(task.id(), task.leaseToken(), result);

        assertThat(retried.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(retried.result().text()).as("the first call's result").contains("first");
        assertThat(row(task.id())).isEqualTo("completed " + task.leaseToken() + " first 1");
        // Another result under the same lease is no retry but a second completion.
        assertThatThrownBy(() -> hive.tasks().complete(task.id(), task.leaseToken(), Json.of("{\"op\":\"second\"}")))
                .isInstanceOf(InvalidStateTransitionException.class);
        assertThat(row(task.id())).isEqualTo("completed " + task.leaseToken() + " first 1");
    }

    @Test
    void aRetryableFailureRetriedAfterItsCommitAnswerWasLostCountsOnce() throws Exception {
        Task task = claimOne();
        Json error = Json.of("{\"op\":\"boom\"}");

        loseTheCommitAnswer(false, () -> hive.tasks().fail(task.id(), task.leaseToken(), error, true));
        Task retried = hive.tasks().fail(task.id(), task.leaseToken(), error, true);

        assertThat(retried.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(row(task.id())).isEqualTo("queued " + task.leaseToken() + " null 1");
        assertThat(errorOp(task.id())).isEqualTo("boom");
    }

    @Test
    void aFinalFailureRetriedAfterItsBackendWasTerminatedFailsOnce() throws Exception {
        Task task = claimOne();
        Json error = Json.of("{\"op\":\"fatal\"}");

        loseTheCommitAnswer(true, () -> hive.tasks().fail(task.id(), task.leaseToken(), error, false));
        Task retried = hive.tasks().fail(task.id(), task.leaseToken(), error, false);

        assertThat(retried.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(row(task.id())).isEqualTo("failed " + task.leaseToken() + " null 1");
    }

    private Task claimOne() throws InterruptedException {
        // The task only this test's agent can claim: the tests share a database.
        hive.tasks().enqueue(NewTask.builder("retry " + agent).requiredCapabilities(Set.of(agent)).build());
        List<Task> claimed = hive.tasks().claim(agent, 1, Duration.ofMinutes(5), Duration.ofSeconds(5));
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    /**
     * Runs {@code call} with the proxy set to swallow the next COMMIT answer; with {@code terminate}
     * the backend is then terminated and the client hears its FATAL error, else the call runs into
     * the socket timeout. Either way the call must fail with a {@link StorageUnavailableException}.
     */
    private void loseTheCommitAnswer(boolean terminate, Supplier<Task> call) throws Exception {
        proxy.holdNextCommit();
        CompletableFuture<Task> pending = CompletableFuture.supplyAsync(call);
        if (terminate) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (proxy.heldCommits() == 0) {
                assertThat(System.nanoTime()).as("a COMMIT answer held within 30 s").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(server.terminateBackends()).isPositive();
            proxy.releaseHeld();
        }
        Throwable failure = assertThrows(Exception.class, () -> pending.get(60, TimeUnit.SECONDS)).getCause();
        proxy.releaseHeld();
        assertThat(failure).isInstanceOf(StorageUnavailableException.class);
        assertThat(proxy.heldCommits()).isEqualTo(1);
    }

    /** {@code status lease_token result-op attempts}, read past the proxy. */
    private static String row(String id) throws Exception {
        try (Connection db = server.connect(OwnPostgres.DATABASE);
             PreparedStatement statement = db.prepareStatement(
                     "SELECT status || ' ' || lease_token || ' ' || coalesce(result->>'op', 'null') || ' ' || attempts FROM tasks WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String errorOp(String id) throws Exception {
        try (Connection db = server.connect(OwnPostgres.DATABASE); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT error->>'op' FROM tasks WHERE id = '" + id.replace("'", "") + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
