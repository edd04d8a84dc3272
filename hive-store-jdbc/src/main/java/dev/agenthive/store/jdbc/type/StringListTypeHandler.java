package dev.agenthive.store.jdbc.type;

import java.util.List;

/** A list of strings as a JSON array. */
public class StringListTypeHandler extends AbstractJsonTypeHandler<List<String>> {

    @Override
    protected String toJson(List<String> value) {
        return JsonArrays.write(value);
    }

    @Override
    protected List<String> fromJson(String json) {
        return List.copyOf(JsonArrays.read(json));
    }
}
