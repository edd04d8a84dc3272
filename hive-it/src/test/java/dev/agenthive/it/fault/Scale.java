package dev.agenthive.it.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The scale of the fault, crash and property tests: reduced in a plain {@code mvn verify}, full under
 * {@code mvn verify -Preliability}, which sets {@code HIVE_TEST_RELIABILITY=true} (an environment
 * variable, so the child JVMs of multi-process tests see it too). Each test reports its figures
 * through {@link #report}, which RELIABILITY.md collects.
 */
public final class Scale {
    /** The environment variable the reliability profile sets. */
    public static final String ENV = "HIVE_TEST_RELIABILITY";
    /** Where {@link #report} appends, relative to the module the tests run in. */
    public static final Path REPORT = Path.of("target", "reliability.txt");

    private Scale() {
    }

    /** Whether this run is the full-scale one. */
    public static boolean full() {
        return Boolean.parseBoolean(System.getenv(ENV));
    }

    /** {@code reduced} in a plain build, {@code full} under the reliability profile. */
    public static int pick(int reduced, int full) {
        return full() ? full : reduced;
    }

    /**
     * Prints one {@code RELIABILITY <scenario> scale=<reduced|full> key=value ...} line and appends it
     * to {@link #REPORT}.
     *
     * @param figures the scenario's short name, then {@code key=value} pairs, separated by spaces,
     *                e.g. {@code "sqlite-crash-loop kills=30 lost=0"}
     */
    public static void report(String figures) {
        int name = figures.indexOf(' ');
        String line = "RELIABILITY " + (name < 0 ? figures : figures.substring(0, name)) + " scale="
                + (full() ? "full" : "reduced") + (name < 0 ? "" : figures.substring(name));
        System.out.println(line);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + REPORT.toAbsolutePath(), e);
        }
    }
}
