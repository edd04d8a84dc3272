package dev.agenthive.tck;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Contract of {@link HiveStore} itself: transactions across repositories, health, location, close. */
public abstract sealed class HiveStoreContract extends AbstractStoreContract permits HiveStoreTck.Store {

    /** One write to every repository, made through the transaction-bound store. */
    private static void writeEverywhere(HiveStore tx) {
        tx.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
        tx.agents().register(AgentRegistration.of("bob", "coder", Set.of()));
        tx.tasks().enqueue("t-1", NewTask.builder("in a transaction").build());
        tx.messages().send("m-1", NewMessage.direct("alice", "bob", "note", json("{}")));
        tx.events().append(List.of(new Event("e-1", "tx", Severity.INFO, "alice", null, json("{}"),
                Instant.parse("2026-01-01T00:00:00Z"))));
        tx.sharedMemory().put(new MemoryWrite("ns", "k", json("1"), JsonType.NUMBER, null, null, null));
        tx.gitStates().upsert(new GitStateUpdate("alice", "/w", "main", "a".repeat(40), false, 0, 0));
        tx.pullRequests().open(new NewPullRequest(1, "alice", "in a transaction", "feature", "main", null));
        tx.configurations().put(ConfigWrite.of(ConfigKey.system("c", "k"), json("1")));
    }

