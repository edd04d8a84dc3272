package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.core.Hive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery latency of direct messages: every agent waits in {@code inbox} on its own thread while a
 * producer sends to a random agent about every millisecond. The latency of a message is the time from
 * just before its {@code send} to its arrival from {@code inbox}, read from the send time the payload
 * carries; only messages sent inside the measured window count. Every message sent must arrive exactly
 * once. No floor: the targets are absolute.
 */
final class MessageLatencyWorkload implements Workload {
    // PostgreSQL's jsonb gives the payload back with its keys reordered and spaced: read each field on its own.
    private static final Pattern SEQUENCE = Pattern.compile("\"n\":\\s*(\\d+)");
    private static final Pattern SENT_AT = Pattern.compile("\"t\":\\s*(-?\\d+)");
    private static final Pattern MEASURED = Pattern.compile("\"m\":\\s*1");
    private static final String PRODUCER = "producer";
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final BenchSettings settings;
    private final int agents;

    MessageLatencyWorkload(BenchSettings settings) {
        this.settings = settings;
        this.agents = settings.scale(100, 20);
    }

    @Override
    public String name() {
        return "message-latency";
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        return List.of(Contended.run(database, "hive", target -> {
            try (Hive hive = Hives.open(target)) {
                return measure(hive, "sqlite".equals(target.store()) ? "p99 target 1 ms" : "p99 target 3 ms");
            }
        }));
    }

    private Measurement measure(Hive hive, String target) throws Exception {
        ErrorLog errors = new ErrorLog("hive " + name(), System.err);
        hive.agents().register(AgentRegistration.of(PRODUCER, "bench", Set.of()));
        for (int a = 0; a < agents; a++) {
            hive.agents().register(AgentRegistration.of(agent(a), "bench", Set.of()));
        }
        Phase always = new Phase();
        always.startMeasuring();
        Set<Long> received = ConcurrentHashMap.newKeySet();
        AtomicLong sent = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Flags state = new Flags();
        for (int a = 0; a < agents; a++) {
            String agent = agent(a);
            LatencyRecorder recorder = new LatencyRecorder(always);
            recorders.add(recorder);
            threads.add(new Thread(() -> consume(hive, agent, recorder, received, state, errors), "inbox-" + a));
        }
        threads.forEach(Thread::start);
        Thread producer = new Thread(() -> produce(hive, sent, measured, state, errors), "producer");
        producer.start();
        TimeUnit.NANOSECONDS.sleep(settings.warmup().toNanos());
        state.measuring = true;
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(settings.measure().toNanos());
        state.measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        state.producing = false;
        producer.join();
        long drainEnd = System.nanoTime() + DRAIN.toNanos();
        while (received.size() < sent.get() && System.nanoTime() < drainEnd) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        state.consuming = false;
        for (Thread thread : threads) {
            thread.join();
        }
        if (received.size() != sent.get()) {
            errors.record(sent.get() + " messages sent but " + received.size() + " arrived within " + DRAIN.toSeconds()
                    + " s after the last");
        }
        Percentiles latency = LatencyRecorder.merge(recorders);
        return new Measurement("hive", measured.get(), seconds, measured.get() / seconds, latency.p50Micros(),
                latency.p99Micros(), errors.count(), "messages/s; " + agents + " agents waiting in inbox, one send per ms; "
                + target);
    }

    /** What the threads of one run are to do now: consume, produce, and mark their messages as measured. */
    private static final class Flags {
        volatile boolean consuming = true;
        volatile boolean producing = true;
        volatile boolean measuring;
    }

    private void produce(Hive hive, AtomicLong sent, AtomicLong measured, Flags state, ErrorLog errors) {
        long period = TimeUnit.MILLISECONDS.toNanos(1);
        long next = System.nanoTime();
        long n = 0;
        while (state.producing) {
            boolean measuring = state.measuring;
            String to = agent(ThreadLocalRandom.current().nextInt(agents));
            long start = System.nanoTime();
            try {
                hive.messages().send(NewMessage.direct(PRODUCER, to, "ping",
                        Json.of("{\"n\":" + n + ",\"t\":" + start + ",\"m\":" + (measuring ? 1 : 0) + "}")));
                n++;
                sent.incrementAndGet();
                if (measuring) {
                    measured.incrementAndGet();
                }
            } catch (RuntimeException e) {
                errors.record(e);
            }
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                // Behind schedule: carry on at the normal pace instead of sending a burst to catch up.
                next = System.nanoTime();
            }
        }
    }

    private static void consume(Hive hive, String agent, LatencyRecorder recorder, Set<Long> received, Flags state,
                                ErrorLog errors) {
        while (state.consuming) {
            try {
                for (Message message : hive.messages().inbox(agent, 10, Duration.ofMillis(100))) {
                    long arrived = System.nanoTime();
                    String payload = message.payload().text();
                    Matcher sequence = SEQUENCE.matcher(payload);
                    Matcher sentAt = SENT_AT.matcher(payload);
                    if (!sequence.find() || !sentAt.find()) {
                        errors.record("unexpected payload " + payload);
                        continue;
                    }
                    if (MEASURED.matcher(payload).find()) {
                        recorder.record(arrived - Long.parseLong(sentAt.group(1)));
                    }
                    if (!received.add(Long.parseLong(sequence.group(1)))) {
                        errors.record("message " + sequence.group(1) + " arrived twice");
                    }
                    hive.messages().ack(agent, message.id());
                }
            } catch (InterruptedException e) {
                errors.record(e);
                return;
            } catch (RuntimeException e) {
                errors.record(e);
            }
        }
    }

    private static String agent(int n) {
        return "agent-" + n;
    }
}
