package dev.agenthive.core.observe;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Watches every call of the services a hive hands out: each one is timed in {@value #TIMER}, tagged
 * {@code operation=<service>.<method>} (e.g. {@code tasks.claim}) and {@code outcome} ({@code success},
 * the lower-case {@link ErrorCode} of the {@link HiveException} it threw, or {@code error} for any other
 * exception), and handed to the {@link SlowOperations} log. A service is wrapped in a
 * {@link Proxy} of its interface; a call costs two {@link System#nanoTime()} reads, a map lookup of the
 * method and, with the slow-operation log on, a thread-local read. Timers are made at the first call
 * of each operation and outcome, and kept.
 *
 * <p>The timers publish a percentile histogram (buckets from 10 µs to 30 s) rather than percentiles
 * computed in the process: agents run in many processes, and only buckets can be added up across them
 * (Prometheus' {@code histogram_quantile} over the sum); recording into fixed buckets is also cheaper
 * than the sliding HdrHistograms of client-side percentiles. A {@code MeterFilter} on the registry can
 * change it.
 */
public final class OperationMeters {
    /** The timer of every service call. */
    public static final String TIMER = "hive.operation";

    /** Outcome names by index: {@code success}, each error code, then {@code error}. */
    private static final String[] OUTCOMES = outcomeNames();
    private static final int SUCCESS = 0;
    private static final int ERROR = OUTCOMES.length - 1;
    private static final Duration SHORTEST = Duration.ofNanos(10_000);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final SlowOperations slow;

    /**
     * @param registry where the timers go, or {@code null} for none
     * @param slow     the slow-operation log, or {@code null} when it is off
     */
    public OperationMeters(MeterRegistry registry, SlowOperations slow) {
        this.registry = registry;
        this.slow = slow;
    }

    /**
     * The service, watched: {@code target} itself when there is neither a registry nor a slow-operation
     * log, so that nothing is added to a call that nobody observes.
     *
     * @param type   the service interface
     * @param name   the service's name in the operation tag, e.g. {@code tasks}
     * @param target the service
     */
    public <T> T observe(Class<T> type, String name, T target) {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(target, "target is null");
        if (registry == null && slow == null) {
            return target;
        }
        Map<Method, Operation> operations = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) {
                operations.put(method, new Operation(name + "." + method.getName()));
            }
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Observed(target, Map.copyOf(operations))));
    }

    private static String[] outcomeNames() {
        ErrorCode[] codes = ErrorCode.values();
        String[] names = new String[codes.length + 2];
        names[SUCCESS] = "success";
        for (ErrorCode code : codes) {
            names[1 + code.ordinal()] = code.name().toLowerCase(Locale.ROOT);
        }
        names[names.length - 1] = "error";
        return names;
    }

    private static int outcomeOf(Throwable failure) {
        return failure instanceof HiveException hive ? 1 + hive.code().ordinal() : ERROR;
    }

    /** One method of one service, with its timers by outcome. */
    private final class Operation {
        final String name;
        private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(OUTCOMES.length);

        Operation(String name) {
            this.name = name;
        }

        void record(int outcome, long nanos) {
            Timer timer = timers.get(outcome);
            if (timer == null) {
                // Registering twice in a race is harmless: the registry hands out the one timer of an id.
                timer = Timer.builder(TIMER)
                        .description("Calls of the hive's services, by operation and outcome")
                        .tag("operation", name)
                        .tag("outcome", OUTCOMES[outcome])
                        .publishPercentileHistogram()
                        .minimumExpectedValue(SHORTEST)
                        .maximumExpectedValue(LONGEST)
                        .register(registry);
                timers.set(outcome, timer);
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The proxy's calls: timed, watched for slowness, and passed on to the service. */
    private final class Observed implements InvocationHandler {
        private final Object target;
        private final Map<Method, Operation> operations;

        Observed(Object target, Map<Method, Operation> operations) {
            this.target = target;
            this.operations = operations;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Operation operation = operations.get(method);
            if (operation == null) {
                return objectMethod(proxy, method, args);
            }
            SlowOperations.Slot watched = slow == null ? null : slow.begin();
            long start = System.nanoTime();
            int outcome = SUCCESS;
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                outcome = outcomeOf(failure);
                throw failure;
            } finally {
                long nanos = System.nanoTime() - start;
                if (registry != null) {
                    operation.record(outcome, nanos);
                }
                if (watched != null) {
                    slow.end(watched, operation.name, OUTCOMES[outcome], nanos);
                }
            }
        }

        /** {@code equals}, {@code hashCode} and {@code toString}: the proxy's own identity, the service's text. */
        private Object objectMethod(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "observed " + target;
                default -> throw new IllegalStateException("unexpected call of " + method + " on an observed service");
            };
        }
    }
}
