package dev.agenthive.it.fault.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A worker process of {@link PostgresImmediateShutdownTest}: two agents that, through the public
 * {@link Hive} API, enqueue their share of tasks, claim and complete (or, once per some tasks, fail)
 * whatever is claimable, compare-and-set shared keys and send each other messages, while the test
 * stops the server and terminates backends under them. Every call that returned normally goes into
 * the ledger file, one flushed line each, with the values it wrote; a call that threw is logged as
 * {@code failed <op> <exceptionType> <ms>} and retried as a careful caller would:
 * <ul>
 *   <li>enqueue and send: the same call again, with the same idempotency key;</li>
 *   <li>complete and fail: the same call again, with the same lease token, until it returns or the
 *       lease turns out lost (a {@link ConflictException}, logged as {@code lease-lost});</li>
 *   <li>compare-and-set: the key is read again; if its history already holds this write, the write
 *       committed (logged {@code recovered}, not acknowledged), else the write is tried again on the
 *       version read.</li>
 * </ul>
 * Some tasks are "slow": their agent sleeps past its lease before completing, so that another agent
 * takes the task over and the late completion must be refused (fencing).
 *
 * <p>Each round an agent enqueues a task, compare-and-sets a key and sends its peer a message, until
 * the stop file appears; then it keeps claiming until no task of any process is left unfinished.
 * Arguments: url, worker name, compare-and-set keys, stop file, ledger file.
 */
public final class LedgerWorkerMain {
    static final String CAPABILITY = "ledger";
    static final String NAMESPACE = "ledger";
    static final Duration LEASE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RETRY_PAUSE_MS = 100;
    /** Between two rounds of writing: enough load to meet every fault, not so much that the machine drowns. */
    private static final long PAUSE_MS = 40;

    private final Hive hive;
    private final String agentId;
    private final String peerId;
    private final BufferedWriter ledger;
    private final long deadlineNanos;

    private LedgerWorkerMain(Hive hive, String agentId, String peerId, BufferedWriter ledger, long deadlineNanos) {
        this.hive = hive;
        this.agentId = agentId;
        this.peerId = peerId;
        this.ledger = ledger;
        this.deadlineNanos = deadlineNanos;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String worker = args[1];
        int keys = Integer.parseInt(args[2]);
        Path stop = Path.of(args[3]);
        Path out = Path.of(args[4]);
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        Hive opened = null;
        while (opened == null) {
            // Opening is a call like any other: on a loaded machine or a restarting server it may fail.
            try {
                opened = open(url);
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MS);
            }
        }
        try (Hive hive = opened;
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String[] agents = {worker + "a0", worker + "a1"};
            for (String agent : agents) {
                retrying(() -> hive.agents().register(AgentRegistration.of(agent, "worker", Set.of(CAPABILITY))), deadline);
            }
            Thread[] threads = new Thread[agents.length];
            Throwable[] failure = new Throwable[1];
            for (int a = 0; a < agents.length; a++) {
                LedgerWorkerMain agent = new LedgerWorkerMain(hive, agents[a], agents[(a + 1) % agents.length], writer, deadline);
                threads[a] = new Thread(() -> {
                    try {
                        agent.run(stop, keys);
                    } catch (Throwable e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                }, agents[a]);
                threads[a].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure[0] != null) {
                failure[0].printStackTrace();
                System.exit(1);
            }
        }
        System.out.println("DONE");
    }

    /** The facade as an application opens it, with short store timeouts so an outage fails calls quickly. */
    static Hive open(String url) {
        return Hive.open(HiveConfig.builder()
                .storageUrl(url)
                .set(HiveConfig.CACHE_URL, HiveConfig.NO_CACHE)
                .set(HiveConfig.BLOB_URL, HiveConfig.STORE_BLOBS)
                .set(HiveConfig.WAIT_RECHECK_INTERVAL, "50ms")
                .set(HiveConfig.TASK_BACKOFF_INITIAL, "50ms")
                .set(HiveConfig.TASK_BACKOFF_MAX, "200ms")
                .set(HiveConfig.AGENT_HEARTBEAT_TIMEOUT, "10m")
                .set("hive.postgresql.connect-timeout", "5s")
                .set("hive.postgresql.socket-timeout", "10s")
                .set("hive.postgresql.retry-timeout", "1s")
                .build());
    }

