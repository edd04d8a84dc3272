package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child process of {@link ProcessesWorkload}: opens Agent Hive on the shared store, registers its
 * agents, prints {@code READY}, waits for {@code GO} on stdin, then lets each agent thread claim one
 * task at a time and complete it for the warm-up and the measured window (or, when draining, until no
 * task is queued). Writes the ids it completed to a file, one a line, and prints one line
 * {@code RESULT units=... seconds=... errors=... busy=...}. It exits by itself:
 * a watchdog ends it when the parent never says {@code GO} or the run overruns.
 *
 * <p>Arguments: storage URL, blob URL, worker name, agents, warm-up ms, measure ms, {@code drain} or
 * {@code timed}, result file.
 */
public final class ProcessWorkerMain {
    /** How long a child waits past its planned end before its watchdog ends it. */
    static final Duration GRACE = Duration.ofSeconds(60);
    private static final Json RESULT = Json.of("{\"ok\":true}");

    private ProcessWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String blobUrl = args[1];
        String worker = args[2];
        int agents = Integer.parseInt(args[3]);
        Duration warmup = Duration.ofMillis(Long.parseLong(args[4]));
        Duration measure = Duration.ofMillis(Long.parseLong(args[5]));
        boolean drain = "drain".equals(args[6]);
        Path resultFile = Path.of(args[7]);
        watchdog(warmup.plus(measure).plus(GRACE).plus(GRACE));
        ErrorLog errors = new ErrorLog(worker, System.err);
        AtomicLong busy = new AtomicLong();
        Set<String> completed = ConcurrentHashMap.newKeySet();
        try (Hive hive = Hive.open(HiveConfig.builder().storageUrl(url).blobUrl(blobUrl).build())) {
            for (int a = 0; a < agents; a++) {
                hive.agents().register(AgentRegistration.of(agent(worker, a), "bench", Set.of()));
            }
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"GO".equals(in.readLine())) {
                System.err.println(worker + ": no GO from the parent");
                System.exit(3);
            }
            Drained drained = new Drained(hive, drain);
            TimedLoop.Result result = TimedLoop.run(worker, agents, warmup, measure, n -> {
                String agent = agent(worker, n);
                return latency -> {
                    try {
                        List<Task> claimed = hive.tasks().claim(agent, 1, Duration.ZERO);
                        for (Task task : claimed) {
                            hive.tasks().complete(task.id(), task.leaseToken(), RESULT);
                            if (!completed.add(task.id())) {
                                errors.record("task " + task.id() + " completed twice");
                            }
                        }
                        return claimed.size();
                    } catch (RuntimeException e) {
                        if (isBusy(e)) {
                            busy.incrementAndGet();
                        }
                        throw e;
                    }
                };
            }, drained::check, errors);
            Files.write(resultFile, completed);
            System.out.println(String.format(Locale.ROOT, "RESULT units=%d seconds=%.6f errors=%d busy=%d",
                    result.units(), result.seconds(), errors.count(), busy.get()));
            System.out.flush();
        }
        System.exit(0);
    }

    static String agent(String worker, int n) {
        return worker + "-agent-" + n;
    }

    /** A caller saw the database busy: the store's unavailable error, or SQLite's BUSY anywhere in the causes. */
    private static boolean isBusy(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof StorageUnavailableException || String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                return true;
            }
        }
        return false;
    }

    private static void watchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(limit.toNanos());
                System.err.println("watchdog: still running after " + limit.toSeconds() + " s");
                Runtime.getRuntime().halt(4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** When draining: whether no task is queued or leased any more, asked of the store at most every 100 ms. */
    private static final class Drained {
        private static final long EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

        private final Hive hive;
        private final boolean drain;
        private long checkedAt = System.nanoTime();
        private boolean done;

        Drained(Hive hive, boolean drain) {
            this.hive = hive;
            this.drain = drain;
        }

        synchronized boolean check() {
            if (drain && !done && System.nanoTime() - checkedAt >= EVERY_NANOS) {
                var counts = hive.tasks().countByStatus();
                done = counts.getOrDefault(TaskStatus.QUEUED, 0L) + counts.getOrDefault(TaskStatus.CLAIMED, 0L) == 0;
                checkedAt = System.nanoTime();
            }
            return done;
        }
    }
}
