package dev.agenthive.it.fault.lease;

import dev.agenthive.it.process.JavaProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link LeaseWorkerMain} running in a JVM of its own, with its agent id, ledger and log.
 *
 * @param agentId the id its agent registers with
 * @param process the OS process
 * @param ledger  its ledger file
 * @param log     its stdout and stderr
 */
record WorkerProcess(String agentId, Process process, Path ledger, Path log) {
    /** Exit status of a JVM ended by SIGKILL: 128 + 9. */
    static final int SIGKILL_EXIT = 137;

    /**
     * Starts a worker in {@code mode} ({@code work} or {@code freeze}, see {@link LeaseWorkerMain}),
     * its files in {@code dir}: its ledger, its log and the file {@link #go()} creates.
     */
    static WorkerProcess start(String mode, String url, String agentId, Path stop, LeaseTimings timings, Path dir)
            throws IOException {
        Path ledger = dir.resolve("ledger-" + agentId + ".txt");
        Path log = dir.resolve("log-" + agentId + ".txt");
        List<String> args = new ArrayList<>(List.of(mode, url, agentId, ledger.toString(), stop.toString(),
                goFile(ledger).toString()));
        args.addAll(timings.toArgs());
        return new WorkerProcess(agentId, JavaProcess.start(LeaseWorkerMain.class, log, args.toArray(String[]::new)),
                ledger, log);
    }

    /** Lets it go on: a spare starts working, a frozen worker tries its stale calls. */
    void go() throws IOException {
        Files.createFile(goFile(ledger));
    }

    private static Path goFile(Path ledger) {
        return ledger.resolveSibling(ledger.getFileName() + ".go");
    }

    /** Whether its ledger has a line of {@code kind}. */
    boolean wrote(String kind) throws IOException {
        return entries().stream().anyMatch(entry -> entry.kind().equals(kind));
    }

    /** Its ledger so far. */
    List<Ledger.Entry> entries() throws IOException {
        return Ledger.read(ledger);
    }

    /**
     * Kills it with SIGKILL ({@link Process#destroyForcibly()} on Linux) and checks that SIGKILL is
     * what ended it: no shutdown hook, no close, no flush of anything but what is already written.
     */
    void kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s died", agentId).isTrue();
        assertThat(process.exitValue()).as("exit status of %s after destroyForcibly, log:%n%s", agentId, logText())
                .isEqualTo(SIGKILL_EXIT);
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) with {@code kill}. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, process.pid()).isZero();
    }

    /** Whether every thread of the process is stopped (state {@code T} in {@code /proc}). */
    boolean stopped() throws IOException {
        try (var threads = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path thread : threads.toList()) {
                String stat = Files.readString(thread.resolve("stat"));
                // The state follows the command name, which is in parentheses and may hold spaces.
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (state != 'T') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits for it to end by itself with exit status 0. */
    void awaitSuccess() throws InterruptedException, IOException {
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s finished, log:%n%s", agentId, logText()).isTrue();
        assertThat(process.exitValue()).as("exit status of %s, log:%n%s", agentId, logText()).isZero();
    }

    /** Kills it if it still runs (after a failed test). */
    void destroy() {
        process.destroyForcibly();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