    private void run(Path stop, int keys) throws InterruptedException {
        int produced = 0;
        boolean producing = true;
        long checkedAt = 0;
        while (true) {
            checkDeadline("run");
            if (producing && Files.exists(stop)) {
                producing = false;
            }
            if (producing) {
                enqueue(produced);
                compareAndSet("k" + (produced % keys), agentId + "c" + produced);
                send(produced);
                produced++;
            }
            readInbox();
            List<Task> claimed = call("claim", () -> hive.tasks().claim(agentId, 2, LEASE, Duration.ofMillis(100)));
            if (claimed != null) {
                for (Task task : claimed) {
                    record("ack claim " + task.id() + " " + task.leaseToken());
                }
                for (Task task : claimed) {
                    finish(task);
                }
            }
            if (!producing && (claimed == null || claimed.isEmpty()) && System.nanoTime() - checkedAt > 250_000_000L) {
                checkedAt = System.nanoTime();
                Map<TaskStatus, Long> counts = call("count", () -> hive.tasks().countByStatus());
                // Every process stops producing before it waits for this, so each one's own tasks are done when it leaves.
                if (counts != null && counts.entrySet().stream()
                        .noneMatch(count -> !count.getKey().isTerminal() && count.getValue() > 0)) {
                    return;
                }
            }
            if (producing) {
                Thread.sleep(PAUSE_MS);
            }
        }
    }

    private void enqueue(int n) throws InterruptedException {
        String key = agentId + "t" + n;
        NewTask task = NewTask.builder("task " + key)
                .requiredCapabilities(Set.of(CAPABILITY))
                .idempotencyKey(key)
                .maxAttempts(50)
                .payload(Json.of("{\"n\":" + n + ",\"key\":\"" + key + "\"}"))
                .build();
        Task created = untilDone("enqueue", () -> hive.tasks().enqueue(task));
        record("ack enqueue " + created.id() + " " + key);
    }

    private void finish(Task task) throws InterruptedException {
        int n = task.payload().text().contains("\"n\":") ? number(task.payload()) : 0;
        if (task.attempts() == 1 && n % 16 == 5) {
            // A slow agent: past its lease, another agent takes the task over; this one must be refused.
            Thread.sleep(LEASE.toMillis() + 1_500);
        }
        String op = agentId + "r" + task.id() + "-" + task.leaseToken();
        if (task.attempts() == 1 && n % 8 == 3) {
            Json error = Json.of("{\"op\":\"" + op + "\"}");
            Task failed = untilLeaseLost("fail", task, () -> hive.tasks().fail(task.id(), task.leaseToken(), error, true));
            if (failed != null) {
                record("ack fail " + task.id() + " " + task.leaseToken() + " " + op);
            }
            return;
        }
        Json result = Json.of("{\"op\":\"" + op + "\"}");
        Task completed = untilLeaseLost("complete", task, () -> hive.tasks().complete(task.id(), task.leaseToken(), result));
        if (completed != null) {
            record("ack complete " + task.id() + " " + task.leaseToken() + " " + op);
        }
    }

