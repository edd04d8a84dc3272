package dev.agenthive.store.jdbc.blob;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.BlobCorruptedException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks of a blob row as it is read: each way a row can fail to hold its id's content is
 * refused naming the blob, on that read and the next, and only intact content reaches the end.
 */
class InflatingStreamTest {
    private static final byte[] CONTENT = "{\"note\":\"the same every time\"}".repeat(500).getBytes(StandardCharsets.UTF_8);

    @Test
    void intactContentIsReadToTheEnd() throws IOException {
        try (InputStream in = stream(idOf(CONTENT), deflate(CONTENT), CONTENT.length)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void validDataOfAnotherContentIsRefusedByItsHashAtTheEnd() {
        byte[] other = CONTENT.clone();
        other[10] = 'X';
        assertCorrupted(stream(idOf(CONTENT), deflate(other), other.length), "its content hashes to " + idOf(other));
    }

    @Test
    void dataCutShortIsRefused() {
        byte[] deflated = deflate(CONTENT);
        assertCorrupted(stream(idOf(CONTENT), Arrays.copyOf(deflated, deflated.length / 2), CONTENT.length),
                "its compressed data ends early");
    }

    @Test
    void bytesThatAreNoDeflateDataAreRefused() {
        assertCorrupted(stream(idOf(CONTENT), "not deflated".getBytes(StandardCharsets.UTF_8), CONTENT.length),
                "it cannot be inflated");
    }

    @Test
    void moreBytesThanTheRowRecordsAreRefusedBeforeTheyAreAll() {
        assertCorrupted(stream(idOf(CONTENT), deflate(CONTENT), 100), "more than the 100 bytes its row records");
    }

    @Test
    void fewerBytesThanTheRowRecordsAreRefused() {
        assertCorrupted(stream(idOf(CONTENT), deflate(CONTENT), CONTENT.length + 1),
                "it inflates to " + CONTENT.length + " bytes, its row records " + (CONTENT.length + 1));
    }

    @Test
    void aClosedStreamIsNotRead() {
        InflatingStream in = stream(idOf(CONTENT), deflate(CONTENT), CONTENT.length);
        in.close();
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static void assertCorrupted(InflatingStream in, String reason) {
        BlobId id = idOf(CONTENT);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(in::readAllBytes).as("read %d", attempt + 1)
                    .isInstanceOfSatisfying(BlobCorruptedException.class, e -> assertThat(e.blobId()).isEqualTo(id.sha256()))
                    .hasMessageContaining(reason);
        }
        in.close();
    }

    private static InflatingStream stream(BlobId id, byte[] stored, long size) {
        return new InflatingStream(id, new StoredBlob(stored, size));
    }

    private static BlobId idOf(byte[] content) {
        return new BlobId(HexFormat.of().formatHex(JdbcBlobStore.sha256().digest(content)));
    }

    private static byte[] deflate(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
