package dev.agenthive.core.observe;

import dev.agenthive.api.Checks;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.observe.StatementScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The slow-operation log. A service call that takes longer than {@code hive.slow-operation} is logged
 * once at WARN by this class's logger with its operation, duration, outcome and the names of the
 * statements it ran (never their parameters), counted in {@value #COUNTER} (tag {@code operation}) when
 * a registry is given, and kept among the last {@value #KEPT} slow calls until the maintenance round
 * writes it as an {@value #EVENT_TYPE} event ({@link #takeUnwritten}).
 *
 * <p>It is the {@link StatementListener} the store is opened with. While {@link OperationMeters} runs a
 * call, the call's scope is current on the calling thread (a store that runs the call's work on another
 * thread carries the scope there) and collects the names of the statements, a few references in a
 * small array that is cleared, not freed, when the call ends fast. Thread-safe.
 */
public final class SlowOperations implements StatementListener {
    /** Type of the event of one slow call; details {@code {"operation","millis","outcome","statements":[...],"endedAt"}}. */
    public static final String EVENT_TYPE = "operation.slow";
    /** Type of the event that counts the slow calls of a round left out of the events; details {@code {"omitted"}}. */
    public static final String OMITTED_EVENT_TYPE = "operation.slow.omitted";
    /** Counter of slow calls, tagged {@code operation}. */
    public static final String COUNTER = "hive.operation.slow";
    /** Most slow calls written as events per maintenance round; the others are counted in one summary event. */
    public static final int EVENTS_PER_ROUND = 20;
    /** Most distinct statement names kept per call. */
    public static final int STATEMENTS_KEPT = 16;
    /** How many of the last slow calls are kept in memory. */
    static final int KEPT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SlowOperations.class);

    private final long thresholdNanos;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(Slot::new);
    private final ArrayDeque<SlowOperation> recent = new ArrayDeque<>(); // guarded by this
    private long slowCalls; // guarded by this
    private long taken; // guarded by this: slowCalls at the last takeUnwritten

    /**
     * @param threshold calls longer than this are slow; positive
     * @param clock     tells when a slow call ended
     * @param registry  where {@value #COUNTER} is counted, or {@code null} for no counter
     */
    public SlowOperations(Duration threshold, Clock clock, MeterRegistry registry) {
        this.thresholdNanos = Checks.positive(threshold, "hive.slow-operation").toNanos();
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.registry = registry;
    }

    @Override
    public StatementScope current() {
        return slots.get().attached;
    }

    @Override
    public StatementScope attach(StatementScope scope) {
        Slot slot = slots.get();
        StatementScope previous = slot.attached;
        slot.attached = scope;
        return previous;
    }

    /**
     * Starts watching a call on the calling thread.
     *
     * @return what {@link #end} needs, or {@code null} when a call of this thread is already watched:
     *         the outer call collects the statements and reports once
     */
    Slot begin() {
        Slot slot = slots.get();
        if (slot.attached != null) {
            return null;
        }
        slot.own.clear();
        slot.attached = slot.own;
        return slot;
    }

    /** Ends the call {@link #begin} started; logs, counts and keeps it when it took longer than the threshold. */
    void end(Slot slot, String operation, String outcome, long nanos) {
        slot.attached = null;
        if (nanos > thresholdNanos) {
            report(operation, outcome, nanos, slot.own);
        }
    }

    /** The slow calls kept in memory, oldest first. */
    public synchronized List<SlowOperation> recent() {
        return List.copyOf(recent);
    }

    /**
     * The slow calls since the last take, for the maintenance round to write: of those still kept, the
     * {@code max} slowest in the order they happened, and how many others there were (left out, or
     * dropped from memory already). Each slow call is handed out at most once.
     */
    public synchronized Unwritten takeUnwritten(int max) {
        long since = slowCalls - taken;
        taken = slowCalls;
        List<SlowOperation> candidates = new ArrayList<>(recent).subList((int) Math.max(0, recent.size() - since),
                recent.size());
        List<SlowOperation> chosen = IntStream.range(0, candidates.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> candidates.get(i).millis()).reversed())
                .limit(max)
                .sorted()
                .map(candidates::get)
                .toList();
        return new Unwritten(chosen, since - chosen.size());
    }

    /**
     * Slow calls to write as events.
     *
     * @param operations the calls to write, in the order they happened
     * @param omitted    slow calls of the same period not among them
     */
    public record Unwritten(List<SlowOperation> operations, long omitted) {
        public Unwritten {
            operations = List.copyOf(operations);
        }
    }

    private void report(String operation, String outcome, long nanos, Statements statements) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        List<String> names = statements.names();
        LOG.warn("Slow operation {} took {} ms (outcome {}); statements: {}{}", operation, millis, outcome,
                names.isEmpty() ? "none" : String.join(", ", names), statements.truncated() ? ", ..." : "");
        if (registry != null) {
            Counter.builder(COUNTER).description("Service calls slower than hive.slow-operation")
                    .tag("operation", operation).register(registry).increment();
        }
        SlowOperation slow = new SlowOperation(operation, millis, outcome, names, clock.instant());
        synchronized (this) {
            recent.addLast(slow);
            if (recent.size() > KEPT) {
                recent.removeFirst();
            }
            slowCalls++;
        }
    }

    /** {@code TaskMapper.claim} of {@code dev.agenthive.store.jdbc.task.TaskMapper.claim}: the mapper and the statement. */
    static String shortName(String statement) {
        int last = statement.lastIndexOf('.');
        int before = last <= 0 ? -1 : statement.lastIndexOf('.', last - 1);
        return before < 0 ? statement : statement.substring(before + 1);
    }

    /** A thread's current scope, and the scope it lends to the calls it runs itself. */
    static final class Slot {
        StatementScope attached;
        final Statements own = new Statements();
    }

    /**
     * The distinct statement names of one call, in the order they first ran. Statement ids are the same
     * string every time a statement runs, so a repeat is usually found by reference.
     */
    static final class Statements implements StatementScope {
        private String[] names = new String[4];
        private int count;
        private boolean truncated;

        @Override
        public void statement(String name) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    return;
                }
            }
            if (count == STATEMENTS_KEPT) {
                truncated = true;
                return;
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, Math.min(STATEMENTS_KEPT, count * 2));
            }
            names[count++] = name;
        }

        void clear() {
            Arrays.fill(names, 0, count, null);
            count = 0;
            truncated = false;
        }

        List<String> names() {
            List<String> shortened = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                shortened.add(shortName(names[i]));
            }
            return shortened;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
