package dev.agenthive.tck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of every contract class: a fresh, migrated, empty store per test, and the fixtures the
 * contracts share.
 *
 * <p>The contracts are sealed: each runs only as a {@code @Nested} class of {@link HiveStoreTck},
 * which opens and closes the store of its subclass, so a provider extends that one class and never a
 * contract. A contract, or one of its tests, that uses an optional aggregate says so with
 * {@code @RequiresCapability}; when the store does not declare that {@link Capability}, the test
 * asserts the store's refusal instead of running, and is never skipped.
 *
 * <p>Stores judge time by the clock they are opened on, a {@link MutableClock}: a contract that needs
 * a lease, TTL or delay to pass calls {@link #passTime(Duration)}, which moves that clock ahead. For a
 * store opened by the old {@link HiveStoreTck#openStore()}, which keeps a clock of its own, it sleeps
 * for real instead. No contract asserts how long anything took.
 */
@ExtendWith(CapabilityInterceptor.class)
public abstract sealed class AbstractStoreContract permits AgentRepositoryContract, TaskRepositoryContract,
        MessageRepositoryContract, EventRepositoryContract, SharedMemoryRepositoryContract,
        ContextSessionRepositoryContract, MemorySnapshotRepositoryContract, ProjectRepositoryContract,
        MetricRepositoryContract, CheckpointRepositoryContract, GitStateRepositoryContract,
        PullRequestRepositoryContract, ConfigurationRepositoryContract, HiveStoreContract,
        JsonContainmentContract, ConcurrencyContract, BadInputContract, InjectionContract, JsonLimitsContract {

    /** Long enough that nothing in a test expires by accident. */
    protected static final Duration LONG_LEASE = Duration.ofHours(1);
    /** Short enough that a test can wait for it to pass on a store that keeps its own clock. */
    protected static final Duration SHORT_TTL = Duration.ofMillis(250);
    /** Comfortably longer than {@link #SHORT_TTL}, so expiry has certainly happened after it. */
    protected static final Duration PAST_SHORT_TTL = Duration.ofMillis(600);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock();
    private HiveStore store;

    /** The TCK instance this contract runs in: the provider's subclass of {@link HiveStoreTck}. */
    abstract HiveStoreTck tck();

    @BeforeEach
    final void openFreshStore() {
        store = tck().openStore(clock);
        assertThat(store).as("openStore() result").isNotNull();
    }

    @AfterEach
    final void closeStoreAfterTest() {
        if (store != null) {
            HiveStore toClose = store;
            store = null;
            tck().closeStore(toClose);
        }
    }

    /** The store of the running test. */
    protected final HiveStore store() {
        return store;
    }

    /** Registers an active agent of type {@code "coder"} with the given capabilities. */
    protected final Agent registerAgent(String id, String... capabilities) {
        return store.agents().register(AgentRegistration.of(id, "coder", Set.of(capabilities)));
    }

    /** Enqueues a task with default settings whose title is derived from its id. */
    protected final Task enqueue(String id) {
        return store.tasks().enqueue(id, NewTask.builder("task " + id).build());
    }

    /** Enqueues a task with the given priority. */
    protected final Task enqueue(String id, int priority) {
        return store.tasks().enqueue(id, NewTask.builder("task " + id).priority(priority).build());
    }

    /** A claim of up to {@code maxTasks} tasks with a lease that does not expire during a test. */
    protected static ClaimRequest claim(String agentId, int maxTasks, String... capabilities) {
        return new ClaimRequest(agentId, Set.of(capabilities), LONG_LEASE, maxTasks);
    }

    /** Claims exactly one task for the agent and fails the test if none is claimable. */
    protected final Task claimOne(String agentId, String... capabilities) {
        List<Task> claimed = store.tasks().claim(claim(agentId, 1, capabilities));
        assertThat(claimed).as("tasks claimed by %s", agentId).hasSize(1);
        return claimed.get(0);
    }

    /** Wraps JSON text. */
    protected static Json json(String text) {
        return Json.of(text);
    }

    /** A JSON object {@code {"name": value}} with {@code value} encoded as a JSON string. */
    protected static Json jsonObject(String name, String value) {
        return Json.of(MAPPER.createObjectNode().put(name, value).toString());
    }

    /** {@code value} encoded as a JSON string literal. */
    protected static Json jsonString(String value) {
        return Json.of(MAPPER.getNodeFactory().textNode(value).toString());
    }

    /**
     * Asserts that two JSON documents are equal as JSON. Stores may re-format JSON (PostgreSQL's
     * {@code jsonb} does, writing {@code -12.5e3} as {@code -12500}), so text equality would be too
     * strict; numbers are equal when their values are, as RFC 8259 has only one number type.
     */
    protected static void assertSameJson(Json actual, Json expected) {
        assertThat(actual).as("json").isNotNull();
        JsonNode actualNode = parse(actual);
        JsonNode expectedNode = parse(expected);
        assertThat(actualNode.equals(AbstractStoreContract::compareJsonValues, expectedNode))
                .as("json %s equals %s", actual.text(), expected.text()).isTrue();
    }

    private static int compareJsonValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static JsonNode parse(Json json) {
        try {
            return MAPPER.readTree(json.text());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + json.text(), e);
        }
    }

    /**
     * Lets {@code duration} pass for the store, so that a lease, TTL or timeout runs out: moves the
     * store's clock ahead, or sleeps for real when the store keeps its own clock.
     */
    protected final void passTime(Duration duration) {
        if (tck().storeFollowsTheClock()) {
            clock.advance(duration);
        } else {
            sleep(duration);
        }
    }

    /** The clock the store was opened on; it runs with the system clock plus what {@link #passTime} added. */
    protected final MutableClock clock() {
        return clock;
    }

    /** Waits for real time to pass: for what only real time moves, such as another thread's progress. */
    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    /**
     * The store's now, truncated to milliseconds: stores keep at least millisecond precision, so an
     * instant the store takes after this call is never before it.
     */
    protected final Instant nowMillis() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The store's now, rounded up to the next millisecond: an instant the store took before this call is never after it. */
    protected final Instant nowMillisCeiling() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }
}
