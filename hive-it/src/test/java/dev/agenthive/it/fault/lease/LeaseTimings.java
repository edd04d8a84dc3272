package dev.agenthive.it.fault.lease;

import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.store.sqlite.SqliteStoreConfig;

import java.time.Duration;
import java.util.List;

/**
 * The timings a lease test runs its hives with, in the test JVM and its worker processes alike: a
 * short task lease, the heartbeat timeout after which maintenance marks a silent agent crashed, the
 * maintenance interval, and a short retry backoff so that released tasks are claimable at once.
 *
 * @param lease               {@code hive.task.lease}, the lease every claim takes
 * @param heartbeatTimeout    {@code hive.agent.heartbeat-timeout}
 * @param maintenanceInterval {@code hive.maintenance.interval}
 */
record LeaseTimings(Duration lease, Duration heartbeatTimeout, Duration maintenanceInterval) {
    /** How often a live worker heartbeats its agent: well inside the heartbeat timeout. */
    Duration agentHeartbeatEvery() {
        return heartbeatTimeout.dividedBy(8);
    }

    /**
     * How long a SQLite writer, and an opening store waiting for the migration lock, retries: every
     * opening process takes that lock in turn, and a dozen worker JVMs opening one file together on
     * a busy machine wait for each other's Flyway check longer than the default allows.
     */
    private static final String SQLITE_RETRY = "120s";

    /** Opens a hive on {@code url} with these timings, maintenance running. */
    Hive open(String url) {
        HiveConfig.Builder config = HiveConfig.builder();
        if (url.startsWith("sqlite:")) {
            config.set(SqliteStoreConfig.WRITE_RETRY_TIMEOUT, SQLITE_RETRY);
        }
        return Hive.open(config
                .storageUrl(url)
                .set(HiveConfig.TASK_LEASE, lease.toMillis() + "ms")
                .set(HiveConfig.AGENT_HEARTBEAT_TIMEOUT, heartbeatTimeout.toMillis() + "ms")
                .set(HiveConfig.MAINTENANCE_INTERVAL, maintenanceInterval.toMillis() + "ms")
                .set(HiveConfig.TASK_BACKOFF_INITIAL, "20ms")
                .set(HiveConfig.TASK_BACKOFF_MAX, "100ms")
                .set(HiveConfig.WAIT_RECHECK_INTERVAL, "50ms")
                .build());
    }

    /** The timings as command-line arguments of a worker process. */
    List<String> toArgs() {
        return List.of(String.valueOf(lease.toMillis()), String.valueOf(heartbeatTimeout.toMillis()),
                String.valueOf(maintenanceInterval.toMillis()));
    }

    /** The timings from {@link #toArgs()}, starting at {@code args[from]}. */
    static LeaseTimings fromArgs(String[] args, int from) {
        return new LeaseTimings(Duration.ofMillis(Long.parseLong(args[from])),
                Duration.ofMillis(Long.parseLong(args[from + 1])), Duration.ofMillis(Long.parseLong(args[from + 2])));
    }
}
