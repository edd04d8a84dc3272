package dev.agenthive.cache.redis;

import dev.agenthive.api.Checks;
import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheRegion;
import dev.agenthive.api.cache.CacheRegionSpec;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine of the {@code redis} cache: one Lettuce client with a command connection and (with the
 * near cache) a pub/sub connection, the generation, and the state every region call reads.
 *
 * <h2>States</h2>
 * The cache is <em>ready</em> when the command connection is up and the generation is known. Opening
 * waits a little for that, never fails for want of it: until then, and whenever the connection is
 * lost or a command fails, every region call goes to the loader (counted in {@code errors}) and
 * {@link #health()} says DEGRADED. A maintenance thread (every {@value #TICK_MILLIS} ms, and at once
 * on connection events) connects, and makes the cache ready again:
 * <ol>
 *   <li>if this process lost its connection, or could not deliver an invalidation (it was not
 *       connected, or the command failed or timed out), since it was last ready, it starts a new generation
 *       ({@code INCR <prefix>:generation} and {@code PUBLISH} of the new number, in one script),
 *       which kills every entry written before: the writes behind those invalidations committed
 *       anyway, so any entry may be stale;</li>
 *   <li>else it reads the generation.</li>
 * </ol>
 * Only then do region calls use Redis again.
 *
 * <h2>Near caches</h2>
 * Every invalidation publishes a message on {@code <prefix>:invalidations} in the script that deletes
 * the entries; each process that holds a near cache drops the entries and acknowledges on the
 * invalidator's channel {@code <prefix>:acks:<id>}, and the invalidation returns once as many
 * acknowledgements arrived as Redis counted receivers. A receiver that does not answer in time cannot
 * be serving stale entries either, because a near cache is read only under a lease: for
 * {@value #NEAR_LEASE_MILLIS} ms from the sending of the last PING its subscription connection had
 * answered. A PONG comes after every message published before it, so a process that has not yet
 * processed a message holds at most a lease from a PING sent before the message was published; the
 * invalidator, missing an acknowledgement, waits that long (plus a margin for clock rates) after the
 * message was published before it returns.
 *
 * <p>Near caches are used only while the subscription is confirmed: when it is lost they stop being
 * read, and when Redis confirms it again they are cleared first (messages may have been missed
 * meanwhile). A new generation, from this process or announced by another, clears them too.
 *
 * <p>{@link RedisCacheProvider} states what this guarantees, and what it does not.
 */
final class RedisCache implements Cache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final byte[] EMPTY = new byte[0];

    /**
     * How long a lease keeps an entry for a load in flight; a slower load is returned, not cached.
     * (Stated in {@link RedisCacheProvider}'s Javadoc, as is {@link #NEAR_LEASE_MILLIS}.)
     */
    static final Duration LEASE_TTL = Duration.ofSeconds(5);
    static final long TICK_MILLIS = 250;
    /** How long an unconfirmed SUBSCRIBE is waited for before it is sent again. */
    private static final long SUBSCRIBE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_CONNECT_BACKOFF_MILLIS = 2_000;
    /** Keys deleted by one script call, so that one call never holds Redis long. */
    static final int KEYS_PER_SCRIPT = 500;
    private static final int GENERATION_RETRIES = 3;
    /** How long after sending a PING that was answered a near cache may be read. */
    static final long NEAR_LEASE_MILLIS = 1_000;
    /** What an invalidator missing an acknowledgement waits beyond the lease, for clock rates and scheduling. */
    private static final long LEASE_MARGIN_MILLIS = 100;

    private final RedisCacheConfig config;
    private final Duration connectTimeout;
    private final DefaultClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService maintenance;
    private final ConcurrentMap<String, RedisRegion<?>> regions = new ConcurrentHashMap<>();
    private final String generationKey;
    private final String channel;
    private final byte[] channelBytes;
    /** Names this cache in acknowledgements: {@code <prefix>:acks:<id>} is its channel. */
    private final String id;
    private final String ackChannel;
    private final AtomicLong messages = new AtomicLong();
    private final ConcurrentMap<Long, Acks> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private final byte[] leaseMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Counts the reasons to start a new generation: lost connections and undelivered invalidations. */
    private final AtomicLong unsynced = new AtomicLong();

    /** Guards the transitions of {@link #state} and {@link #subscribed}; region calls only read them. */
    private final Object lock = new Object();
    private volatile State state = new State(false, 0);
    /** Whether the subscription to the invalidation channel is confirmed (near caches on). */
    private volatile boolean subscribed;
    /** Whether the subscription to this cache's acknowledgement channel is confirmed. */
    private volatile boolean acksSubscribed;
    /** {@link System#nanoTime()} until which near caches may be read: the near-cache lease. */
    private volatile long nearLeaseUntil = System.nanoTime();
    private boolean firstAttemptDone;

    private volatile StatefulRedisConnection<String, byte[]> data;
    private volatile RedisCommands<String, byte[]> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;

    // Maintenance thread only.
    private long synced;
    private long nextConnectNanos;
    private long connectBackoffMillis = TICK_MILLIS;
    private long lastSubscribeNanos;
    private boolean outageLogged;

    private volatile String lastError = "";
    /** When a command last timed out ({@link System#nanoTime()}), long ago at first. */
    private volatile long lastTimeoutNanos = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);

    /** What region calls act on: whether Redis may be used, and in which generation. */
    record State(boolean ready, long generation) {
    }

    /** The answer of {@link RedisScript#READ}. */
    record Read(Kind kind, byte[] bytes, long generation) {
        enum Kind {
            /** The entry holds {@link #bytes}: a tagged value or another read's lease. */
            STORED,
            /** The entry was absent and now holds the caller's lease. */
            LEASED,
            /** The entry was absent (no lease was asked for). */
            ABSENT,
            /** The caller's generation is not the current one, {@link #generation}. */
            GENERATION
        }
    }

    private RedisCache(RedisCacheConfig config) {
        this.config = config;
        this.connectTimeout = config.timeout().compareTo(Duration.ofSeconds(1)) > 0 ? config.timeout()
                : Duration.ofSeconds(1);
        this.generationKey = config.keyPrefix() + ":generation";
        this.channel = config.keyPrefix() + ":invalidations";
        this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
        this.id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        this.ackChannel = config.keyPrefix() + ":acks:" + id;
        this.leaseMillis = ascii(LEASE_TTL.toMillis());
        int instance = INSTANCES.incrementAndGet();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        if (config.uri().getClientName() == null) {
            config.uri().setClientName("hive-cache");
        }
        this.client = RedisClient.create(resources, config.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                // A command cut off by a lost connection already failed its caller: never send it
                // later. A lost SUBSCRIBE is sent again by the maintenance thread.
                .replayFilter(command -> command.getType() != CommandType.SUBSCRIBE)
                .build());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hive-cache-redis-" + instance);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the cache: connects at once if Redis answers (waiting at most about the connect timeout),
     * else returns degraded and keeps trying.
     */
    static RedisCache open(RedisCacheConfig config) {
        RedisCache cache = new RedisCache(config);
        cache.maintenance.scheduleWithFixedDelay(cache::maintain, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        cache.awaitFirstAttempt();
        return cache;
    }

    private void awaitFirstAttempt() {
        long deadline = System.nanoTime() + connectTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        synchronized (lock) {
            while (!firstAttemptDone || state.ready() && config.nearCache() && !nearUsable()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public <V> CacheRegion<V> region(CacheRegionSpec<V> spec) {
        Checks.notNull(spec, "spec");
        RedisRegion<?> region = regions.computeIfAbsent(spec.name(), name -> new RedisRegion<>(this, spec, config.nearCache()));
        if (!region.spec().codec().equals(spec.codec())) {
            throw new InvalidInputException("name", "region '" + spec.name() + "' exists with another codec");
        }
        @SuppressWarnings("unchecked")
        CacheRegion<V> typed = (CacheRegion<V>) region;
        return typed;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public CacheHealth health() {
        State now = state;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connected", String.valueOf(now.ready()));
        if (closed.get()) {
            details.put("closed", "true");
        }
        details.put("generation", String.valueOf(now.generation()));
        details.put("near-cache", config.nearCache() ? (nearUsable() ? "on" : "paused") : "off");
        if (config.nearCache()) {
            details.put("subscribed", String.valueOf(subscribed));
            details.put("subscriptions", String.valueOf(subscriptions.get()));
            details.put("near-cache-entries", String.valueOf(regions.values().stream().mapToLong(RedisRegion::nearEntries).sum()));
            details.put("messages-received", String.valueOf(messagesReceived.get()));
        }
        details.put("key-prefix", config.keyPrefix());
        details.put("timeout", Durations.format(config.timeout()));
        String error = lastError;
        if (!error.isEmpty()) {
            details.put("last-error", error);
        }
        return new CacheHealth(now.ready() ? CacheHealth.Status.UP : CacheHealth.Status.DEGRADED, "redis",
                config.location(), details);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(connectTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            state = new State(false, state.generation());
            subscribed = false;
            lock.notifyAll();
        }
        closeQuietly(pubsub);
        closeQuietly(data);
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("shutting down the Redis client of {} failed", config.location(), e);
        }
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("shutting down the Redis client resources of {} failed", config.location(), e);
        }
        regions.values().forEach(RedisRegion::nearClear);
    }

    // ---- what regions call -------------------------------------------------------------------------

    State state() {
        return state;
    }

    /** Whether near caches may be read and filled now. */
    boolean nearUsable() {
        return subscribed && state.ready() && System.nanoTime() - nearLeaseUntil < 0;
    }

    String keyPrefix() {
        return config.keyPrefix();
    }

    /** Reads an entry, leaving {@code leaseToken} in it if it is absent and a token is given. */
    Read read(String entryKey, long generation, byte[] leaseToken) {
        List<Object> reply = eval(RedisScript.READ, ScriptOutputType.MULTI, new String[] {generationKey, entryKey},
                ascii(generation), leaseToken == null ? EMPTY : leaseToken, leaseMillis);
        long kind = (Long) reply.get(0);
        if (kind == 0) {
            return new Read(Read.Kind.GENERATION, null, parseGeneration((byte[]) reply.get(1)));
        }
        if (kind == 1) {
            return new Read(Read.Kind.STORED, (byte[]) reply.get(1), generation);
        }
        return new Read(kind == 2 ? Read.Kind.LEASED : Read.Kind.ABSENT, null, generation);
    }

    /** Replaces the caller's lease by {@code stored}; whether the lease was still there. */
    boolean install(String entryKey, long generation, byte[] leaseToken, byte[] stored, byte[] ttlMillis) {
        Long installed = eval(RedisScript.INSTALL, ScriptOutputType.INTEGER, new String[] {generationKey, entryKey},
                ascii(generation), leaseToken, stored, ttlMillis);
        return installed != null && installed == 1L;
    }

    /** Deletes the caller's lease, without waiting; a lease left behind expires by itself. */
    void release(String entryKey, byte[] leaseToken) {
        StatefulRedisConnection<String, byte[]> connection = data;
        if (connection == null || !state.ready()) {
            return;
        }
        try {
            connection.async().<Long>evalsha(RedisScript.RELEASE.sha(), ScriptOutputType.INTEGER,
                    new String[] {entryKey}, leaseToken).exceptionally(e -> null);
        } catch (RuntimeException e) {
            LOG.debug("releasing a lease failed", e);
        }
    }

    /**
     * Whether an invalidation may be sent now: when the cache is ready, and also while it is getting
     * ready again (connected, no command timed out in the last second), so that invalidations are
     * delivered rather than missed during a resync, which would otherwise have to start over.
     */
    boolean mayInvalidate() {
        if (state.ready()) {
            return true;
        }
        StatefulRedisConnection<String, byte[]> connection = data;
        return connection != null && connection.isOpen()
                && System.nanoTime() - lastTimeoutNanos > TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * Deletes the entries of {@code storageKeys} of {@code region} in the current generation, and
     * returns once every process's near cache dropped them (or can no longer be read).
     */
    void invalidate(String region, List<String> storageKeys) {
        List<Published> published = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < GENERATION_RETRIES; attempt++) {
                published.forEach(Published::forget);
                published.clear();
                for (int from = 0; from < storageKeys.size(); from += KEYS_PER_SCRIPT) {
                    List<String> batch = storageKeys.subList(from, Math.min(storageKeys.size(), from + KEYS_PER_SCRIPT));
                    long seq = messages.incrementAndGet();
                    published.add(invalidateScript(region, batch, seq, InvalidationMessage.keys(id, seq, region, batch)));
                }
                long generation = published.get(0).generation();
                adopt(generation, true);
                // A batch deleted in a generation that then moved may have entries in the new one
                // loaded before this invalidation: delete them all again in that one.
                if (published.stream().allMatch(done -> done.generation() == generation)) {
                    published.forEach(Published::awaitAcknowledgements);
                    return;
                }
            }
            throw new IllegalStateException("the generation kept changing while invalidating");
        } finally {
            published.forEach(Published::forget);
        }
    }

    /**
     * Deletes every entry of {@code region} (found with SCAN in {@code generation}, or in the current
     * one if that moved) and tells every process; the number of entries deleted.
     */
    long invalidateRegion(String region, long generation) {
        long current = generation;
        attempts:
        for (int attempt = 0; attempt < GENERATION_RETRIES; attempt++) {
            RedisCommands<String, byte[]> redis = requireCommands();
            String base = config.keyPrefix() + ':' + current + ':' + region + ':';
            ScanArgs match = ScanArgs.Builder.matches(base + "*").limit(KEYS_PER_SCRIPT);
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    List<String> storageKeys = page.getKeys().stream().map(key -> key.substring(base.length())).toList();
                    long deletedIn = invalidateScript(region, storageKeys, 0, "").generation();
                    if (deletedIn != current) {
                        adopt(deletedIn, true);
                        current = deletedIn;
                        continue attempts;
                    }
                    deleted += storageKeys.size();
                }
                cursor = page;
            } while (!cursor.isFinished());
            long seq = messages.incrementAndGet();
            Published done = invalidateScript(region, List.of(), seq, InvalidationMessage.all(id, seq, region));
            try {
                if (done.generation() != current) {
                    adopt(done.generation(), true);
                    current = done.generation();
                    continue;
                }
                done.awaitAcknowledgements();
            } finally {
                done.forget();
            }
            return deleted;
        }
        throw new IllegalStateException("the generation kept changing while invalidating");
    }

    /**
     * Runs {@link RedisScript#INVALIDATE} with message {@code seq} (none if {@code message} is empty).
     * The acknowledgements are counted from before the script runs: this process's own may come first.
     */
    private Published invalidateScript(String region, List<String> storageKeys, long seq, String message) {
        if (!message.isEmpty()) {
            pendingAcks.put(seq, new Acks());
        }
        byte[][] args = new byte[4 + storageKeys.size()][];
        args[0] = config.keyPrefix().getBytes(StandardCharsets.UTF_8);
        args[1] = region.getBytes(StandardCharsets.UTF_8);
        args[2] = channelBytes;
        args[3] = message.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < storageKeys.size(); i++) {
            args[4 + i] = storageKeys.get(i).getBytes(StandardCharsets.UTF_8);
        }
        try {
            List<Object> reply = eval(RedisScript.INVALIDATE, ScriptOutputType.MULTI, new String[] {generationKey}, args);
            return new Published(seq, ((Long) reply.get(1)).intValue(), System.nanoTime(),
                    parseGeneration((byte[]) reply.get(0)));
        } catch (RuntimeException e) {
            pendingAcks.remove(seq);
            throw e;
        }
    }

    /**
     * An invalidation message Redis handed to {@code receivers} subscribers at about
     * {@code publishedNanos}, after deleting in {@code generation}.
     */
    private final class Published {
        private final long seq;
        private final int receivers;
        private final long publishedNanos;
        private final long generation;

        Published(long seq, int receivers, long publishedNanos, long generation) {
            this.seq = seq;
            this.receivers = receivers;
            this.publishedNanos = publishedNanos;
            this.generation = generation;
        }

        long generation() {
            return generation;
        }

        /**
         * Waits until every receiver acknowledged, or until any receiver that did not can no longer
         * read its near cache: its lease came from a PING sent before the message was published.
         */
        void awaitAcknowledgements() {
            Acks acks = pendingAcks.get(seq);
            if (receivers == 0 || acks == null) {
                return;
            }
            long deadline = publishedNanos + TimeUnit.MILLISECONDS.toNanos(NEAR_LEASE_MILLIS + LEASE_MARGIN_MILLIS);
            if (!acks.await(receivers, deadline)) {
                LOG.debug("invalidation {} of {}: {} of {} receivers acknowledged; waited out the near-cache lease",
                        seq, config.location(), acks.count(), receivers);
            }
        }

        void forget() {
            pendingAcks.remove(seq);
        }
    }

    /** Acknowledgements of one invalidation message. */
    private static final class Acks {
        private int count;

        synchronized void add() {
            count++;
            notifyAll();
        }

        synchronized int count() {
            return count;
        }

        /** Whether {@code expected} acknowledgements arrived before {@code deadlineNanos}. */
        synchronized boolean await(int expected, long deadlineNanos) {
            boolean interrupted = false;
            try {
                while (count < expected) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** An invalidation could not be sent (not connected): the next connection starts a new generation. */
    void missedInvalidation() {
        unsynced.incrementAndGet();
        wakeMaintenance();
    }

    /**
     * A command failed. Unless Redis answered it with an error (the connection works), the cache stops
     * using Redis until the maintenance thread has checked it again; a failed invalidation also makes
     * that check start a new generation, since the entry may still be there.
     */
    void failed(RuntimeException e, boolean invalidation) {
        noteError(e);
        if (e instanceof RedisCommandTimeoutException) {
            lastTimeoutNanos = System.nanoTime();
        }
        if (!invalidation && e instanceof RedisCommandInterruptedException) {
            return;  // the caller was interrupted: nothing is wrong with Redis
        }
        if (invalidation) {
            unsynced.incrementAndGet();
        }
        if (invalidation || !(e instanceof RedisCommandExecutionException)) {
            boolean wasReady;
            synchronized (lock) {
                wasReady = state.ready();
                if (wasReady) {
                    state = new State(false, state.generation());
                }
            }
            if (wasReady && !closed.get()) {
                LOG.warn("Redis cache at {} degraded (calls go to the store) after {}", config.location(), lastError);
            }
        }
        wakeMaintenance();
    }

    void codecFailed(String region, RuntimeException e) {
        noteError(e);
        LOG.warn("the codec of cache region '{}' failed; the value is used uncached", region, e);
    }

    /**
     * Another process started generation {@code generation}. From a script's answer it is the current
     * one whatever its number (Redis may have lost the key); from a message, only a larger number is
     * taken, since an old message may arrive after the generation was read.
     */
    void adopt(long generation, boolean current) {
        boolean changed = false;
        synchronized (lock) {
            State now = state;
            if (now.ready() && (current ? generation != now.generation() : generation > now.generation())) {
                clearNearCaches();
                state = new State(true, generation);
                changed = true;
            }
        }
        if (changed) {
            LOG.info("Redis cache at {}: generation {} started elsewhere; near caches cleared", config.location(), generation);
        }
    }

    // ---- maintenance ---------------------------------------------------------------------------------

    private void maintain() {
        wakeQueued.set(false);
        if (closed.get()) {
            return;
        }
        try {
            if (data == null && System.nanoTime() - nextConnectNanos >= 0) {
                connectCommands();
            }
            if (data != null && pubsub == null) {
                connectPubSub();
            }
            StatefulRedisConnection<String, byte[]> connection = data;
            if (connection != null && connection.isOpen() && !state.ready()) {
                resync();
            }
            StatefulRedisPubSubConnection<String, String> subscription = pubsub;
            if (subscription != null && subscription.isOpen()) {
                if ((!acksSubscribed || config.nearCache() && !subscribed)
                        && System.nanoTime() - lastSubscribeNanos > SUBSCRIBE_RETRY_NANOS) {
                    subscribe(subscription);
                }
                if (subscribed) {
                    renewNearLease(subscription);
                }
            }
        } catch (RuntimeException e) {
            noteError(e);
            if (!outageLogged) {
                outageLogged = true;
                LOG.warn("Redis cache at {} not usable yet (calls go to the store): {}", config.location(), lastError);
            } else {
                LOG.debug("Redis cache at {} still not usable", config.location(), e);
            }
        } finally {
            synchronized (lock) {
                if (!firstAttemptDone) {
                    firstAttemptDone = true;
                    lock.notifyAll();
                }
            }
        }
    }

    private void connectCommands() {
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.connect(CODEC);
        } catch (RuntimeException e) {
            nextConnectNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectBackoffMillis);
            connectBackoffMillis = Math.min(MAX_CONNECT_BACKOFF_MILLIS, connectBackoffMillis * 2);
            throw e;
        }
        if (closed.get()) {
            closeQuietly(connection);
            return;
        }
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                wakeMaintenance();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                commandsLost();
            }
        });
        commands = connection.sync();
        data = connection;
    }

    private void connectPubSub() {
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub(StringCodec.UTF8);
        if (closed.get()) {
            closeQuietly(connection);
            return;
        }
        connection.addListener(new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String from, String message) {
                if (from.equals(ackChannel)) {
                    onAcknowledgement(message);
                } else {
                    onMessage(message);
                }
            }

            @Override
            public void subscribed(String to, long count) {
                if (to.equals(channel)) {
                    subscriptionConfirmed();
                } else if (to.equals(ackChannel)) {
                    acksSubscribed = true;
                }
            }

            @Override
            public void unsubscribed(String from, long count) {
                subscriptionLost();
            }
        });
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                subscriptionLost();
            }
        });
        pubsub = connection;
        subscribe(connection);
    }

    private void subscribe(StatefulRedisPubSubConnection<String, String> connection) {
        lastSubscribeNanos = System.nanoTime();
        String[] channels = config.nearCache() ? new String[] {channel, ackChannel} : new String[] {ackChannel};
        connection.async().subscribe(channels).exceptionally(e -> null);
    }

    /**
     * Sends a PING on the subscription connection; its PONG comes after every message published before
     * Redis read the PING, so near caches may be read until {@value #NEAR_LEASE_MILLIS} ms after it was
     * sent.
     */
    private void renewNearLease(StatefulRedisPubSubConnection<String, String> connection) {
        long sent = System.nanoTime();
        connection.async().ping().thenRun(() -> {
            long until = sent + TimeUnit.MILLISECONDS.toNanos(NEAR_LEASE_MILLIS);
            synchronized (lock) {
                if (subscribed && until - nearLeaseUntil > 0) {
                    nearLeaseUntil = until;
                    lock.notifyAll();
                }
            }
        }).exceptionally(e -> null);
    }

    /**
     * Makes the cache ready: a new generation if this process lost its connection or an invalidation
     * since it was last ready, else the current one. Abandoned (and tried again on the next tick) if
     * another such loss happens meanwhile.
     */
    private void resync() {
        long target = unsynced.get();
        boolean bump = target != synced;
        RedisCommands<String, byte[]> redis = requireCommands();
        for (RedisScript script : RedisScript.values()) {
            redis.scriptLoad(script.text());
        }
        long generation = bump
                ? redis.<Long>eval(RedisScript.BUMP.text(), ScriptOutputType.INTEGER, new String[] {generationKey}, channelBytes)
                : parseGeneration(redis.get(generationKey));
        synchronized (lock) {
            if (closed.get() || unsynced.get() != target) {
                return;
            }
            synced = target;
            if (bump || generation != state.generation()) {
                clearNearCaches();
            }
            state = new State(true, generation);
            lock.notifyAll();
        }
        outageLogged = false;
        connectBackoffMillis = TICK_MILLIS;
        if (bump) {
            LOG.info("Redis cache at {} up, in new generation {} (entries of older ones are dead)", config.location(), generation);
        } else {
            LOG.info("Redis cache at {} up, generation {}", config.location(), generation);
        }
    }

    private void commandsLost() {
        unsynced.incrementAndGet();
        boolean wasReady;
        synchronized (lock) {
            wasReady = state.ready();
            state = new State(false, state.generation());
        }
        if (wasReady && !closed.get()) {
            LOG.warn("Redis cache at {} lost its connection; calls go to the store until it is back", config.location());
        }
        noteError(new IllegalStateException("connection lost"));
    }

    private void subscriptionConfirmed() {
        synchronized (lock) {
            if (closed.get()) {
                return;
            }
            // Whatever was published while not subscribed was missed: nothing near may be trusted.
            clearNearCaches();
            subscribed = true;
            subscriptions.incrementAndGet();
            lock.notifyAll();
        }
        wakeMaintenance();
    }

    private void subscriptionLost() {
        synchronized (lock) {
            subscribed = false;
            acksSubscribed = false;
            nearLeaseUntil = System.nanoTime();
        }
    }

    private void onMessage(String text) {
        messagesReceived.incrementAndGet();
        InvalidationMessage message = InvalidationMessage.parse(text);
        if (message instanceof InvalidationMessage.Keys keys) {
            RedisRegion<?> region = regions.get(keys.region());
            if (region != null) {
                region.nearRemove(keys.keys());
            }
            acknowledge(keys.origin(), keys.seq());
        } else if (message instanceof InvalidationMessage.All all) {
            RedisRegion<?> region = regions.get(all.region());
            if (region != null) {
                region.nearClear();
            }
            acknowledge(all.origin(), all.seq());
        } else if (message instanceof InvalidationMessage.Generation generation) {
            adopt(generation.generation(), false);
        } else {
            LOG.debug("ignored a message on {}: {}", channel, text);
        }
    }

    /** Tells the invalidator that this process's near cache dropped what message {@code seq} named. */
    private void acknowledge(String origin, long seq) {
        if (origin.equals(id)) {
            Acks acks = pendingAcks.get(seq);
            if (acks != null) {
                acks.add();
            }
            return;
        }
        StatefulRedisConnection<String, byte[]> connection = data;
        if (connection == null) {
            return;
        }
        try {
            connection.async().publish(config.keyPrefix() + ":acks:" + origin, ascii(seq)).exceptionally(e -> null);
        } catch (RuntimeException e) {
            // The invalidator then waits out the near-cache lease instead.
            LOG.debug("acknowledging invalidation {} of {} failed", seq, origin, e);
        }
    }

    private void onAcknowledgement(String text) {
        try {
            Acks acks = pendingAcks.get(Long.parseLong(text.trim()));
            if (acks != null) {
                acks.add();
            }
        } catch (NumberFormatException e) {
            LOG.debug("ignored a message on {}: {}", ackChannel, text);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void clearNearCaches() {
        regions.values().forEach(RedisRegion::nearClear);
    }

    private <T> T eval(RedisScript script, ScriptOutputType type, String[] keys, byte[]... args) {
        RedisCommands<String, byte[]> redis = requireCommands();
        try {
            return redis.evalsha(script.sha(), type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(script.text(), type, keys, args);
        }
    }

    private RedisCommands<String, byte[]> requireCommands() {
        RedisCommands<String, byte[]> redis = commands;
        if (redis == null) {
            throw new IllegalStateException("not connected to Redis");
        }
        return redis;
    }

    private void noteError(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        lastError = Instant.now() + " " + message;
    }

    /** Runs the maintenance soon, once however often it is asked for meanwhile. */
    private void wakeMaintenance() {
        if (closed.get() || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            maintenance.execute(this::maintain);
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false);  // closing
        }
    }

    private static long parseGeneration(byte[] bytes) {
        return bytes == null ? 0 : Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    }

    static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(AutoCloseable connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.debug("closing a Redis connection failed", e);
        }
    }
}
