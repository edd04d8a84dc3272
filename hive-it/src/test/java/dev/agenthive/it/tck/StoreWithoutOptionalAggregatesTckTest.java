package dev.agenthive.it.tck;

import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.store.TransactionWork;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.tck.Capability;
import dev.agenthive.tck.HiveStoreTck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TCK on a store that has only the aggregates every store must have (SQLite behind a
 * {@link HiveStore} that keeps the defaults of the optional accessors) and declares no
 * {@link Capability}: every test must still pass, the ones of the missing aggregates by asserting
 * the store's refusal. A contract test that uses an optional aggregate without declaring it fails
 * here.
 *
 * <p>It checks the TCK itself, not a store, and runs the SQLite TCK a second time (90 s), so it is kept
 * out of {@code mvn verify}, which must stay under 15 minutes; {@code .ci/run} runs it after the
 * build ({@code -Dit.excludedGroups=none -Dtest=StoreWithoutOptionalAggregatesTckTest}).
 */
@Tag(StoreWithoutOptionalAggregatesTckTest.TCK_SELF_TEST)
class StoreWithoutOptionalAggregatesTckTest extends HiveStoreTck {
    /** The tag of tests of the TCK itself. */
    static final String TCK_SELF_TEST = "tck-self-test";

    @TempDir
    Path dir;

    @Override
    protected HiveStore openStore() {
        return new MandatoryAggregatesOnly(SpiStores.open("sqlite:" + dir.resolve("hive.db")));
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    private record MandatoryAggregatesOnly(HiveStore store) implements HiveStore {
        @Override
        public AgentRepository agents() {
            return store.agents();
        }

        @Override
        public TaskRepository tasks() {
            return store.tasks();
        }

        @Override
        public MessageRepository messages() {
            return store.messages();
        }

        @Override
        public EventRepository events() {
            return store.events();
        }

        @Override
        public SharedMemoryRepository sharedMemory() {
            return store.sharedMemory();
        }

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            return store.inTransaction(tx -> work.run(new MandatoryAggregatesOnly(tx)));
        }

        @Override
        public StoreHealth health() {
            return store.health();
        }

        @Override
        public String location() {
            return store.location();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
