package dev.agenthive.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The report's header: what was run, when, and on what machine, JVM and database versions. */
final class Environment {
    private Environment() {
    }

    static List<String> describe(String commandLine, BenchSettings settings, List<String> databaseVersions) {
        List<String> lines = new ArrayList<>();
        lines.add("command: `" + commandLine + "`");
        lines.add("mode: " + settings.describe());
        lines.add("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (UTC)");
        lines.add("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, " + totalMemory() + " memory, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        lines.add("java: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", flags: "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        databaseVersions.forEach(version -> lines.add("database: " + version));
        gitCommit().ifPresent(commit -> lines.add("Agent Hive commit: " + commit));
        return lines;
    }

    private static String totalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
            return String.format(Locale.ROOT, "%.1f GiB", bean.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "unknown";
    }

    /** The working directory's git commit, when it is a checkout and git is installed. */
    private static Optional<String> gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(out);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
