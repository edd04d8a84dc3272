package dev.agenthive.tck.cache;

import dev.agenthive.api.cache.CacheCodec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The codec of the contract's string-valued regions. A record, so that two codecs of one charset
 * are equal and a cache sees the same codec when a region is asked for again.
 *
 * @param charset how the strings become bytes
 */
public record StringCodec(Charset charset) implements CacheCodec<String> {

    /** UTF-8, the codec the contract's regions use. */
    public static final StringCodec UTF_8 = new StringCodec(StandardCharsets.UTF_8);

    public StringCodec {
        Objects.requireNonNull(charset, "charset is null");
    }

    @Override
    public byte[] encode(String value) {
        return value.getBytes(charset);
    }

    @Override
    public String decode(byte[] bytes) {
        return new String(bytes, charset);
    }
}