    private static int number(Json payload) {
        try {
            return JSON.readTree(payload.text()).path("n").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Repeats a guarded task transition with the same lease token; null when the lease was lost. */
    private Task untilLeaseLost(String op, Task task, Supplier<Task> transition) throws InterruptedException {
        while (true) {
            checkDeadline(op);
            long started = System.nanoTime();
            try {
                return transition.get();
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.LEASE_LOST) {
                    throw e;
                }
                record("lease-lost " + op + " " + task.id() + " " + task.leaseToken());
                return null;
            } catch (InvalidStateTransitionException e) {
                // The task moved on without this lease (taken back and finished by another agent).
                record("lease-lost " + op + " " + task.id() + " " + task.leaseToken());
                return null;
            } catch (RuntimeException e) {
                failed(op, e, started);
            }
        }
    }

    private void compareAndSet(String key, String op) throws InterruptedException {
        while (true) {
            checkDeadline("cas");
            Optional<MemoryEntry> current = call("cas-read", () -> hive.sharedMemory().get(NAMESPACE, key));
            if (current == null) {
                continue;
            }
            ArrayNode ops = history(current);
            for (JsonNode done : ops) {
                if (done.asText().equals(op)) {
                    record("recovered cas " + key + " " + op);
                    return;
                }
            }
            long version = current.map(MemoryEntry::version).orElse(0L);
            ObjectNode value = JSON.createObjectNode();
            value.set("ops", ops.add(op));
            long started = System.nanoTime();
            try {
                MemoryEntry written = hive.sharedMemory().compareAndSet(NAMESPACE, key, version, Json.of(value.toString()));
                record("ack cas " + key + " " + written.version() + " " + op);
                return;
            } catch (ConflictException e) {
                // Another writer got there first: read again and try on the new version.
            } catch (RuntimeException e) {
                failed("cas", e, started);
            }
        }
    }

    private static ArrayNode history(Optional<MemoryEntry> entry) {
        if (entry.isEmpty()) {
            return JSON.createArrayNode();
        }
        try {
            return (ArrayNode) JSON.readTree(entry.get().value().text()).get("ops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(int n) throws InterruptedException {
        String key = agentId + "m" + n;
        NewMessage message = NewMessage.direct(agentId, peerId, "note", Json.of("{\"op\":\"" + key + "\"}"))
                .withIdempotencyKey(key);
        Message sent = untilDone("send", () -> hive.messages().send(message));
        record("ack send " + sent.id() + " " + key);
    }

    private void readInbox() throws InterruptedException {
        List<Message> inbox = call("inbox", () -> hive.messages().inbox(agentId, 10, Duration.ZERO));
        if (inbox == null) {
            return;
        }
        for (Message message : inbox) {
            call("ack-message", () -> hive.messages().ack(agentId, message.id()));
        }
    }

    /** Repeats the call until it returns. */
    private <T> T untilDone(String op, Interruptible<T> work) throws InterruptedException {
        while (true) {
            checkDeadline(op);
            T result = call(op, work);
            if (result != null) {
                return result;
            }
        }
    }

    /** One call; null (after logging the failure and pausing) when it threw. */
    private <T> T call(String op, Interruptible<T> work) throws InterruptedException {
        long started = System.nanoTime();
        try {
            return work.get();
        } catch (RuntimeException e) {
            failed(op, e, started);
            return null;
        }
    }

    private void failed(String op, RuntimeException e, long startedNanos) throws InterruptedException {
        long ms = (System.nanoTime() - startedNanos) / 1_000_000;
        record("failed " + op + " " + e.getClass().getSimpleName() + " " + ms);
        if (!(e instanceof dev.agenthive.api.error.StorageUnavailableException)) {
            e.printStackTrace();
        }
        Thread.sleep(RETRY_PAUSE_MS);
    }

    private void checkDeadline(String op) {
        if (System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException(agentId + ": deadline passed during " + op);
        }
    }

    private void record(String line) {
        synchronized (ledger) {
            try {
                ledger.write(System.currentTimeMillis() + " " + agentId + " " + line + "\n");
                ledger.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void retrying(Runnable work, long deadlineNanos) throws InterruptedException {
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MS);
            }
        }
    }

    @FunctionalInterface
    private interface Interruptible<T> {
        T get() throws InterruptedException;
    }
}
