package dev.agenthive.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.spi.BlobStoreProvider;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.core.config.HiveConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Guice wiring of a {@link Hive}: the {@code Hive} singleton comes from the same wiring as
 * {@link Hive#open(HiveConfig)}, and each service interface is bound to that hive's service
 * ({@code injector.getInstance(TaskService.class)} is {@code hive.tasks()}). Works in
 * {@code Stage.PRODUCTION} with {@code requireExplicitBindings()} and {@code disableCircularProxies()}.
 *
 * <p>Extension points, each replaceable with {@code Modules.override}: the {@link HiveConfig}, the
 * {@link Clock} (system UTC by default), and the storage providers: those added to
 * {@code Multibinder<StorageProvider>} are considered together with those found by
 * {@link java.util.ServiceLoader}; exactly one of them must accept the storage URL. Pass such
 * providers to {@link HiveConfig.Builder#storageProviders} too if the configuration sets their
 * keys. Cache providers bound to {@code Multibinder<CacheProvider>} join those found by
 * {@link java.util.ServiceLoader} in the same way for {@code hive.cache.url}, and those bound to
 * {@code Multibinder<BlobStoreProvider>} for {@code hive.blob.url}. Bind a Micrometer
 * {@code MeterRegistry} ({@code OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding()...})
 * to get the hive's meters; without one, none are kept. The services are the hive's own: overriding a service binding changes what the injector
 * hands out, not what the hive and its maintenance use.
 *
 * <p>If the store opens and a later step of the wiring fails, the store is closed before the
 * injector reports the failure. Once built, the injector owns nothing that needs closing except
 * the {@link Hive}: close it to stop maintenance and close the store.
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
        Multibinder.newSetBinder(binder(), CacheProvider.class);
        Multibinder.newSetBinder(binder(), BlobStoreProvider.class);
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    }

    @Provides
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    Hive hive(HiveConfig config, Set<StorageProvider> bound, Set<CacheProvider> boundCaches,
              Set<BlobStoreProvider> boundBlobStores, Clock clock, Optional<MeterRegistry> registry) {
        return Hive.open(config, Plugins.discover(bound, boundCaches, boundBlobStores), clock, registry.orElse(null));
    }

    @Provides
    AgentService agents(Hive hive) {
        return hive.agents();
    }

    @Provides
    TaskService tasks(Hive hive) {
        return hive.tasks();
    }

    @Provides
    MessageService messages(Hive hive) {
        return hive.messages();
    }

    @Provides
    EventService events(Hive hive) {
        return hive.events();
    }

    @Provides
    SharedMemoryService sharedMemory(Hive hive) {
        return hive.sharedMemory();
    }

    @Provides
    ProjectService projects(Hive hive) {
        return hive.projects();
    }

    @Provides
    MetricService metrics(Hive hive) {
        return hive.metrics();
    }

    @Provides
    CheckpointService checkpoints(Hive hive) {
        return hive.checkpoints();
    }

    @Provides
    GitService git(Hive hive) {
        return hive.git();
    }

    @Provides
    PullRequestService pullRequests(Hive hive) {
        return hive.pullRequests();
    }

    @Provides
    ConfigService configurations(Hive hive) {
        return hive.configurations();
    }

    @Provides
    SessionService sessions(Hive hive) {
        return hive.sessions();
    }

    @Provides
    MemoryService memory(Hive hive) {
        return hive.memory();
    }
}