    private void assertNothingWritten() {
        HiveStore store = store();
        assertThat(store.agents().list(AgentQuery.all())).isEmpty();
        assertThat(store.tasks().find("t-1")).isEmpty();
        assertThat(TaskRepositoryContract.total(store.tasks().countByStatus())).isZero();
        assertThat(store.messages().find("m-1")).isEmpty();
        assertThat(store.messages().countPending(null)).isZero();
        assertThat(store.events().query(EventQuery.all(10)).events()).isEmpty();
        assertThat(store.sharedMemory().get("ns", "k")).isEmpty();
        assertThat(store.gitStates().find("alice", "/w")).isEmpty();
        assertThat(store.pullRequests().find(1)).isEmpty();
        assertThat(store.configurations().find(ConfigKey.system("c", "k"))).isEmpty();
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS, Capability.CONFIGURATIONS})
    void inTransactionCommitsEveryRepositoryTogether() {
        String result = store().inTransaction(tx -> {
            writeEverywhere(tx);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(store().agents().find("alice")).isPresent();
        assertThat(store().tasks().find("t-1").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(store().messages().find("m-1")).isPresent();
        assertThat(store().events().query(EventQuery.all(10)).events()).extracting(Event::id).containsExactly("e-1");
        assertThat(store().sharedMemory().get("ns", "k")).isPresent();
        assertThat(store().gitStates().find("alice", "/w")).isPresent();
        assertThat(store().pullRequests().find(1)).isPresent();
        assertThat(store().configurations().find(ConfigKey.system("c", "k"))).isPresent();
    }

    @Test
    void inTransactionSeesItsOwnWrites() {
        boolean seen = store().inTransaction(tx -> {
            tx.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            tx.tasks().enqueue("t-1", NewTask.builder("t").build());
            return tx.agents().find("alice").isPresent() && tx.tasks().find("t-1").isPresent();
        });

        assertThat(seen).isTrue();
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS, Capability.CONFIGURATIONS})
    void workThatThrowsLeavesNothingBehindAndItsExceptionReachesTheCaller() {
        IllegalStateException failure = new IllegalStateException("work gave up");

        Throwable thrown = catchThrowable(() -> store().inTransaction(tx -> {
            writeEverywhere(tx);
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertNothingWritten();
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS, Capability.CONFIGURATIONS})
    void failingRepositoryCallRollsBackEarlierWritesOfTheTransaction() {
        store().sharedMemory().put(new MemoryWrite("other", "guard", json("1"), JsonType.NUMBER, null, null, null));

        ConflictException e = assertThrows(ConflictException.class, () -> store().inTransaction(tx -> {
            writeEverywhere(tx);
            return tx.sharedMemory().put(new MemoryWrite("other", "guard", json("2"), JsonType.NUMBER, null, null, 7L));
        }));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertNothingWritten();
        assertThat(store().sharedMemory().get("other", "guard").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS, Capability.CONFIGURATIONS})
    void storeStaysUsableAfterARolledBackTransaction() {
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            writeEverywhere(tx);
            throw new IllegalArgumentException("abort");
        })).isInstanceOf(IllegalArgumentException.class);

        store().inTransaction(tx -> {
            writeEverywhere(tx);
            return null;
        });

        assertThat(store().agents().list(AgentQuery.all())).hasSize(2);
        assertThat(store().messages().countPending("bob")).isEqualTo(1);
    }

    @Test
    void healthReportsAnAnsweringStore() {
        StoreHealth health = store().health();

        assertThat(health.healthy()).isTrue();
        assertThat(health.provider()).isNotBlank();
        assertThat(health.location()).isEqualTo(store().location());
    }

    @Test
    void locationNamesTheData() {
        assertThat(store().location()).isNotBlank();
    }

    /**
     * A store opened through a URL with a password (or another secret the provider's URLs carry)
     * shows it nowhere: not in its location, health, details or {@code toString()}, nor in the
     * errors of calls after close.
     */
    @Test
    void aSecretOfTheUrlShowsNowhere() {
        String secret = canary();
        Optional<HiveStore> opened = tck().openStoreWithSecret(secret, clock());
        assumeTrue(opened.isPresent(), "the provider's storage URLs carry no secret");
        HiveStore store = opened.get();
        try {
            store.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            StoreHealth health = store.health();
            assertThat(health.healthy()).as("health of the store opened with a secret").isTrue();
            assertThat(store.location()).as("location()").doesNotContain(secret);
            assertThat(health.location()).as("health().location()").doesNotContain(secret);
            assertThat(health.details().toString()).as("health().details()").doesNotContain(secret);
            assertThat(health.toString()).as("health()").doesNotContain(secret);
            assertThat(store.toString()).as("toString()").doesNotContain(secret);

            store.close();
            assertThat(store.health().toString()).as("health() after close").doesNotContain(secret);
            assertNoSecret(catchThrowable(() -> store.agents().find("alice")), secret);
        } finally {
            tck().closeStore(store);
        }
    }

    /** Opening a URL with a secret that cannot work fails with errors that do not show the secret. */
    @Test
    void aRefusedOpenDoesNotShowTheSecret() {
        String secret = canary();
        Optional<Throwable> refusal = tck().refusedOpenWithSecret(secret);
        assumeTrue(refusal.isPresent(), "the provider's storage URLs carry no secret");

        assertThat(refusal.get()).as("what the refused open threw").isInstanceOf(StorageUnavailableException.class);
        assertNoSecret(refusal.get(), secret);
    }

    /** A password no store would make up: a match can only be the secret itself. */
    private static String canary() {
        return "Canary" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void assertNoSecret(Throwable thrown, String secret) {
        assertThat(thrown).as("the error").isNotNull();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = thrown; cause != null && seen.add(cause); cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).as("message of %s", cause.getClass().getName())
                    .doesNotContain(secret);
            assertThat(cause.toString()).as("%s", cause.getClass().getName()).doesNotContain(secret);
            for (Throwable suppressed : cause.getSuppressed()) {
                assertNoSecret(suppressed, secret);
            }
        }
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS, Capability.CONFIGURATIONS})
    void closedStoreRefusesEveryCallWithStorageUnavailable() {
        HiveStore store = store();
        store.close();

        List<Executable> calls = List.of(
                () -> store.agents().find("alice"),
                () -> store.agents().register(AgentRegistration.of("alice", "coder", Set.of())),
                () -> store.tasks().enqueue("t-1", NewTask.builder("t").build()),
                () -> store.tasks().countByStatus(),
                () -> store.messages().countPending(null),
                () -> store.events().query(EventQuery.all(1)),
                () -> store.sharedMemory().get("ns", "k"),
                () -> store.gitStates().listByAgent("alice"),
                () -> store.pullRequests().find(1),
                () -> store.configurations().find(ConfigKey.system("c", "k")),
                () -> store.inTransaction(tx -> tx.agents().countByStatus()));
        for (Executable call : calls) {
            assertThrows(StorageUnavailableException.class, call);
        }
        StoreHealth health = store.health();
        assertThat(health.healthy()).isFalse();
        store.close();
    }
}
