package dev.agenthive.store.jdbc.type;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A set of strings (capabilities) as a JSON array, keeping insertion order. */
public class StringSetTypeHandler extends AbstractJsonTypeHandler<Set<String>> {

    /** A handler that binds JSON as text. */
    public StringSetTypeHandler() {
    }

    /** A handler that binds JSON as {@code binding} says. */
    public StringSetTypeHandler(JsonBinding binding) {
        super(binding);
    }

    @Override
    protected String toJson(Set<String> value) {
        return JsonArrays.write(value);
    }

    @Override
    protected Set<String> fromJson(String json) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(JsonArrays.read(json)));
    }
}
