package dev.agenthive.api.blob;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobIdTest {

    @Test
    void ofIsTheSha256OfTheContent() {
        // FIPS 180-2 test vector
        assertThat(BlobId.of("abc".getBytes(StandardCharsets.US_ASCII)).sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(BlobId.of(new byte[0]).sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void ofRefusesNullContentNamingTheField() {
        assertThatThrownBy(() -> BlobId.of(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("blob.content");
    }
}
