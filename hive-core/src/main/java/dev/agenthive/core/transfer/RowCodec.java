package dev.agenthive.core.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.TableSpec;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as JSON, losslessly, for backup archives and reject files: text and JSON columns as strings
 * (a JSON column keeps its exact text), integers as numbers, reals as numbers (or the strings
 * {@code NaN}, {@code Infinity}, {@code -Infinity}), instants as ISO-8601 strings.
 */
final class RowCodec {

    private RowCodec() {
    }

    /** Writes {@code row} as a JSON array of its values in column order. */
    static void writeArray(JsonGenerator out, TableSpec table, List<Object> row) throws IOException {
        out.writeStartArray();
        for (int i = 0; i < row.size(); i++) {
            writeValue(out, table.columns().get(i), row.get(i));
        }
        out.writeEndArray();
    }

    /** Writes {@code row} as a JSON object of column name to value. */
    static void writeObject(JsonGenerator out, TableSpec table, List<Object> row) throws IOException {
        out.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            out.writeFieldName(table.columns().get(i).name());
            writeValue(out, table.columns().get(i), row.get(i));
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, Column column, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (column.type()) {
            case TEXT, JSON -> out.writeString((String) value);
            case INTEGER -> out.writeNumber((Long) value);
            case REAL -> {
                double real = (Double) value;
                if (Double.isFinite(real)) {
                    out.writeNumber(real);
                } else {
                    out.writeString(Double.toString(real));
                }
            }
            case INSTANT -> out.writeString(value.toString());
        }
    }

    /**
     * Reads a row written by {@link #writeArray}.
     *
     * @throws InvalidInputException the node is not such a row of {@code table}
     */
    static List<Object> readArray(TableSpec table, JsonNode node) {
        if (!node.isArray() || node.size() != table.columns().size()) {
            throw new InvalidInputException(table.name(), "a row must be an array of " + table.columns().size()
                    + " values");
        }
        List<Object> row = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            row.add(readValue(table, table.columns().get(i), node.get(i)));
        }
        return row;
    }

    /** Reads a row written by {@link #writeObject}; a missing column is {@code null}. */
    static List<Object> readObject(TableSpec table, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(table.name(), "a row must be an object of column values");
        }
        List<Object> row = new ArrayList<>(table.columns().size());
        for (Column column : table.columns()) {
            JsonNode value = node.get(column.name());
            row.add(value == null ? null : readValue(table, column, value));
        }
        return row;
    }

    private static Object readValue(TableSpec table, Column column, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        String field = table.name() + "." + column.name();
        switch (column.type()) {
            case TEXT, JSON -> {
                if (!value.isTextual()) {
                    throw new InvalidInputException(field, "must be a string");
                }
                return value.textValue();
            }
            case INTEGER -> {
                if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                    throw new InvalidInputException(field, "must be a 64-bit integer");
                }
                return value.longValue();
            }
            case REAL -> {
                if (value.isNumber()) {
                    return value.doubleValue();
                }
                if (value.isTextual()) {
                    try {
                        return Double.parseDouble(value.textValue());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(field, "must be a number", e);
                    }
                }
                throw new InvalidInputException(field, "must be a number");
            }
            case INSTANT -> {
                try {
                    return Instant.parse(value.asText());
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(field, "must be an ISO-8601 instant", e);
                }
            }
            default -> throw new IllegalStateException("unknown column type " + column.type());
        }
    }
}
