package dev.agenthive.store.jdbc.type;

import java.util.List;

/** A list of strings as a JSON array. */
public class StringListTypeHandler extends AbstractJsonTypeHandler<List<String>> {

    /** A handler that binds JSON as text. */
    public StringListTypeHandler() {
    }

    /** A handler that binds JSON as {@code binding} says. */
    public StringListTypeHandler(JsonBinding binding) {
        super(binding);
    }

    @Override
    protected String toJson(List<String> value) {
        return JsonArrays.write(value);
    }

    @Override
    protected List<String> fromJson(String json) {
        return List.copyOf(JsonArrays.read(json));
    }
}
