package dev.agenthive.core.cache;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.agenthive.api.cache.CacheCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Values of a region as JSON, for caches that keep them outside the heap. The domain records are
 * read and written through their fields and canonical constructors, so derived accessors never
 * become properties, and the constructors' checks run again on the way back.
 *
 * @param <V> the type of the values
 */
public final class JacksonCacheCodec<V> implements CacheCodec<V> {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private final JavaType type;

    private JacksonCacheCodec(JavaType type) {
        this.type = type;
    }

    /** Values of one record type. */
    public static <V> JacksonCacheCodec<V> of(Class<V> type) {
        return new JacksonCacheCodec<>(MAPPER.getTypeFactory().constructType(type));
    }

    /** Lists of one record type. */
    public static <E> JacksonCacheCodec<List<E>> listOf(Class<E> element) {
        return new JacksonCacheCodec<>(MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }

    @Override
    public byte[] encode(V value) {
        try {
            return MAPPER.writerFor(type).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a cached " + type, e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a cached " + type, e);
        }
    }
}
