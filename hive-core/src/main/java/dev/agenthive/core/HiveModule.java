package dev.agenthive.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.id.IdGenerator;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.provider.StorageProviders;
import dev.agenthive.core.service.DefaultAgentService;
import dev.agenthive.core.service.DefaultCheckpointService;
import dev.agenthive.core.service.DefaultConfigService;
import dev.agenthive.core.service.DefaultEventService;
import dev.agenthive.core.service.DefaultGitService;
import dev.agenthive.core.service.DefaultMessageService;
import dev.agenthive.core.service.DefaultMetricService;
import dev.agenthive.core.service.DefaultProjectService;
import dev.agenthive.core.service.DefaultPullRequestService;
import dev.agenthive.core.service.DefaultMemoryService;
import dev.agenthive.core.service.DefaultSessionService;
import dev.agenthive.core.service.DefaultSharedMemoryService;
import dev.agenthive.core.service.DefaultTaskService;
import dev.agenthive.core.service.MemoryAccessRecorder;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Guice wiring of a {@link Hive}, the same components {@link Hive#open(HiveConfig)} wires by hand.
 * Works in {@code Stage.PRODUCTION} with {@code requireExplicitBindings()} and
 * {@code disableCircularProxies()}; any binding can be replaced with {@code Modules.override}.
 *
 * <p>Extension point: storage providers added to {@code Multibinder<StorageProvider>} are
 * considered together with those found by {@link java.util.ServiceLoader}; exactly one of them must
 * accept the storage URL. Pass such providers to {@link HiveConfig.Builder#storageProviders} too
 * if the configuration sets their keys.
 *
 * <p>The injector owns nothing that needs closing except the {@link Hive}: close it to stop
 * maintenance and close the store.
 */
public final class HiveModule extends AbstractModule {
    private final HiveConfig config;

    /** A module wiring a hive with this configuration. */
    public HiveModule(HiveConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(HiveConfig.class).toInstance(config);
        Multibinder.newSetBinder(binder(), StorageProvider.class);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    StorageProviders storageProviders(Set<StorageProvider> bound) {
        return StorageProviders.discover(Hive.contextLoader(), bound);
    }

    @Provides
    @Singleton
    HiveStore hiveStore(StorageProviders providers, HiveConfig config, Clock clock) {
        return providers.open(Hive.storageSettings(config, clock));
    }

    @Provides
    @Singleton
    Notifier notifier(HiveStore store) {
        return Hive.notifierFor(store);
    }

    @Provides
    @Singleton
    JsonCodec jsonCodec(HiveConfig config) {
        return Hive.jsonCodec(config);
    }

    @Provides
    @Singleton
    IdGenerator idGenerator(Clock clock) {
        return new IdGenerator(clock, new SecureRandom());
    }

    @Provides
    @Singleton
    MemoryAccessRecorder memoryAccessRecorder() {
        return new MemoryAccessRecorder();
    }

    @Provides
    @Singleton
    AgentService agentService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids, Clock clock,
                              HiveConfig config) {
        return new DefaultAgentService(store, notifier, codec, ids, clock, config);
    }

    @Provides
    @Singleton
    TaskService taskService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids, Clock clock,
                            HiveConfig config) {
        return new DefaultTaskService(store, notifier, codec, ids, clock, config);
    }

    @Provides
    @Singleton
    MessageService messageService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids,
                                  HiveConfig config) {
        return new DefaultMessageService(store, notifier, codec, ids, config);
    }

    @Provides
    @Singleton
    EventService eventService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock, HiveConfig config) {
        return new DefaultEventService(store, codec, ids, clock, config);
    }

    @Provides
    @Singleton
    SharedMemoryService sharedMemoryService(HiveStore store, JsonCodec codec, MemoryAccessRecorder accesses,
                                            Clock clock, HiveConfig config) {
        return new DefaultSharedMemoryService(store, codec, accesses, clock, config);
    }

    @Provides
    @Singleton
    GitService gitService(HiveStore store) {
        return new DefaultGitService(store);
    }

    @Provides
    @Singleton
    SessionService sessionService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock, HiveConfig config) {
        return new DefaultSessionService(store, codec, ids, clock, config);
    }

    @Provides
    @Singleton
    PullRequestService pullRequestService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        return new DefaultPullRequestService(store, codec, ids, clock);
    }

    @Provides
    @Singleton
    ConfigService configService(HiveStore store, JsonCodec codec) {
        return new DefaultConfigService(store, codec);
    }

    @Provides
    @Singleton
    MemoryService memoryService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        return new DefaultMemoryService(store, codec, ids, clock);
    }

    @Provides
    @Singleton
    Hive hive(HiveConfig config, HiveStore store, Notifier notifier, AgentService agents, TaskService tasks,
              MessageService messages, EventService events, SharedMemoryService sharedMemory,
              MemoryAccessRecorder accesses, ProjectService projects, MetricService metrics,
              CheckpointService checkpoints, GitService git, PullRequestService pullRequests,
              ConfigService configService, SessionService sessions, MemoryService memory) {
        return new Hive(config, store, notifier, agents, tasks, messages, events, sharedMemory, accesses,
                projects, metrics, checkpoints, git, pullRequests, configService, sessions, memory);
    }

    @Provides
    @Singleton
    ProjectService projectService(HiveStore store, JsonCodec codec, IdGenerator ids) {
        return new DefaultProjectService(store, codec, ids);
    }

    @Provides
    @Singleton
    MetricService metricService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        return new DefaultMetricService(store, codec, ids, clock);
    }

    @Provides
    @Singleton
    CheckpointService checkpointService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        return new DefaultCheckpointService(store, codec, ids, clock);
    }
}
