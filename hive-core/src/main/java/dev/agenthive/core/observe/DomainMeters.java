package dev.agenthive.core.observe;

import dev.agenthive.api.message.Message;
import dev.agenthive.api.task.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The work queue's and the inboxes' meters:
 * <ul>
 *   <li>{@value #QUEUE} (gauge, tag {@code status}): tasks per status, and {@value #PENDING} (gauge):
 *       unacknowledged messages of all inboxes, both as the last maintenance round counted them, so that
 *       a scrape never queries the store; NaN before the first round;</li>
 *   <li>{@value #CLAIM_WAIT} (timer, tag {@code result=claimed|none}): how long each waiting claim
 *       (a claim with a positive wait) slept until work came or its wait ran out;</li>
 *   <li>{@value #LEASE_EXPIRED} (counter): tasks that {@code requeueExpired} (the maintenance round)
 *       took back because their lease expired, to the queue or, with no attempts left, to {@code dead};
 *       a claim that meets expired leases takes them back on its way without telling how many, and
 *       those are not counted;</li>
 *   <li>{@value #DEAD} (counter): tasks that a failure moved to {@code dead} (the {@code task.dead}
 *       events); those an expired lease moved there are among {@value #LEASE_EXPIRED}, since the store
 *       does not tell them apart, and are counted by the {@code status=dead} gauge;</li>
 *   <li>{@value #REDELIVERED} (counter): messages delivered again because an earlier delivery was not
 *       acknowledged in time, as the delivery count each inbox call returns tells.</li>
 * </ul>
 * Without a registry ({@link #none()}) every method returns at once.
 */
public final class DomainMeters {
    public static final String QUEUE = "hive.tasks";
    public static final String PENDING = "hive.messages.pending";
    public static final String CLAIM_WAIT = "hive.tasks.claim.wait";
    public static final String LEASE_EXPIRED = "hive.tasks.lease.expired";
    public static final String DEAD = "hive.tasks.dead";
    public static final String REDELIVERED = "hive.messages.redelivered";

    private static final DomainMeters NONE = new DomainMeters();
    /** Stands for "not counted yet" in the sampled figures. */
    private static final long UNKNOWN = -1;

    private final boolean on;
    private final Timer claimedAfterWait;
    private final Timer noneAfterWait;
    private final Counter leaseExpired;
    private final Counter dead;
    private final Counter redelivered;
    private final Map<TaskStatus, AtomicLong> tasksByStatus = new EnumMap<>(TaskStatus.class);
    private final AtomicLong pendingMessages = new AtomicLong(UNKNOWN);

    private DomainMeters() {
        this.on = false;
        this.claimedAfterWait = null;
        this.noneAfterWait = null;
        this.leaseExpired = null;
        this.dead = null;
        this.redelivered = null;
    }

    private DomainMeters(MeterRegistry registry) {
        this.on = true;
        this.claimedAfterWait = claimWait(registry, "claimed");
        this.noneAfterWait = claimWait(registry, "none");
        this.leaseExpired = Counter.builder(LEASE_EXPIRED)
                .description("Tasks taken back after their lease expired").register(registry);
        this.dead = Counter.builder(DEAD).description("Tasks a failure moved to dead").register(registry);
        this.redelivered = Counter.builder(REDELIVERED)
                .description("Messages delivered again after an unacknowledged delivery").register(registry);
        for (TaskStatus status : TaskStatus.values()) {
            AtomicLong count = new AtomicLong(UNKNOWN);
            tasksByStatus.put(status, count);
            Gauge.builder(QUEUE, count, DomainMeters::sampled).tag("status", status.dbValue())
                    .description("Tasks per status at the last maintenance round").register(registry);
        }
        Gauge.builder(PENDING, pendingMessages, DomainMeters::sampled)
                .description("Unacknowledged messages of all inboxes at the last maintenance round").register(registry);
    }

    /** Meters that keep nothing. */
    public static DomainMeters none() {
        return NONE;
    }

    /** The meters, registered with {@code registry}. */
    public static DomainMeters register(MeterRegistry registry) {
        return new DomainMeters(Objects.requireNonNull(registry, "registry is null"));
    }

    /** Whether the maintenance round should count tasks and messages for the gauges. */
    public boolean samples() {
        return on;
    }

    /** A waiting claim slept {@code nanos} and then claimed some tasks, or none. */
    public void claimWaited(long nanos, boolean claimed) {
        if (on) {
            (claimed ? claimedAfterWait : noneAfterWait).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Expired leases took back {@code tasks} tasks. */
    public void leasesExpired(int tasks) {
        if (on && tasks > 0) {
            leaseExpired.increment(tasks);
        }
    }

    /** A failure moved a task to dead. */
    public void taskDead() {
        if (on) {
            dead.increment();
        }
    }

    /** An inbox call delivered {@code messages}; those delivered before were redelivered. */
    public void delivered(List<Message> messages) {
        if (!on) {
            return;
        }
        int again = 0;
        for (Message message : messages) {
            if (message.deliveryCount() > 1) {
                again++;
            }
        }
        if (again > 0) {
            redelivered.increment(again);
        }
    }

    /** The counts of a maintenance round: tasks per status and unacknowledged messages. */
    public void sample(Map<TaskStatus, Long> tasks, long pending) {
        if (!on) {
            return;
        }
        tasks.forEach((status, count) -> tasksByStatus.get(status).set(count));
        pendingMessages.set(pending);
    }

    private static Timer claimWait(MeterRegistry registry, String result) {
        return Timer.builder(CLAIM_WAIT).tag("result", result)
                .description("Time a waiting claim slept until work came or its wait ran out")
                .publishPercentileHistogram()
                .register(registry);
    }

    private static double sampled(AtomicLong count) {
        long value = count.get();
        return value == UNKNOWN ? Double.NaN : value;
    }
}
