package dev.agenthive.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.cache.ChangeListener;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.store.jdbc.SqlExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ChangeFeed} of processes sharing a PostgreSQL database, over LISTEN/NOTIFY on channel
 * {@code hive_cache}. {@link #publish} sends {@code pg_notify} on a pooled connection in auto-commit
 * and returns once the server has queued the notification; the store's {@link PostgresNotifier}
 * thread, which already holds a LISTEN connection for wake-ups, listens on this channel too and hands
 * each notification here, where it waits for the next {@link #catchUp()} of this process.
 *
 * <p><b>Delivery is asynchronous</b>: another process learns of a publication when the server has
 * sent it and that process's listener thread has read it, usually within a few milliseconds, but
 * with no bound. A catch-up reports everything that had reached the listener thread when it began.
 *
 * <p>Whenever notifications may have been missed, the feed says so: until the LISTEN is in place
 * (after the store opened, or after the listening connection broke) every catch-up reports
 * {@link ChangeListener#unknownChanges()}, since nothing is being heard; the first catch-up after it
 * is in place reports it once more, for whatever was sent before. A connection that dies silently is
 * noticed only when the driver's read of it fails; until then, changes are late, not lost from the
 * feed's account: the reconnection reports them as unknown.
 *
 * <p>A notification's payload is JSON, ASCII only (every other character escaped), so any region and
 * key survives whatever the server's encoding, and its size in bytes is its length:
 * {@code {"o":origin,"r":region,"k":[keys...]}}, or {@code {"o":origin,"u":true}} for changes it cannot
 * name. {@code origin} is random per feed, so a process ignores its own notifications. Keys that do not
 * fit in one payload (PostgreSQL refuses 8000 bytes or more) are split over several notifications, sent
 * in the same statement; a publication that would take more than {@value #MAX_NOTIFICATIONS} of them,
 * or one key that fits in none, is sent as unknown changes instead.
 */
final class PostgresChangeFeed implements ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    /** The channel, as {@code PostgresControlMapper.xml} listens and notifies on it. */
    static final String CHANNEL = "hive_cache";
    /** PostgreSQL refuses a payload of 8000 bytes or more (NOTIFY_PAYLOAD_MAX_LENGTH). */
    static final int MAX_PAYLOAD_BYTES = 7_999;
    /**
     * Most notifications one publication is split into (about 128 KB); past that, receivers do better
     * to drop their caches than to read and apply it all.
     */
    static final int MAX_NOTIFICATIONS = 16;
    /**
     * Most keys waiting for a catch-up. A process that reads nothing cached for a while (so does not
     * catch up) would otherwise gather every other process's keys; past this many, they are replaced by
     * one unknown change.
     */
    private static final int MAX_PENDING_KEYS = 100_000;
    private static final ObjectWriter WRITER =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writer();
    private static final ObjectReader READER = JsonMapper.builder().build().reader();

    private final SqlExecutor executor;
    /** Random per feed: notifications that carry it are this feed's own. */
    private final String origin = UUID.randomUUID().toString();
    /** How every payload of this feed begins: the opening brace and the origin member. */
    private final String payloadStart = "{\"o\":" + quote(origin) + ",";
    private final String unknownPayload = payloadStart + "\"u\":true}";
    /**
     * Set when a publication failed to reach the server, whose write committed all the same: the next
     * publication then tells every process to drop everything instead of naming its own keys.
     */
    private final AtomicBoolean owed = new AtomicBoolean();

    /** Guards {@link #pending}, {@link #pendingKeys} and {@link #pendingUnknown}. */
    private final Object inbox = new Object();
    private List<Change> pending = new ArrayList<>();
    private int pendingKeys;
    private boolean pendingUnknown;
    /**
     * Counts what the listener thread added to the inbox; it adds before it counts, so everything
     * counted is in the inbox or was taken from it.
     */
    private final AtomicLong arrived = new AtomicLong();
    /**
     * Held while the inbox is emptied and handed to the listener, so that a catch-up that finds changes
     * being handed waits until they are, and changes reach the listener in the order they arrived.
     */
    private final Object handing = new Object();
    /** How much of {@link #arrived} has been handed to the listener; written under {@link #handing}. */
    private volatile long handed;
    /** Whether the LISTEN on {@link #CHANNEL} is in place. */
    private volatile boolean listening;
    private volatile ChangeListener listener;
    private volatile boolean closed;

    /** @param executor the store's executor, whose pooled connections send the notifications */
    PostgresChangeFeed(SqlExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
    }

    /**
     * Notifies every other process (not this one, which invalidated its own entries already), on a
     * pooled connection in auto-commit: one round trip, after which the server has queued the
     * notification. {@code pg_notify} changes no table, so the executor's single-statement read mode
     * (no BEGIN, no COMMIT) carries it; PostgreSQL allows it even in a read-only transaction. A failure
     * is logged, not thrown, since the caller's write has committed; the next publication then sends
     * unknown changes, so other processes' caches are stale at most until then.
     */
    @Override
    public void publish(String region, Collection<String> keys) {
        Objects.requireNonNull(region, "region is null");
        if (keys.isEmpty()) {
            return;
        }
        send(region, payloads(region, keys));
    }

    /** Notifies every other process that any entry of {@code region} may have changed, like {@link #publish}. */
    @Override
    public void publishAll(String region) {
        Objects.requireNonNull(region, "region is null");
        send(region, List.of(payloadStart + "\"r\":" + quote(region) + ",\"a\":true}"));
    }

    /**
     * Notifications reach other processes asynchronously: the server queues them when this returns,
     * the other processes' listener threads take them some time later (about 2 ms, measured).
     */
    @Override
    public boolean synchronous() {
        return false;
    }

    private void send(String region, List<String> named) {
        String[] payloads = owed.getAndSet(false)
                ? new String[] {unknownPayload}
                : named.toArray(String[]::new);
        try {
            executor.readStatement(session -> {
                session.getMapper(PostgresControlMapper.class).notifyCacheChanges(payloads);
                return null;
            });
        } catch (HiveException e) {
            owed.set(true);
            LOG.warn("NOTIFY of changes in {} failed; other processes may serve them from their caches until this"
                    + " process's next publication tells them to drop everything: {}", region, e.getMessage());
        }
    }

    /**
     * The payloads naming the keys, each at most {@value #MAX_PAYLOAD_BYTES} bytes, or the one unknown
     * payload when they would be too many or one key does not fit.
     */
    List<String> payloads(String region, Collection<String> keys) {
        String head = payloadStart + "\"r\":" + quote(region) + ",\"k\":[";
        String tail = "]}";
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(head);
        for (String key : keys) {
            String quoted = quote(Objects.requireNonNull(key, "a key is null"));
            boolean first = payload.length() == head.length();
            if (!first && payload.length() + 1 + quoted.length() + tail.length() > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.append(tail).toString());
                if (payloads.size() == MAX_NOTIFICATIONS) {
                    return List.of(unknownPayload);
                }
                payload.setLength(head.length());
                first = true;
            }
            if (first && head.length() + quoted.length() + tail.length() > MAX_PAYLOAD_BYTES) {
                return List.of(unknownPayload);
            }
            if (!first) {
                payload.append(',');
            }
            payload.append(quoted);
        }
        payloads.add(payload.append(tail).toString());
        return payloads;
    }

    @Override
    public void listen(ChangeListener listener) {
        Objects.requireNonNull(listener, "listener is null");
        if (this.listener != null) {
            throw new IllegalStateException("the change feed has a listener already");
        }
        this.listener = listener;
    }

    /**
     * Two volatile reads when nothing arrived. Otherwise hands the listener, on this thread and under
     * the feed's lock, everything that arrived, in order: the listener must not wait for another thread
     * that may be catching up. Until the LISTEN is in place, reports unknown changes every time.
     */
    @Override
    public void catchUp() {
        ChangeListener target = listener;
        if (target == null || closed) {
            // Nobody to tell yet (what arrives waits in the inbox), or nobody any more.
            return;
        }
        if (!listening) {
            target.unknownChanges();
            return;
        }
        if (handed >= arrived.get()) {
            return;
        }
        synchronized (handing) {
            long upTo = arrived.get();
            if (handed >= upTo) {
                // Another catch-up handed it while this one waited.
                return;
            }
            List<Change> changes;
            boolean unknown;
            synchronized (inbox) {
                changes = pending;
                unknown = pendingUnknown;
                pending = new ArrayList<>();
                pendingKeys = 0;
                pendingUnknown = false;
            }
            try {
                if (unknown) {
                    target.unknownChanges();
                } else {
                    for (Change change : changes) {
                        if (change.keys() == null) {
                            target.changedAll(change.region());
                        } else {
                            target.changed(change.region(), change.keys());
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                // Some of the changes may not have been handed: the next catch-up drops everything instead.
                synchronized (inbox) {
                    pendingUnknown = true;
                }
                throw e;
            }
            handed = upTo;
        }
    }

    /**
     * Stops handing changes to the listener. The listening itself is the {@link PostgresNotifier}'s,
     * which the store closes first.
     */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Called by the listener thread once the LISTEN is in place (again): whatever was notified before
     * was not heard, so the next catch-up reports unknown changes.
     */
    void listening() {
        synchronized (inbox) {
            pending = new ArrayList<>();
            pendingKeys = 0;
            pendingUnknown = true;
        }
        arrived.incrementAndGet();
        // Last: a catch-up that sees the LISTEN in place also sees the unknown changes counted.
        listening = true;
    }

    /**
     * Called by the listener thread when the listening connection is gone: nothing is heard until
     * {@link #listening()}.
     */
    void lost() {
        listening = false;
    }

    /** Called by the listener thread with the payload of a notification on {@link #CHANNEL}. */
    void received(String payload) {
        // Stays null for changes that cannot be named.
        Change change = null;
        try {
            JsonNode notification = READER.readTree(payload);
            if (origin.equals(notification.path("o").asText())) {
                return;
            }
            if (!notification.path("u").asBoolean(false)) {
                change = Change.of(notification);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("unreadable notification on {}, taken as unknown changes: {}", CHANNEL, e.getMessage());
        }
        synchronized (inbox) {
            if (pendingUnknown) {
                // Everything will be dropped anyway.
                return;
            }
            if (change == null || pendingKeys + change.size() > MAX_PENDING_KEYS) {
                pending = new ArrayList<>();
                pendingKeys = 0;
                pendingUnknown = true;
            } else {
                pending.add(change);
                pendingKeys += change.size();
            }
        }
        arrived.incrementAndGet();
    }

    private static String quote(String value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a string as JSON", e);
        }
    }

    /** Named keys of one region that changed, or ({@code keys == null}) any entry of it. */
    private record Change(String region, List<String> keys) {
        /** @throws IllegalArgumentException the notification names no region or keys */
        static Change of(JsonNode notification) {
            JsonNode region = notification.path("r");
            JsonNode keys = notification.path("k");
            if (region.isTextual() && notification.path("a").asBoolean(false)) {
                return new Change(region.textValue(), null);
            }
            if (!region.isTextual() || !keys.isArray()) {
                throw new IllegalArgumentException("no region or no keys in " + notification);
            }
            List<String> names = new ArrayList<>(keys.size());
            for (JsonNode key : keys) {
                if (!key.isTextual()) {
                    throw new IllegalArgumentException("a key is not a string in " + notification);
                }
                names.add(key.textValue());
            }
            return new Change(region.textValue(), List.copyOf(names));
        }

        /** What the change counts for against {@link #MAX_PENDING_KEYS}. */
        int size() {
            return keys == null ? 1 : keys.size();
        }
    }
}
