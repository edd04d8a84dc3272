package dev.agenthive.it.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QueueWorkerMain} processes started together on one store: each enqueues its share of the
 * tasks and works the shared queue until all tasks are completed, writing what it completed to a
 * file of its own.
 */
final class QueueWorkers {
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private QueueWorkers() {
    }

    /**
     * Starts {@code count} workers named {@code w0, w1, ...}.
     *
     * @param total every task of the run, which the workers wait to see completed before they stop
     */
    static QueueWorkers start(int count, String url, int tasksPerProcess, long total, Path dir) throws IOException {
        QueueWorkers workers = new QueueWorkers();
        for (int p = 0; p < count; p++) {
            Path out = dir.resolve("out-" + p + ".txt");
            Path log = dir.resolve("log-" + p + ".txt");
            workers.outputs.add(out);
            workers.logs.add(log);
            workers.processes.add(JavaProcess.start(QueueWorkerMain.class, log, url, "w" + p,
                    String.valueOf(tasksPerProcess), String.valueOf(total), out.toString()));
        }
        return workers;
    }

    /** Waits for every worker, asserting that it finished in time with exit code 0; returns their logs. */
    List<String> awaitSuccess() throws InterruptedException, IOException {
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < processes.size(); p++) {
            Process process = processes.get(p);
            assertThat(process.waitFor(480, TimeUnit.SECONDS)).as("process %d finished", p).isTrue();
            String log = Files.readString(logs.get(p));
            assertThat(process.exitValue()).as("exit code of process %d, log:%n%s", p, log).isZero();
            texts.add(log);
        }
        return texts;
    }

    /** How many times the workers completed each task id. */
    Map<String, Integer> completions() throws IOException {
        Map<String, Integer> completions = new HashMap<>();
        for (Path out : outputs) {
            for (String line : Files.readAllLines(out)) {
                completions.merge(line.split(" ")[0], 1, Integer::sum);
            }
        }
        return completions;
    }
}
