package dev.agenthive.store.jdbc.type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.error.StorageUnavailableException;

import java.util.Collection;
import java.util.List;

/** Strings collections as JSON array text, with Jackson doing the escaping. */
public final class JsonArrays {
    // ObjectMapper is thread-safe once configured and never reconfigured here.
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private JsonArrays() {
    }

    /** The JSON array text of the strings, in iteration order. */
    public static String write(Collection<String> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    /** The strings of a JSON array text. */
    public static List<String> read(String json) {
        try {
            List<String> values = MAPPER.readValue(json, STRING_LIST);
            return values == null ? List.of() : values;
        } catch (JsonProcessingException e) {
            throw new StorageUnavailableException("stored value is not a JSON array of strings: " + json, e);
        }
    }
}
