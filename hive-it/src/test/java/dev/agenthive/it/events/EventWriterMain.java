package dev.agenthive.it.events;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.process.Stores;

/**
 * A writer process of {@link FollowWhileWritingTest}: {@code <url> <name> <threads> <operations>
 * <holdMillis> <seed>}. Prints one {@code COMMITTED id} or {@code ROLLED_BACK id} line per event and
 * {@code DONE} at the end.
 */
public final class EventWriterMain {
    private EventWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        try (HiveStore store = Stores.open(args[0])) {
            EventWriters writers = new EventWriters(store, args[1], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Long.parseLong(args[5]));
            writers.run(Integer.parseInt(args[2]));
            StringBuilder out = new StringBuilder();
            writers.committed.forEach(id -> out.append("COMMITTED ").append(id).append('\n'));
            writers.rolledBack.forEach(id -> out.append("ROLLED_BACK ").append(id).append('\n'));
            out.append("HELD ").append(writers.held.get()).append('\n');
            System.out.print(out);
            System.out.println("DONE");
        }
        System.exit(0);
    }
}
