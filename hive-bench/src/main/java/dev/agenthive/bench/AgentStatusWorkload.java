package dev.agenthive.bench;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.core.Hive;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Agents reading each other's status: 1,000 agents, keys drawn Zipf(0.99), 5% of the operations
 * status writes (between active and idle), the rest reads, on 8 threads; latency of the reads only,
 * sampled one read in {@value #SAMPLE_EVERY}. Agent Hive runs with the cache named by
 * {@code cacheUrl} ({@code none:}, {@code caffeine:} or a Redis URL); the floor is the same reads and
 * writes as plain JDBC with no cache, and with Redis a plain Lettuce GET/SET of the status is the
 * Redis floor.
 */
final class AgentStatusWorkload implements Workload {
    private static final int AGENTS = 1_000;
    private static final double ZIPF_EXPONENT = 0.99;
    private static final double WRITE_SHARE = 0.05;
    private static final int THREADS = 8;
    private static final int SAMPLE_EVERY = 8;

    private final BenchSettings settings;
    private final String cache;
    private final RedisUrl redis;

    /**
     * @param cache {@code none}, {@code caffeine} or {@code redis}
     * @param redis where the Redis server is, for {@code redis}
     */
    AgentStatusWorkload(BenchSettings settings, String cache, RedisUrl redis) {
        this.settings = settings;
        this.cache = cache;
        this.redis = redis;
    }

    @Override
    public String name() {
        return "agent-status-" + cache;
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        ZipfKeys keys = new ZipfKeys(AGENTS, ZIPF_EXPONENT);
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(Contended.run(database, "hive", target -> {
            String cacheUrl = switch (cache) {
                case "none" -> "none:";
                case "caffeine" -> "caffeine:";
                default -> redis.url();
            };
            try (Hive open = Hives.open(target, THREADS + 1, cacheUrl)) {
                for (int n = 0; n < AGENTS; n++) {
                    open.agents().register(AgentRegistration.of(agent(n), "bench", Set.of()));
                }
                Read read = id -> open.agents().find(id).map(Agent::status).map(AgentStatus::dbValue).orElse(null);
                Measurement measured = measure("hive", keys, read,
                        (id, status) -> open.agents().setStatus(id, AgentStatus.parse(status)));
                CacheStats agents = open.cacheStats().getOrDefault("agents", CacheStats.EMPTY);
                if (open.cacheHealth().isEmpty()) {
                    return measured.withNote("no cache");
                }
                return measured.withNote(String.format(Locale.ROOT, "hit ratio %.1f%%, ", agents.hitRatio() * 100)
                        + readsAlone(keys, read));
            }
        }));
        measurements.add(Contended.run(database, "floor", target -> {
            try (Hive open = Hives.open(target, 1, "none:")) {
                for (int n = 0; n < AGENTS; n++) {
                    open.agents().register(AgentRegistration.of(agent(n), "bench", Set.of()));
                }
            }
            try (Floor open = Floor.open(target, THREADS + 1)) {
                return measure("floor", keys, open::agentStatus, open::setAgentStatus);
            }
        }));
        if (cache.equals("redis")) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> commands = connection.sync();
                String prefix = "bench:status:" + System.nanoTime() + ":";
                for (int n = 0; n < AGENTS; n++) {
                    commands.set(prefix + agent(n), "active");
                }
                Read read = id -> commands.get(prefix + id);
                measurements.add(measure("redis-get", keys, read, (id, status) -> commands.set(prefix + id, status))
                        .withNote(readsAlone(keys, read)));
            } finally {
                client.shutdown();
            }
        }
        return measurements;
    }

    private static String agent(int n) {
        return "agent-" + n;
    }

    /** A status read; {@code null} when the agent is missing. */
    @FunctionalInterface
    interface Read {
        String status(String agentId) throws Exception;
    }

    /** A status write. */
    @FunctionalInterface
    interface Write {
        void status(String agentId, String status) throws Exception;
    }

    /**
     * Latency of reads alone, without writes and with one thread per core, so that neither misses after
     * invalidations nor threads waiting for a core make up the percentiles: for a cache, the hits.
     */
    private String readsAlone(ZipfKeys keys, Read read) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ErrorLog errors = new ErrorLog("reads alone " + name(), System.err);
        TimedLoop.Result result = TimedLoop.run("reads-alone", threads, settings.warmup(), settings.measure(),
                worker -> {
                    int[] reads = {0};
                    return latency -> {
                        boolean sampled = ++reads[0] % SAMPLE_EVERY == 0;
                        long start = System.nanoTime();
                        read.status(agent(keys.next()));
                        if (sampled) {
                            latency.since(start);
                        }
                        return 1;
                    };
                }, () -> false, errors);
        return String.format(Locale.ROOT, "reads alone (%d threads, no writes) p50/p99 %.2f / %.2f µs", threads,
                result.latency().p50Micros(), result.latency().p99Micros());
    }

    private Measurement measure(String contender, ZipfKeys keys, Read read, Write write) throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        TimedLoop.Result result = TimedLoop.run(contender, THREADS, settings.warmup(), settings.measure(), worker -> {
            int[] reads = {0};
            return latency -> {
                String id = agent(keys.next());
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextDouble() < WRITE_SHARE) {
                    write.status(id, random.nextBoolean() ? "active" : "idle");
                    return 1;
                }
                boolean sampled = ++reads[0] % SAMPLE_EVERY == 0;
                long start = System.nanoTime();
                String status = read.status(id);
                if (sampled) {
                    latency.since(start);
                }
                if (status == null) {
                    errors.record("agent " + id + " not found");
                }
                return 1;
            };
        }, () -> false, errors);
        return new Measurement(contender, result.units(), result.seconds(), result.throughput(),
                result.latency().p50Micros(), result.latency().p99Micros(), errors.count(),
                THREADS + " threads, " + AGENTS + " agents, Zipf(" + ZIPF_EXPONENT + "), "
                        + Math.round(WRITE_SHARE * 100) + "% writes");
    }
}
