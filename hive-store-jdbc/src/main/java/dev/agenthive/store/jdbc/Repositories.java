package dev.agenthive.store.jdbc;

import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.store.jdbc.agent.JdbcAgentRepository;
import dev.agenthive.store.jdbc.event.JdbcEventRepository;
import dev.agenthive.store.jdbc.memory.JdbcSharedMemoryRepository;
import dev.agenthive.store.jdbc.message.JdbcMessageRepository;
import dev.agenthive.store.jdbc.session.JdbcContextSessionRepository;
import dev.agenthive.store.jdbc.snapshot.JdbcMemorySnapshotRepository;
import dev.agenthive.store.jdbc.task.JdbcTaskRepository;

import java.time.Clock;

/**
 * Every repository of a store, over one executor: the store's own (each call its own transaction)
 * or a transaction's (each call a savepoint of it). A new aggregate is one more component here and
 * one more accessor in {@link RepositoryView}.
 */
record Repositories(
        Clock clock,
        AgentRepository agents,
        TaskRepository tasks,
        MessageRepository messages,
        EventRepository events,
        SharedMemoryRepository sharedMemory,
        ContextSessionRepository sessions,
        MemorySnapshotRepository snapshots) {

    Repositories(SqlExecutor executor, Clock clock) {
        this(clock,
                new JdbcAgentRepository(executor, clock),
                new JdbcTaskRepository(executor, clock),
                new JdbcMessageRepository(executor, clock),
                new JdbcEventRepository(executor),
                new JdbcSharedMemoryRepository(executor, clock),
                new JdbcContextSessionRepository(executor, clock),
                new JdbcMemorySnapshotRepository(executor, clock));
    }
}
