package dev.agenthive.core;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveModuleTest {
    @TempDir
    Path dir;

    @Test
    void aStrictProductionInjectorHandsOutAWorkingHive() throws InterruptedException {
        Injector injector = strictInjector(new HiveModule(TestHives.config(dir).build()));

        try (Hive hive = injector.getInstance(Hive.class)) {
            assertThat(injector.getInstance(Hive.class)).isSameAs(hive);
            assertThat(hive.tasks()).isSameAs(injector.getInstance(TaskService.class));
            hive.agents().register(AgentRegistration.of("worker", "coder", Set.of()));
            Task enqueued = hive.tasks().enqueue(NewTask.builder("via guice").build());
            Task claimed = hive.tasks().claim("worker", 1, Duration.ZERO).get(0);
            Task completed = hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.of("{\"ok\":true}"));

            assertThat(completed.id()).isEqualTo(enqueued.id());
            assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(hive.health().status()).isEqualTo(HealthStatus.UP);
        }
    }

    @Test
    void anyBindingCanBeOverridden() {
        Instant fixed = Instant.parse("2030-01-01T00:00:00Z");
        Module overridden = Modules.override(new HiveModule(TestHives.config(dir).build()))
                .with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Clock.class).toInstance(Clock.fixed(fixed, ZoneOffset.UTC));
                    }
                });

        try (Hive hive = strictInjector(overridden).getInstance(Hive.class)) {
            Event event = hive.events().record(NewEvent.of("test.clock", Severity.INFO, null, null));

            assertThat(event.occurredAt()).isEqualTo(fixed);
        }
    }

    @Test
    void providersBoundInGuiceAreConsideredAndAFailedOpenIsAnError() {
        HiveConfig config = TestHives.config(dir).storageUrl("guice-only:/x").build();
        Module withProvider = new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), StorageProvider.class).addBinding().toInstance(new GuiceOnlyProvider());
            }
        };

        assertThatThrownBy(() -> strictInjector(new HiveModule(config), withProvider))
                .isInstanceOfSatisfying(CreationException.class, e -> assertThat(e.getErrorMessages())
                        .extracting(com.google.inject.spi.Message::getCause)
                        .anySatisfy(cause -> assertThat(cause)
                                .isInstanceOf(StorageUnavailableException.class)
                                .hasMessage("guice-only refuses to open /x")));
    }

    @Test
    void aWiringFailureAfterTheStoreIsOpenClosesTheStoreBeforeGuiceReportsIt() {
        BrokenWiringProvider provider = new BrokenWiringProvider(
                () -> new IllegalStateException("wiring fails on purpose"));
        HiveConfig config = TestHives.config(dir).storageUrl(BrokenWiringProvider.URL).build();
        Module withProvider = new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), StorageProvider.class).addBinding().toInstance(provider);
            }
        };

        assertThatThrownBy(() -> strictInjector(new HiveModule(config), withProvider))
                .isInstanceOfSatisfying(CreationException.class, e -> assertThat(e.getErrorMessages())
                        .extracting(com.google.inject.spi.Message::getCause)
                        .anySatisfy(cause -> assertThat(cause).hasMessage("wiring fails on purpose")));
        assertThat(provider.opened()).isEqualTo(1);
        assertThat(provider.closed()).isEqualTo(1);
    }

    @Test
    void theInjectorHandsOutTheGitPullRequestAndConfigurationServicesOfTheHive() {
        Injector injector = strictInjector(new HiveModule(TestHives.config(dir).build()));

        try (Hive hive = injector.getInstance(Hive.class)) {
            assertThat(hive.git()).isSameAs(injector.getInstance(GitService.class));
            assertThat(hive.pullRequests()).isSameAs(injector.getInstance(PullRequestService.class));
            assertThat(hive.configurations()).isSameAs(injector.getInstance(ConfigService.class));
            hive.agents().register(AgentRegistration.of("author", "coder", Set.of()));
            hive.pullRequests().open(new NewPullRequest(7, "author", "via guice", "feature", "main", null));
            hive.configurations().setSystem("llm", "model", Json.of("\"big\""));

            assertThat(hive.pullRequests().merge(7).status()).isEqualTo(PullRequestStatus.MERGED);
            assertThat(hive.configurations().effective("author", "llm", "model")).isPresent();
        }
    }

    private static Injector strictInjector(Module... modules) {
        Module strict = new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        };
        return Guice.createInjector(Stage.PRODUCTION, concat(strict, modules));
    }

    private static Module[] concat(Module first, Module... rest) {
        Module[] all = new Module[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A provider only Guice knows about; it refuses to open so the test can see it was chosen. */
    private static final class GuiceOnlyProvider implements StorageProvider {
        @Override
        public String name() {
            return "guice-only";
        }

        @Override
        public boolean accepts(String url) {
            return url.startsWith("guice-only:");
        }

        @Override
        public HiveStore open(StorageSettings settings) {
            throw new StorageUnavailableException("guice-only refuses to open " + settings.url().substring("guice-only:".length()), null);
        }
    }
}
