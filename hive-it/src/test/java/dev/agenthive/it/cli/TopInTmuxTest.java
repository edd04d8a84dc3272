package dev.agenthive.it.cli;

import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.it.process.JavaProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hive top} in a real terminal: a separate JVM inside a tmux pane of 120 x 40 (tmux's own server
 * on a socket of this test, so no user session is touched), watching a {@code hive demo} of another
 * process, its pane captured as a user would see it. Skipped when tmux is not installed.
 */
class TopInTmuxTest {
    private static final Pattern ACTIVE = Pattern.compile("agents\\s+active (\\d+)");
    private static final Pattern COMPLETED = Pattern.compile("\\bcompleted (\\d+)");
    private static final Pattern THROUGHPUT = Pattern.compile("throughput\\s+(\\d+\\.\\d) tasks/s");
    private static final Pattern BACKLOG = Pattern.compile("(\\d+) messages pending");
    private static final String SESSION = "top";

    @TempDir
    Path dir;

    private final String socket = "hive-top-test-" + UUID.randomUUID();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void needsTmux() {
        assumeTrue(tmuxRuns(), "tmux is not installed (or does not run): the terminal test of hive top needs it");
    }

    @AfterEach
    void stopWhatThisTestStarted() throws Exception {
        for (Process process : started) {
            process.destroyForcibly();
        }
        tmux(Duration.ofSeconds(10), "kill-server");
    }

    /**
     * While a demo of 4 agents and 2000 tasks runs in another process, the pane shows the 4 agents
     * active and a completed count and throughput that move; once the demo is done, its task counts
     * and inbox backlog are those {@code hive status} prints; {@code q} quits with exit code 0 and the
     * shell's screen and terminal modes are back.
     */
    @Test
    void showsALiveDemoOfAnotherProcessMatchesStatusAtTheEndAndQuitsOnQ() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        String blobs = "file:" + dir.resolve("blobs");
        CliRun init = CliRun.run("--storage", storage, "--blob", blobs, "init");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        Path demoLog = dir.resolve("demo.log");
        Process demo = JavaProcess.start(HiveCommand.class, demoLog, "--storage", storage, "--blob", blobs,
                "demo", "--agents", "4", "--tasks", "2000", "--seconds", "240");
        started.add(demo);
        startTop(storage, blobs);

