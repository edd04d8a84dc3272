package dev.agenthive.cli;

import dev.agenthive.api.task.NewTask;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hive status} lists the alerts raised now, from the state every process shares. */
class StatusAlertsTest {
    @TempDir
    Path dir;

    @Test
    void statusListsTheRaisedAlertsOfAnotherProcesssRules() {
        String storage = "sqlite:" + dir.resolve("hive.db");
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).maintenanceInterval(Duration.ZERO)
                .set("hive.alert.deep-queue.source", "query:queue.depth")
                .set("hive.alert.deep-queue.threshold", "5")
                .set("hive.alert.deep-queue.severity", "critical")
                .build();
        try (Hive hive = Hive.open(config)) {
            for (int i = 0; i < 10; i++) {
                hive.tasks().enqueue(NewTask.builder("task " + i).build());
            }
            hive.runMaintenance();
        }

        String status = status(storage);

        assertThat(status).containsPattern("active alerts\\s+severity\\s+since\\s+value\\s+threshold\\s+source")
                .containsPattern("deep-queue\\s+critical\\s+20\\d\\d-\\S+Z\\s+10\\s+5\\s+query:queue\\.depth");
    }

    @Test
    void statusSaysWhenNoAlertIsRaised() {
        assertThat(status("sqlite:" + dir.resolve("quiet.db"))).contains("active alerts: none");
    }

    private static String status(String storage) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute("--storage", storage, "status");
        assertThat(exitCode).as(err.toString()).isZero();
        return out.toString();
    }
}
