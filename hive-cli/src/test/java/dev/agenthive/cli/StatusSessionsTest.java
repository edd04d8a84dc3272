package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sessions section of {@code hive status}: active sessions with agent, tokens, window, usage and level. */
class StatusSessionsTest {
    @TempDir
    Path dir;

    @Test
    void statusListsActiveSessionsWithTheirUsage() {
        String storage = "sqlite:" + dir.resolve("hive.db");
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).maintenanceInterval(Duration.ZERO).build();
        try (Hive hive = Hive.open(config)) {
            for (String agent : new String[] {"coder-1", "coder-2", "reviewer"}) {
                hive.agents().register(AgentRegistration.of(agent, "coder", Set.of()));
            }
            hive.sessions().start("coder-1", 1000);
            hive.sessions().recordTokens("coder-1", 873);
            hive.sessions().start("coder-2", 200_000);
            hive.sessions().recordTokens("coder-2", 1500);
            hive.sessions().start("reviewer", 100);
            hive.sessions().end("reviewer");
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute("--storage", storage, "status");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("active sessions \\(agent\\)\\s+tokens\\s+max tokens\\s+usage %\\s+level")
                .containsPattern("coder-1\\s+873\\s+1000\\s+87\\.3\\s+critical")
                .containsPattern("coder-2\\s+1500\\s+200000\\s+0\\.8\\s+normal")
                .doesNotContain("reviewer");
    }

    @Test
    void statusOfAFreshStoreShowsAnEmptySessionsTable() {
        String storage = "sqlite:" + dir.resolve("fresh.db");
        StringWriter out = new StringWriter();

        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of())
                .execute("--storage", storage, "status");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).containsPattern("active sessions \\(agent\\)\\s+tokens").doesNotContain("more than");
    }
}
