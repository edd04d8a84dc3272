package dev.agenthive.cli.top;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.agenthive.api.event.Event;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of an event's details as text for display. Events come from other processes and other
 * versions, so a member may be missing or of another JSON type than expected: each reads as text
 * whatever it holds, and as a placeholder when it is absent.
 */
final class EventDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode details;

    private EventDetails(JsonNode details) {
        this.details = details;
    }

    static EventDetails of(Event event) {
        try {
            return new EventDetails(JSON.readTree(event.details().text()));
        } catch (JsonProcessingException e) {
            // The store validated it as JSON; a reader that cannot parse it shows placeholders.
            return new EventDetails(MissingNode.getInstance());
        }
    }

    /**
     * The member as text: a string as it is, a number or boolean as written, an array's elements joined
     * by commas, an object as JSON, and {@code absent} when the member is missing or {@code null}.
     */
    String text(String member, String absent) {
        JsonNode value = details.path(member);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>(value.size());
            value.forEach(element -> elements.add(element.isValueNode() ? element.asText() : element.toString()));
            return String.join(",", elements);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
