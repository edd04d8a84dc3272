package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeFeed;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The other process of {@link SqliteChangeFeedProcessTest}: opens the store on the file named by the
 * first argument, prints {@code ready}, then answers each line of its standard input: {@code publish}
 * publishes a change and prints {@code published}; {@code catch-up} catches up and prints
 * {@code unknown <n>}, the number of unknown changes reported so far. Closes the store and exits when
 * the input ends.
 */
public final class ChangeFeedProcessMain {
    private ChangeFeedProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteHiveStore store = Stores.open(Path.of(args[0]))) {
            ChangeFeed feed = store.changeFeed().orElseThrow();
            CountingListener told = new CountingListener();
            feed.listen(told);
            System.out.println("ready");
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                switch (line) {
                    case "publish" -> {
                        feed.publish("agents", List.of("agent-of-the-child"));
                        System.out.println("published");
                    }
                    case "catch-up" -> {
                        feed.catchUp();
                        System.out.println("unknown " + told.unknown());
                    }
                    default -> throw new IllegalArgumentException("unknown command: " + line);
                }
            }
        }
    }
}
