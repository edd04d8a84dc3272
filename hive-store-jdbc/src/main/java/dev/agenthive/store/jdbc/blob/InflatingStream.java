package dev.agenthive.store.jdbc.blob;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.BlobCorruptedException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The content of one blob row, inflated as it is read, hashed, and compared with the id and the size
 * the row records at the end. Data that cannot be inflated, more bytes than the row records, or a
 * hash that differs is a {@link BlobCorruptedException} naming the blob, on that read and every one
 * after it, so a caller that read to the end without failure holds exactly the content of the id.
 */
final class InflatingStream extends InputStream {
    private final BlobId id;
    private final long size;
    private final Inflater inflater = new Inflater();
    private final MessageDigest digest = JdbcBlobStore.sha256();
    private long inflated;
    /** Why the content is not the id's, once found. */
    private String corruption;
    private boolean ended;
    private boolean closed;

    InflatingStream(BlobId id, StoredBlob stored) {
        this.id = id;
        this.size = stored.size();
        inflater.setInput(stored.content());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the stream of blob " + id + " is closed");
        }
        if (corruption != null) {
            throw corrupted(null);
        }
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = inflate(b, off, len);
        if (n < 0) {
            ended = true;
            checkAtEnd();
            return -1;
        }
        inflated += n;
        if (inflated > size) {
            corruption = "it inflates to more than the " + size + " bytes its row records";
            throw corrupted(null);
        }
        digest.update(b, off, n);
        return n;
    }

    private void checkAtEnd() {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(id.sha256())) {
            corruption = "its content hashes to " + actual + " (" + inflated + " bytes)";
        } else if (inflated != size) {
            corruption = "it inflates to " + inflated + " bytes, its row records " + size;
        }
        if (corruption != null) {
            throw corrupted(null);
        }
    }

    /** Bytes inflated into {@code b}, at least one, or -1 at the end of the compressed data. */
    private int inflate(byte[] b, int off, int len) {
        try {
            while (true) {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    return -1;
                }
                if (inflater.needsInput() || inflater.needsDictionary()) {
                    corruption = "its compressed data ends early";
                    throw corrupted(null);
                }
            }
        } catch (DataFormatException e) {
            corruption = "it cannot be inflated: " + e.getMessage();
            throw corrupted(e);
        }
    }

    private BlobCorruptedException corrupted(Throwable cause) {
        return new BlobCorruptedException(id.sha256(), corruption, cause);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
