package dev.agenthive.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether a JSON text read back is the document that was stored: the same values, whatever the
 * whitespace and the order of keys, since PostgreSQL's jsonb keeps neither. Thread-safe.
 */
final class SameJson {
    private final ObjectMapper mapper = new ObjectMapper();

    boolean test(String stored, String readBack) throws JsonProcessingException {
        return readBack != null && mapper.readTree(stored).equals(mapper.readTree(readBack));
    }
}
