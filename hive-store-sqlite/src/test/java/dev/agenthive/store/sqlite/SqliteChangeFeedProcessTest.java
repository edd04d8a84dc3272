package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared change counter between this JVM and a real second process on the same database file. */
class SqliteChangeFeedProcessTest {
    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachProcessSeesTheOthersPublicationOnItsNextCatchUpAndNeverItsOwn() throws Exception {
        Path file = dir.resolve("hive.db");
        try (SqliteHiveStore store = Stores.open(file)) {
            ChangeFeed feed = store.changeFeed().orElseThrow();
            CountingListener told = new CountingListener();
            feed.listen(told);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            child = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), ChangeFeedProcessMain.class.getName(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Writer commands = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            assertThat(answers.readLine()).isEqualTo("ready");
            feed.catchUp();
            assertThat(told.unknown()).as("opening the store in the child published nothing").isZero();

            assertThat(ask(commands, answers, "publish")).isEqualTo("published");
            feed.catchUp();
            assertThat(told.unknown()).as("the first catch-up after the child's acknowledgement").isEqualTo(1);
            feed.catchUp();
            assertThat(told.unknown()).as("reported once").isEqualTo(1);
            assertThat(ask(commands, answers, "catch-up")).as("the child's own publication").isEqualTo("unknown 0");

            feed.publish("tasks", List.of("task-of-the-parent"));
            assertThat(ask(commands, answers, "catch-up")).isEqualTo("unknown 1");
            assertThat(ask(commands, answers, "catch-up")).isEqualTo("unknown 1");
            feed.catchUp();
            assertThat(told.unknown()).as("the parent's own publication").isEqualTo(1);

            commands.close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        }
    }

    private static String ask(Writer commands, BufferedReader answers, String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        return answers.readLine();
    }
}
