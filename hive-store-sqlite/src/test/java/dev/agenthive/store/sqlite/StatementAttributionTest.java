package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.observe.StatementScope;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.task.NewTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements of a write reach the scope of the caller that handed it over, even when another
 * caller's thread runs it in its group commit; the batch's own BEGIN and COMMIT reach every caller of
 * the batch.
 */
class StatementAttributionTest {
    @TempDir
    Path dir;

    @Test
    void aWriteRunByAnotherCallersThreadIsToldToItsOwnCallersScope() throws InterruptedException {
        ThreadScopes listener = new ThreadScopes();
        SqliteHiveStore store = (SqliteHiveStore) Stores.provider().open(new StorageSettings(
                "sqlite:" + dir.resolve("hive.db"), true, Map.of(), Clock.systemUTC(), LargeContent.inRows(), listener));
        try (store) {
            Names agentCall = new Names();
            Names taskCall = new Names();
            long commitsBefore;
            Thread registering;
            Thread enqueueing;
            try (WriterBlocker blocker = new WriterBlocker(store)) {
                commitsBefore = store.writerStats().commits();
                registering = start(listener, agentCall,
                        () -> store.agents().register(AgentRegistration.of("agent-1", "coder", Set.of())));
                WriterBlocker.awaitQueued(store, 1);
                enqueueing = start(listener, taskCall, () -> store.tasks().enqueue("task-1", NewTask.builder("t").build()));
                WriterBlocker.awaitQueued(store, 2);
                blocker.release();
                registering.join();
                enqueueing.join();
            }

            assertThat(store.writerStats().commits() - commitsBefore)
                    .as("the blocking write, then both queued writes in one group commit").isEqualTo(2);
            assertThat(agentCall.names).anyMatch(name -> name.contains(".AgentMapper."))
                    .noneMatch(name -> name.contains(".TaskMapper."))
                    .contains(control("beginImmediate"), control("commit"));
            assertThat(taskCall.names).anyMatch(name -> name.contains(".TaskMapper."))
                    .noneMatch(name -> name.contains(".AgentMapper."))
                    .contains(control("beginImmediate"), control("commit"));
            assertThat(listener.current()).as("this thread watched nothing").isNull();
        }
    }

    private static String control(String statement) {
        return SqliteControlMapper.class.getName() + "." + statement;
    }

    private static Thread start(StatementListener listener, StatementScope scope, Runnable write) {
        Thread thread = new Thread(() -> {
            listener.attach(scope);
            try {
                write.run();
            } finally {
                listener.attach(null);
            }
        });
        thread.start();
        return thread;
    }

    /** The names told to one call, from whichever thread. */
    private static final class Names implements StatementScope {
        final List<String> names = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void statement(String name) {
            names.add(name);
        }
    }

    /** Scopes per thread, as the core keeps them. */
    private static final class ThreadScopes implements StatementListener {
        private final ThreadLocal<StatementScope> scopes = new ThreadLocal<>();

        @Override
        public StatementScope current() {
            return scopes.get();
        }

        @Override
        public StatementScope attach(StatementScope scope) {
            StatementScope previous = scopes.get();
            scopes.set(scope);
            return previous;
        }
    }
}
