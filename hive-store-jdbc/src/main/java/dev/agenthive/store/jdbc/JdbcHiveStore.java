package dev.agenthive.store.jdbc;

import dev.agenthive.api.Checks;
import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.store.TransactionWork;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.store.jdbc.agent.JdbcAgentRepository;
import dev.agenthive.store.jdbc.event.JdbcEventRepository;
import dev.agenthive.store.jdbc.memory.JdbcSharedMemoryRepository;
import dev.agenthive.store.jdbc.message.JdbcMessageRepository;
import dev.agenthive.store.jdbc.task.JdbcTaskRepository;

import java.time.Clock;
import java.util.Objects;

/**
 * A {@link HiveStore} whose repositories run on a {@link SqlExecutor}. A store module extends it
 * with its executor and its lifecycle ({@link #health}, {@link #location}, {@link #close}).
 * {@link #inTransaction} runs the work as one write and hands it a view of the store bound to that
 * transaction, each of whose writes is a savepoint of it.
 */
public abstract class JdbcHiveStore implements HiveStore {
    private final SqlExecutor executor;
    private final SqlExceptionTranslator translator;
    private final Repositories repositories;

    /**
     * @param executor how the store runs SQL
     * @param clock    the store's clock; truncated to the dialect's {@link JdbcDialect#timePrecision()}
     * @param dialect  the database's dialect
     */
    protected JdbcHiveStore(SqlExecutor executor, Clock clock, JdbcDialect dialect) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.translator = new SqlExceptionTranslator(Objects.requireNonNull(dialect, "dialect is null"));
        this.repositories = new Repositories(executor,
                Clock.tick(Objects.requireNonNull(clock, "clock is null"), dialect.timePrecision()));
    }

    @Override
    public AgentRepository agents() {
        return repositories.agents;
    }

    @Override
    public TaskRepository tasks() {
        return repositories.tasks;
    }

    @Override
    public MessageRepository messages() {
        return repositories.messages;
    }

    @Override
    public EventRepository events() {
        return repositories.events;
    }

    @Override
    public SharedMemoryRepository sharedMemory() {
        return repositories.sharedMemory;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Checks.notNull(work, "work");
        return executor.write(session -> work.run(
                new BoundStore(this, new SavepointExecutor(session, translator), repositories.clock)));
    }

    /** The repositories over one executor. */
    private static final class Repositories {
        private final Clock clock;
        private final AgentRepository agents;
        private final TaskRepository tasks;
        private final MessageRepository messages;
        private final EventRepository events;
        private final SharedMemoryRepository sharedMemory;

        private Repositories(SqlExecutor executor, Clock clock) {
            this.clock = clock;
            this.agents = new JdbcAgentRepository(executor, clock);
            this.tasks = new JdbcTaskRepository(executor, clock);
            this.messages = new JdbcMessageRepository(executor, clock);
            this.events = new JdbcEventRepository(executor);
            this.sharedMemory = new JdbcSharedMemoryRepository(executor, clock);
        }
    }

    /** The store as seen by the work of one transaction. */
    private static final class BoundStore implements HiveStore {
        private final JdbcHiveStore outer;
        private final SqlExecutor bound;
        private final Repositories repositories;

        private BoundStore(JdbcHiveStore outer, SqlExecutor bound, Clock clock) {
            this.outer = outer;
            this.bound = bound;
            this.repositories = new Repositories(bound, clock);
        }

        @Override
        public AgentRepository agents() {
            return repositories.agents;
        }

        @Override
        public TaskRepository tasks() {
            return repositories.tasks;
        }

        @Override
        public MessageRepository messages() {
            return repositories.messages;
        }

        @Override
        public EventRepository events() {
            return repositories.events;
        }

        @Override
        public SharedMemoryRepository sharedMemory() {
            return repositories.sharedMemory;
        }

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            Checks.notNull(work, "work");
            // A nested transaction is a savepoint: its failure undoes only its own writes.
            return bound.write(session -> work.run(this));
        }

        @Override
        public StoreHealth health() {
            return outer.health();
        }

        @Override
        public String location() {
            return outer.location();
        }

        @Override
        public void close() {
            throw new IllegalStateException("the store handed to a transaction is closed by its owner, not by the work");
        }
    }
}
