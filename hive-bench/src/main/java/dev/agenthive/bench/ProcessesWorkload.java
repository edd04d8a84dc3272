package dev.agenthive.bench;

import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQLite file shared by separate OS processes: the same number of agents claiming and completing
 * tasks once as one JVM and once split over several ({@link ProcessWorkerMain} children started from
 * this JVM's class path). Reports both throughputs; every exception a caller saw counts as an error,
 * and SQLITE_BUSY or {@code StorageUnavailableException} among them is named separately.
 */
final class ProcessesWorkload implements Workload {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT units=(\\d+) seconds=([0-9.]+) errors=(\\d+) busy=(\\d+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchSettings settings;
    private final int agents;
    private final int processes;
    private final int backlog;

    ProcessesWorkload(BenchSettings settings) {
        this.settings = settings;
        this.agents = settings.scale(16, 4);
        this.processes = settings.scale(4, 2);
        this.backlog = settings.scale(30_000, 100);
    }

    @Override
    public String name() {
        return "processes-4v1";
    }

    @Override
    public boolean supports(String store) {
        return "sqlite".equals(store);
    }

    @Override
    public List<Measurement> run(BenchDatabase database) throws Exception {
        Measurement split = Contended.run(database, "hive",
                target -> measure("hive", target, processes));
        Measurement single = Contended.run(database, "1-process",
                target -> measure("1-process", target, 1));
        return List.of(split, single);
    }

    private Measurement measure(String contender, BenchTarget target, int count) throws Exception {
        ErrorLog errors = new ErrorLog(contender + " " + name(), System.err);
        try (Hive hive = Hives.open(target)) {
            Parallel.forEach(4, backlog, i -> hive.tasks().enqueue(NewTask.builder("task " + i).build()));
        }
        List<Child> children = new ArrayList<>();
        try {
            for (int p = 0; p < count; p++) {
                children.add(Child.start(target, "p" + p, agents / count, settings));
            }
            for (Child child : children) {
                child.awaitReady();
            }
            for (Child child : children) {
                child.go();
            }
            long units = 0;
            double throughput = 0;
            double seconds = 0;
            long busy = 0;
            Set<String> completed = new HashSet<>();
            long bound = settings.warmup().plus(settings.measure()).plus(ProcessWorkerMain.GRACE).toMillis();
            for (Child child : children) {
                Matcher result = child.await(bound);
                if (result == null) {
                    errors.record(child.name + " ended without a result (exit " + child.exitCode() + "): " + child.output());
                    continue;
                }
                units += Long.parseLong(result.group(1));
                double childSeconds = Double.parseDouble(result.group(2));
                seconds = Math.max(seconds, childSeconds);
                throughput += childSeconds > 0 ? Long.parseLong(result.group(1)) / childSeconds : 0;
                long childErrors = Long.parseLong(result.group(3));
                if (childErrors > 0) {
                    errors.record(childErrors, child.name + " counted errors (printed by it above)");
                }
                busy += Long.parseLong(result.group(4));
                for (String id : Files.readAllLines(child.resultFile)) {
                    if (!completed.add(id)) {
                        errors.record("task " + id + " completed by two processes");
                    }
                }
            }
            long inStore;
            try (Hive hive = Hives.open(target)) {
                inStore = hive.tasks().countByStatus().getOrDefault(TaskStatus.COMPLETED, 0L);
            }
            if (inStore != completed.size()) {
                errors.record("the store counts " + inStore + " completed tasks, the processes completed " + completed.size());
            }
            if (settings.quick() && completed.size() != backlog) {
                errors.record("the backlog of " + backlog + " was not drained: " + completed.size() + " completed");
            }
            String note = count + " process" + (count == 1 ? "" : "es") + " x " + agents / count + " agents (-Xmx256m), "
                    + busy + " SQLITE_BUSY/StorageUnavailable seen by callers"
                    + (completed.size() == backlog ? ", drained all " + backlog + " tasks" : "")
                    + (completed.size() == backlog && errors.count() == 0 ? ", each completed once" : "");
            return new Measurement(contender, units, seconds, throughput, Double.NaN, Double.NaN, errors.count(), note);
        } finally {
            for (Child child : children) {
                child.destroy();
            }
        }
    }

    /** One worker process and what it printed. */
    private static final class Child {
        private final String name;
        private final Process process;
        private final Path resultFile;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;
        private volatile Matcher result;

        private Child(String name, Process process, Path resultFile) {
            this.name = name;
            this.process = process;
            this.resultFile = resultFile;
            this.reader = new Thread(this::read, "child-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(BenchTarget target, String name, int agents, BenchSettings settings) throws IOException {
            Path resultFile = target.workDir().resolve(name + ".ids");
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"),
                    ProcessWorkerMain.class.getName(),
                    Hives.storageUrl(target), Hives.blobUrl(target), name, Integer.toString(agents),
                    Long.toString(settings.quick() ? 0 : settings.warmup().toMillis()),
                    Long.toString(settings.quick() ? Duration.ofSeconds(30).toMillis() : settings.measure().toMillis()),
                    settings.quick() ? "drain" : "timed",
                    resultFile.toString());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new Child(name, process, resultFile);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.equals("READY")) {
                        ready.complete(null);
                    }
                    Matcher matcher = RESULT.matcher(line);
                    if (matcher.matches()) {
                        result = matcher;
                    }
                }
            } catch (IOException e) {
                output.append("reading the output failed: ").append(e).append('\n');
            } finally {
                ready.complete(null);
            }
        }

        void awaitReady() throws Exception {
            ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("GO\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** The RESULT line once the process has exited within {@code millis}, else {@code null}. */
        Matcher await(long millis) throws InterruptedException {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return null;
            }
            // The reader reaches the end of the output right after the exit.
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return result;
        }

        String exitCode() {
            return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
        }

        String output() {
            return output.toString().strip().replace('\n', ' ');
        }

        void destroy() {
            process.destroyForcibly();
        }
    }
}
