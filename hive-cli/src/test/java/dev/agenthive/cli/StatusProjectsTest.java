package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
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

/** {@code hive status} lists active projects and epics with their progress, and the failing checkpoints. */
class StatusProjectsTest {

    @TempDir
    Path dir;

    @Test
    void statusShowsProjectProgressAndFailingCheckpoints() throws Exception {
        String storage = "sqlite:" + dir.resolve("hive.db");
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).maintenanceInterval(Duration.ZERO).build();
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("coder", "coder", Set.of()));
            Project project = hive.projects().create(NewProject.project("Parser rewrite"));
            Project epic = hive.projects().create(NewProject.epic(project.id(), "Lexer"));
            hive.projects().create(NewProject.project("Empty idea"));
            for (int i = 0; i < 4; i++) {
                Task task = hive.tasks().enqueue(NewTask.builder("task " + i).priority(10 - i).build());
                hive.projects().addTask(i < 2 ? epic.id() : project.id(), task.id());
            }
            Task claimed = hive.tasks().claim("coder", 1, Duration.ZERO).get(0);
            hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
            var gate = hive.checkpoints().create(new NewCheckpoint(project.id(), "all tasks done",
                    CheckpointKind.MILESTONE, Json.of("{\"all\":[{\"type\":\"tasks_completed\"}]}")));
            assertThat(hive.checkpoints().evaluate(gate.id()).status()).isEqualTo(CheckpointStatus.FAILED);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute("--storage", storage, "status");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("active projects\\s+kind\\s+completed/total\\s+percent")
                .containsPattern("Parser rewrite\\s+project\\s+1/4\\s+25\\.0%")
                .containsPattern("Lexer\\s+epic\\s+1/2\\s+50\\.0%")
                .containsPattern("Empty idea\\s+project\\s+0/0\\s+0\\.0%")
                .containsPattern("failing checkpoints\\s+kind\\s+project\\s+evaluated at")
                .containsPattern("all tasks done\\s+milestone\\s+Parser rewrite\\s+20\\d\\d-");
    }

    @Test
    void statusOfAFreshStoreShowsEmptyProjectAndCheckpointTables() {
        String storage = "sqlite:" + dir.resolve("fresh.db");
        StringWriter out = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of())
                .execute("--storage", storage, "status");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("active projects").contains("failing checkpoints");
    }
}
