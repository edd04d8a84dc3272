package dev.agenthive.core;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.observe.SlowOperation;
import dev.agenthive.core.observe.SlowOperations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the slow calls the {@link SlowOperations} log kept since the last round as events, so that
 * another process ({@code hive top}) can read them from the store: at most
 * {@value SlowOperations#EVENTS_PER_ROUND} {@value SlowOperations#EVENT_TYPE} events per round, the
 * slowest, plus one {@value SlowOperations#OMITTED_EVENT_TYPE} event counting the others, so that a
 * storm of slow calls cannot flood the store. Severity {@code warning}, no agent. Details of
 * {@value SlowOperations#EVENT_TYPE}: {@code {"operation": "tasks.claim", "millis": 412, "outcome":
 * "success", "statements": ["TaskMapper.claim", ...], "endedAt": "2025-01-01T10:00:00.123Z"}}; of
 * {@value SlowOperations#OMITTED_EVENT_TYPE}: {@code {"omitted": 57}}. The slow calls of a round whose
 * write fails are not written again; each was logged when it happened.
 */
final class SlowOperationEvents {
    private final SlowOperations slow;
    private final HiveStore store;
    private final SystemEvents events;
    private final JsonCodec codec;

    /** @param slow the log whose calls are written, or {@code null} when it is off */
    SlowOperationEvents(SlowOperations slow, HiveStore store, SystemEvents events, JsonCodec codec) {
        this.slow = slow;
        this.store = Objects.requireNonNull(store, "store is null");
        this.events = Objects.requireNonNull(events, "events is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
    }

    /** Writes the slow calls not written yet. @return the events written */
    int write() {
        if (slow == null) {
            return 0;
        }
        SlowOperations.Unwritten unwritten = slow.takeUnwritten(SlowOperations.EVENTS_PER_ROUND);
        List<Event> written = new ArrayList<>();
        for (SlowOperation operation : unwritten.operations()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("operation", operation.operation());
            details.put("millis", operation.millis());
            details.put("outcome", operation.outcome());
            details.put("statements", codec.stringArray(operation.statements()));
            details.put("endedAt", operation.endedAt().toString());
            written.add(events.create(SlowOperations.EVENT_TYPE, Severity.WARNING, null, null, details));
        }
        if (unwritten.omitted() > 0) {
            written.add(events.create(SlowOperations.OMITTED_EVENT_TYPE, Severity.WARNING, null, null,
                    Map.of("omitted", unwritten.omitted())));
        }
        if (!written.isEmpty()) {
            store.events().append(written);
        }
        return written.size();
    }
}
