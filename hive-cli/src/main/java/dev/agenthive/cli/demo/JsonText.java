package dev.agenthive.cli.demo;

import dev.agenthive.api.json.Json;

/** Builds the small flat JSON objects the demo sends, escaping values properly. */
final class JsonText {
    private JsonText() {
    }

    /** A JSON object of string members from alternating names and values. */
    static Json object(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, namesAndValues[i]);
            json.append(':');
            quote(json, namesAndValues[i + 1]);
        }
        return Json.of(json.append('}').toString());
    }

    /** Appends {@code text} as a JSON string. */
    static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
