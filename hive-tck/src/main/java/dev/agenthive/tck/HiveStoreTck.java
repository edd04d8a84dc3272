package dev.agenthive.tck;

import dev.agenthive.api.store.HiveStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage TCK in one class: a provider passes it by extending this class once and opening a
 * fresh store on the given clock in {@link #openStore(Clock)}. Every contract runs as one of the
 * {@link Nested @Nested} classes below, which the subclass inherits: JUnit discovers {@code @Nested}
 * classes declared in a superclass of a test class and runs them against an instance of the subclass.
 *
 * <pre>{@code
 * class MyStoreTckTest extends HiveStoreTck {
 *     @TempDir
 *     Path dir;
 *
 *     @Override
 *     protected HiveStore openStore(Clock clock) {
 *         return new MyStorageProvider().open(new StorageSettings(
 *                 "mystore:" + dir.resolve("hive"), true, Map.of(), clock));
 *     }
 * }
 * }</pre>
 *
 * <p>The clock is a {@link MutableClock}: a test that needs a lease, TTL or delay to pass moves it
 * ahead instead of sleeping. A plugin written before this hook overrides {@link #openStore()}
 * instead; its store then keeps its own clock and those tests wait for real time to pass, a few
 * hundred milliseconds each.
 *
 * <p>JUnit makes a new instance of the subclass for every test, so fields such as a {@code @TempDir}
 * are fresh for each. A store that lacks an optional aggregate says so in {@link #capabilities()};
 * the tests that need it then assert the store's refusal instead of running, and are never
 * skipped. The inherited test {@code everyContractRunsAsANestedClass} makes sure that no
 * contract of the kit is left out.
 */
public abstract class HiveStoreTck {

    /**
     * Opens a fresh, migrated, empty store that takes "now" from {@code clock} (the
     * {@link dev.agenthive.api.spi.StorageSettings#clock() settings' clock}). Called once before
     * every test; the store is closed with {@link #closeStore(HiveStore)} after it. Override this
     * one; the default opens {@link #openStore()}, whose store does not follow the test's clock.
     */
    protected HiveStore openStore(Clock clock) {
        return openStore();
    }

    /**
     * Opens a fresh, migrated, empty store on a clock of its own: the factory of plugins written
     * before {@link #openStore(Clock)}, which new plugins override instead.
     *
     * @throws UnsupportedOperationException unless overridden
     */
    protected HiveStore openStore() {
        throw new UnsupportedOperationException(getClass().getName() + " overrides neither openStore(Clock) nor openStore()");
    }

    /**
     * Whether the stores of this TCK follow the clock given to {@link #openStore(Clock)}: true when
     * a subclass overrides that method, so tests can move time instead of waiting for it.
     */
    final boolean storeFollowsTheClock() {
        for (Class<?> type = getClass(); type != HiveStoreTck.class; type = type.getSuperclass()) {
            boolean declared = Arrays.stream(type.getDeclaredMethods())
                    .anyMatch(method -> method.getName().equals("openStore")
                            && Arrays.equals(method.getParameterTypes(), new Class<?>[] {Clock.class}));
            if (declared) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a fresh, migrated, empty store, like {@link #openStore(Clock)}, through a storage URL that
     * carries {@code secret} where the provider's URLs carry one: as the password, or in an option that
     * holds a secret. The TCK then looks for the secret in everything the store shows. Empty (the
     * default) when the provider's URLs carry no secret, as SQLite's do not; the tests that need it
     * are then reported as skipped, with that reason. The store is closed with {@link #closeStore}.
     */
    protected Optional<HiveStore> openStoreWithSecret(String secret, Clock clock) {
        return Optional.empty();
    }

    /**
     * Tries to open a store through a storage URL that carries {@code secret} as in
     * {@link #openStoreWithSecret} and that cannot be opened (a wrong password, a database that does
     * not exist), and returns what the provider threw; the TCK looks for the secret in its messages.
     * Empty (the default) when the provider's URLs carry no secret.
     *
     * @throws AssertionError the store opened after all (close it first)
     */
    protected Optional<Throwable> refusedOpenWithSecret(String secret) {
        return Optional.empty();
    }

    /**
     * Releases a store opened by {@link #openStore(Clock)}. May be called on a store the test already
     * closed, so it must tolerate a second close.
     */
    protected void closeStore(HiveStore store) {
        store.close();
    }

    /**
     * The optional aggregates the store has: all of them unless overridden. Tests that need one the
     * store leaves out assert that it refuses that aggregate with
     * {@link dev.agenthive.api.error.ErrorCode#UNSUPPORTED}. {@link Capability#CHECKPOINTS} needs
     * {@link Capability#PROJECTS}.
     */
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * The deepest nesting of JSON arrays and objects the store keeps: the core's default
     * {@code hive.json.max-depth} (64) unless the database keeps less and the store refuses deeper
     * values at its port (MariaDB: 31). Deeper values must be refused with an
     * {@link dev.agenthive.api.error.InvalidInputException} naming the field.
     */
    protected int maxJsonDepth() {
        return 64;
    }

    @Test
    void everyContractRunsAsANestedClass() {
        assertEveryContractIsNested();
    }

    /**
     * Asserts that every contract (every permitted subclass of the sealed {@link AbstractStoreContract})
     * is extended by exactly one {@code @Nested} inner class of this class, so that JUnit runs it.
     */
    static void assertEveryContractIsNested() {
        assertThat(AbstractStoreContract.class.isSealed()).as("AbstractStoreContract is sealed").isTrue();
        List<Class<?>> contracts = List.of(AbstractStoreContract.class.getPermittedSubclasses());
        List<Class<?>> nested = Arrays.stream(HiveStoreTck.class.getDeclaredClasses())
                .filter(type -> type.isAnnotationPresent(Nested.class))
                .filter(type -> !Modifier.isStatic(type.getModifiers()))
                .filter(type -> !Modifier.isPrivate(type.getModifiers()))
                .filter(type -> !Modifier.isAbstract(type.getModifiers()))
                .<Class<?>>map(Class::getSuperclass)
                .toList();

        assertThat(contracts).as("contracts of the TCK").isNotEmpty();
        assertThat(nested).as("contracts run by a @Nested inner class of HiveStoreTck")
                .containsExactlyInAnyOrderElementsOf(contracts);
    }

    /** {@link AgentRepositoryContract} on this store. */
    @Nested
    public final class Agents extends AgentRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link TaskRepositoryContract} on this store. */
    @Nested
    public final class Tasks extends TaskRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link MessageRepositoryContract} on this store. */
    @Nested
    public final class Messages extends MessageRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link EventRepositoryContract} on this store. */
    @Nested
    public final class Events extends EventRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link SharedMemoryRepositoryContract} on this store. */
    @Nested
    public final class SharedMemory extends SharedMemoryRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link ContextSessionRepositoryContract} on this store. */
    @Nested
    public final class ContextSessions extends ContextSessionRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link MemorySnapshotRepositoryContract} on this store. */
    @Nested
    public final class MemorySnapshots extends MemorySnapshotRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link ProjectRepositoryContract} on this store. */
    @Nested
    public final class Projects extends ProjectRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link MetricRepositoryContract} on this store. */
    @Nested
    public final class Metrics extends MetricRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link CheckpointRepositoryContract} on this store. */
    @Nested
    public final class Checkpoints extends CheckpointRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link GitStateRepositoryContract} on this store. */
    @Nested
    public final class GitStates extends GitStateRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link PullRequestRepositoryContract} on this store. */
    @Nested
    public final class PullRequests extends PullRequestRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link ConfigurationRepositoryContract} on this store. */
    @Nested
    public final class Configurations extends ConfigurationRepositoryContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link HiveStoreContract} on this store: transactions, health, location, close. */
    @Nested
    public final class Store extends HiveStoreContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link JsonContainmentContract} on this store. */
    @Nested
    public final class JsonContainment extends JsonContainmentContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link ConcurrencyContract} on this store. */
    @Nested
    public final class Concurrency extends ConcurrencyContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link JsonLimitsContract} on this store: JSON limits and the U+0000 rule at the port. */
    @Nested
    public final class JsonLimits extends JsonLimitsContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link BadInputContract} on this store. */
    @Nested
    public final class BadInput extends BadInputContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }

    /** {@link InjectionContract} on this store. */
    @Nested
    public final class Injection extends InjectionContract {
        @Override
        HiveStoreTck tck() {
            return HiveStoreTck.this;
        }
    }
}
