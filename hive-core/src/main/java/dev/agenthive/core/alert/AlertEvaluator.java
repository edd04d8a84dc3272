package dev.agenthive.core.alert;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Evaluates the alert rules, one round per call (the maintenance round's job {@code evaluate-alerts}).
 *
 * <p>An alert's state is one shared-memory entry, namespace {@value #NAMESPACE}, key the alert's name,
 * present while it is raised. A round reads each rule's value and the entry, and
 * <ul>
 *   <li>raises a clear alert whose value is above the threshold: creates the entry (compare-and-set on
 *       "absent") and appends one {@value #RAISED} event, in one transaction;</li>
 *   <li>clears a raised alert whose value is at or below its clear level: deletes the entry (compare-and-set
 *       on the version read) and appends one {@value #CLEARED} event, in one transaction;</li>
 *   <li>between the two levels changes nothing but the entry's latest value.</li>
 * </ul>
 * When several processes evaluate the same rules on one store, the compare-and-set lets exactly one
 * of them change the state; the others' transactions fail on it and take their events with them, so
 * each crossing is one event whoever sees it.
 *
 * <p>A query is the same for every process. A meter is not: it is this process's own. So a meter alert
 * is acted on only by the process that raised it (the entry's owner), which clears it by its own meter;
 * another process takes it over only when the owner has not refreshed the entry for two windows plus
 * three maintenance intervals (it stopped), and then clears it or keeps it raised by its own meter.
 *
 * <p>Thread-safe: rounds run one at a time.
 */
public final class AlertEvaluator {
    /** The shared-memory namespace of the alert states. */
    public static final String NAMESPACE = "hive.alerts";
    /** Type of the event recorded when an alert is raised. */
    public static final String RAISED = "alert.raised";
    /** Type of the event recorded when a raised alert clears. */
    public static final String CLEARED = "alert.cleared";

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

    private final HiveStore store;
    private final List<AlertRule> rules;
    private final MeterWindows meters;
    private final JsonCodec codec;
    private final Supplier<String> eventIds;
    private final Clock clock;
    private final Duration maintenanceInterval;
    /** This evaluator's name as the owner of the meter alerts it raises. */
    private final String owner;

    /**
     * Evaluates {@code rules} against {@code store}.
     *
     * @param registry            the meters of {@code meter:} rules, or {@code null} when the hive has none
     * @param eventIds            ids of the events it records
     * @param maintenanceInterval how often rounds run (zero when only on demand), for telling a stopped owner
     * @throws HiveException {@code CONFIGURATION}, naming the key, when a rule reads a meter and there is no registry
     */
    public AlertEvaluator(HiveStore store, List<AlertRule> rules, MeterRegistry registry, JsonCodec codec,
                          Supplier<String> eventIds, Clock clock, Duration maintenanceInterval) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules is null"));
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.maintenanceInterval = Objects.requireNonNull(maintenanceInterval, "maintenanceInterval is null");
        for (AlertRule rule : this.rules) {
            if (rule.source().kind() == AlertSource.Kind.METER && registry == null) {
                throw new HiveException(ErrorCode.CONFIGURATION, AlertRule.key(rule.name(), "source") + ": '"
                        + rule.source() + "' reads a meter, but the hive has no MeterRegistry (open it with"
                        + " Hive.open(config, registry) or bind one in HiveModule), or turn the alert off with "
                        + AlertRule.key(rule.name(), "enabled") + "=false");
            }
        }
        this.meters = registry == null ? null : new MeterWindows(registry);
        if (meters != null) {
            meters.start(this.rules, clock.instant());
        }
        this.owner = ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs one round over every rule. A rule that fails (its query, the store) does not stop the others.
     *
     * @return how many alerts this round raised or cleared
     * @throws IllegalStateException after the round, naming each rule that failed and why
     */
    public synchronized int evaluate() {
        Instant now = clock.instant();
        int changed = 0;
        List<String> failures = new ArrayList<>();
        for (AlertRule rule : rules) {
            try {
                if (evaluate(rule, now)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                LOG.debug("Alert rule {} failed", rule.name(), e);
                failures.add(rule.name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("alert rules failed: " + String.join("; ", failures));
        }
        return changed;
    }

    /** The raised alerts, by name, as the shared state holds them. */
    public List<ActiveAlert> active() {
        List<ActiveAlert> active = new ArrayList<>();
        for (MemoryEntry entry : store.sharedMemory().list(new MemoryQuery(NAMESPACE, "", null, null,
                MemoryQuery.MAX_LIMIT))) {
            try {
                active.add(AlertState.fromJson(entry.value()).toActive(entry.key()));
            } catch (IllegalStateException e) {
                LOG.warn("Shared memory {}/{} is not an alert state; skipped: {}", NAMESPACE, entry.key(), e.getMessage());
            }
        }
        return active;
    }

    private boolean evaluate(AlertRule rule, Instant now) {
        Reading reading = read(rule, now);
        Optional<MemoryEntry> entry = store.sharedMemory().get(NAMESPACE, rule.name());
        if (entry.isEmpty()) {
            return reading.value() > rule.threshold() && raise(rule, reading, now);
        }
        AlertState state = AlertState.fromJson(entry.get().value());
        long version = entry.get().version();
        boolean meter = rule.source().kind() == AlertSource.Kind.METER;
        if (meter && !state.owner().equals(owner)) {
            if (entry.get().updatedAt().plus(staleAfter(rule)).isAfter(now)) {
                return false;
            }
            LOG.info("Alert {} was raised by {}, which has not evaluated it since {}; {} takes it over",
                    rule.name(), state.owner(), entry.get().updatedAt(), owner);
            state = state.withOwner(owner);
            if (reading.value() > rule.clear()) {
                update(rule, state.withValue(reading.value()), version);
                return false;
            }
        }
        if (reading.value() <= rule.clear()) {
            return clear(rule, state, version, reading, now);
        }
        boolean refreshDue = meter && !entry.get().updatedAt().plus(staleAfter(rule).dividedBy(4)).isAfter(now);
        if (reading.value() != state.value() || refreshDue) {
            update(rule, state.withValue(reading.value()), version);
        }
        return false;
    }

    private Reading read(AlertRule rule, Instant now) {
        if (rule.source().kind() == AlertSource.Kind.QUERY) {
            AlertQuery query = rule.source().query();
            return new Reading(query.value(store, now, rule.window()), query.windowed());
        }
        MeterWindows.Value value = meters.value(rule, now);
        if (Double.isNaN(value.amount())) {
            throw new IllegalStateException("meter " + rule.source().name() + " reads NaN (a gauge whose object is gone?)");
        }
        return new Reading(value.amount(), value.windowed());
    }

    private boolean raise(AlertRule rule, Reading reading, Instant now) {
        String window = reading.windowed() ? Durations.format(rule.window()) : null;
        AlertState state = new AlertState(rule.source().toString(), rule.severity(), now, reading.value(),
                rule.threshold(), rule.clear(), window, owner);
        Map<String, Object> details = details(rule, reading.value(), window);
        MemoryWrite create = new MemoryWrite(NAMESPACE, rule.name(), state.toJson(codec), JsonType.OBJECT, null,
                null, 0L);
        try {
            store.inTransaction(tx -> {
                tx.sharedMemory().put(create);
                tx.events().append(List.of(event(RAISED, rule.severity(), rule, details, now)));
                return null;
            });
        } catch (ConflictException e) {
            LOG.debug("Alert {} was raised by another process first", rule.name());
            return false;
        }
        LOG.warn("Alert {} raised: {} is {}, above {}", rule.name(), rule.source(), AlertState.number(reading.value()),
                AlertState.number(rule.threshold()));
        return true;
    }

    private boolean clear(AlertRule rule, AlertState state, long version, Reading reading, Instant now) {
        Map<String, Object> details = details(rule, reading.value(), reading.windowed()
                ? Durations.format(rule.window()) : null);
        details.put("since", state.since().toString());
        try {
            store.inTransaction(tx -> {
                tx.sharedMemory().delete(NAMESPACE, rule.name(), version);
                tx.events().append(List.of(event(CLEARED, Severity.INFO, rule, details, now)));
                return null;
            });
        } catch (ConflictException e) {
            LOG.debug("Alert {} was changed by another process first", rule.name());
            return false;
        }
        LOG.info("Alert {} cleared: {} is {}, at or below {}", rule.name(), rule.source(),
                AlertState.number(reading.value()), AlertState.number(rule.clear()));
        return true;
    }

    /** Writes the entry's latest value (or owner); another process's write in between wins, as it is as recent. */
    private void update(AlertRule rule, AlertState state, long version) {
        try {
            store.sharedMemory().put(new MemoryWrite(NAMESPACE, rule.name(), state.toJson(codec), JsonType.OBJECT,
                    null, null, version));
        } catch (ConflictException e) {
            LOG.debug("Alert {} was changed by another process meanwhile", rule.name());
        }
    }

    private Duration staleAfter(AlertRule rule) {
        return rule.window().multipliedBy(2).plus(maintenanceInterval.multipliedBy(3));
    }

    private static Map<String, Object> details(AlertRule rule, double value, String window) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alert", rule.name());
        details.put("source", rule.source().toString());
        details.put("value", AlertState.number(value));
        details.put("threshold", AlertState.number(rule.threshold()));
        details.put("clear", AlertState.number(rule.clear()));
        details.put("window", window);
        return details;
    }

    private Event event(String type, Severity severity, AlertRule rule, Map<String, Object> details, Instant now) {
        return new Event(eventIds.get(), type, severity, null, "alert:" + rule.name(), codec.object(details), now);
    }

    /** A rule's value and whether it counts what happened in the window. */
    private record Reading(double value, boolean windowed) {
    }
}
