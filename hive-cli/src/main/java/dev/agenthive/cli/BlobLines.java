package dev.agenthive.cli;

import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;

import java.io.PrintWriter;
import java.time.Duration;

/** What {@code fsck} and {@code gc} print alike. */
final class BlobLines {
    private BlobLines() {
    }

    /**
     * Prints where the rows and the blobs are; {@code false}, after saying so, when the hive has no
     * blob store (then there is nothing to check or collect).
     */
    static boolean header(PrintWriter out, Hive hive) {
        if (hive.blobs().isEmpty()) {
            out.println("no blob store: no provider on the classpath accepts the default " + HiveConfig.BLOB_URL
                    + ", so there is nothing to do");
            out.flush();
            return false;
        }
        out.println("store  " + hive.location());
        out.println("blobs  " + hive.blobs().get().location());
        out.flush();
        return true;
    }

    /** An age to read at a glance, e.g. {@code 2h 5m}; exact enough to tell it from a gc grace period. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + "h " + seconds % 3_600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3_600 + "h";
    }
}
