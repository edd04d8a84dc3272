package dev.agenthive.api.memory;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** The JSON type of a shared-memory value, derived from the value. Stored lower-case. */
public enum JsonType {
    OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JsonType parse(String value) {
        if (value != null) {
            for (JsonType type : values()) {
                if (type.dbValue().equalsIgnoreCase(value.trim())) {
                    return type;
                }
            }
        }
        throw new InvalidInputException("memory.dataType", "must be one of "
                + Arrays.stream(values()).map(JsonType::dbValue).toList() + ", was '" + value + "'");
    }
}