        int mostActive = 0;
        Set<Long> completedSeen = new TreeSet<>();
        double fastest = 0;
        List<String> panes = new ArrayList<>();
        while (demo.isAlive()) {
            String pane = capture();
            if (demo.isAlive() && pane.contains("hive top ")) {
                panes.add(pane);
                mostActive = Math.max(mostActive, number(ACTIVE, pane));
                completedSeen.add((long) number(COMPLETED, pane));
                Matcher throughput = THROUGHPUT.matcher(pane);
                fastest = throughput.find() ? Math.max(fastest, Double.parseDouble(throughput.group(1))) : fastest;
            }
            demo.waitFor(500, TimeUnit.MILLISECONDS);
        }
        String demoOutput = Files.readString(demoLog);
        assertThat(demo.exitValue()).as(demoOutput).isZero();
        assertThat(demoOutput).contains("2000/2000 tasks completed exactly once by 4 agents");
        String seen = String.join("\n----\n", panes);
        assertThat(panes).as("frames drawn from the top-left corner, none left behind, in:%n%s", seen)
                .isNotEmpty().allSatisfy(pane -> assertThat(pane).startsWith("hive top ").containsOnlyOnce("hive top "));
        assertThat(mostActive).as("most agents active on one pane of:%n%s", seen).isEqualTo(4);
        assertThat(completedSeen).as("completed counts seen while the demo ran, on:%n%s", seen)
                .filteredOn(count -> count > 0).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fastest).as("highest throughput seen on:%n%s", seen).isPositive();

        String last = awaitPane(pane -> pane.contains("completed 2000"), "completed 2000 after the demo");
        CliRun status = CliRun.run("--storage", storage, "--blob", blobs, "status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(taskCounts(last, "(?m)\\b%s (\\d+)"))
                .as("tasks on the pane:%n%s%nand in hive status:%n%s", last, status.out())
                .isEqualTo(taskCounts(status.out(), "(?m)^\\s+%s\\s+(\\d+)$"));
        assertThat(number(BACKLOG, last)).isEqualTo(number(Pattern.compile("pending \\(inbox backlog\\)\\s+(\\d+)"),
                status.out()));

        tmux(Duration.ofSeconds(10), "send-keys", "-t", SESSION, "q");
        assertQuitWithZeroAndRestored();
    }

    /** Ctrl-C quits like {@code q}: exit code 0, the shell's screen and terminal modes back. */
    @Test
    void ctrlCQuitsAndRestoresTheTerminal() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        CliRun init = CliRun.run("--storage", storage, "init");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        startTop(storage, "file:" + dir.resolve("blobs"));
        awaitPane(pane -> pane.contains("throughput  0.0 tasks/s"), "a second frame");

        tmux(Duration.ofSeconds(10), "send-keys", "-t", SESSION, "C-c");
        assertQuitWithZeroAndRestored();
    }

    /**
     * Starts {@code hive top} in a new tmux session through a shell script that marks the screen before,
     * then records top's exit code and the terminal's modes after, and stays open to be captured.
     */
    private void startTop(String storage, String blobs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n",
                "export LANG=C.UTF-8",
                "cd " + quote(System.getProperty("user.dir")),
                "echo 'shell before top'",
                quote(java) + " -Xmx256m -XX:TieredStopAtLevel=1 -cp " + quote(System.getProperty("java.class.path"))
                        + " " + HiveCommand.class.getName() + " --storage " + quote(storage) + " --blob " + quote(blobs)
                        + " top --interval 500ms 2> " + quote(dir.resolve("top.err").toString()),
                "code=$?",
                "echo \"top exited with $code\"",
                // One word per mode: isig, icanon and echo, each with a leading '-' when it is off.
                "echo \"modes after top: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?isig' -e '-\\?icanon' -e '-\\?echo'"
                        + " | tr '\\n' ' ')\"",
                "echo \"$code\" > " + quote(dir.resolve("top.exit").toString()),
                "exec sleep 600",
                "");
        Path file = Files.writeString(dir.resolve("top.sh"), script, StandardCharsets.UTF_8);
        tmux(Duration.ofSeconds(10), "new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "sh " + file);
    }

    private void assertQuitWithZeroAndRestored() throws Exception {
        Path exit = dir.resolve("top.exit");
        String pane = awaitPane(text -> Files.exists(exit) && text.contains("modes after top"), "top to exit");
        assertThat(Files.readString(exit).trim()).as("exit code; stderr:%n%s", Files.readString(dir.resolve("top.err")))
                .isEqualTo("0");
        assertThat(pane)
                .as("the shell's screen, not top's, is back")
                .contains("shell before top", "top exited with 0")
                .doesNotContain("hive top ", "throughput");
        assertThat(pane).as("raw mode left").contains("modes after top: isig icanon echo");
    }

    /** Captures the pane until it satisfies {@code done}, for up to a minute; returns that capture. */
    private String awaitPane(Predicate<String> done, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String pane = "";
        while (System.nanoTime() < deadline) {
            pane = capture();
            if (done.test(pane)) {
                return pane;
            }
            Thread.sleep(250);
        }
        return fail("waited a minute for %s; the pane shows:%n%s", what, pane);
    }

    private String capture() throws Exception {
        return tmux(Duration.ofSeconds(10), "capture-pane", "-p", "-t", SESSION);
    }

    private static Map<TaskStatus, Long> taskCounts(String text, String format) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            Matcher matcher = Pattern.compile(String.format(format, status.dbValue())).matcher(text);
            assertThat(matcher.find()).as("%s in:%n%s", status.dbValue(), text).isTrue();
            counts.put(status, Long.parseLong(matcher.group(1)));
        }
        return counts;
    }

    private static int number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Runs a tmux command on this test's own server and returns its output. */
    private String tmux(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("tmux " + String.join(" ", arguments) + " did not finish in " + timeout);
        }
        return output;
    }

    private static boolean tmuxRuns() {
        try {
            Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code text} as one single-quoted shell word. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
