package dev.agenthive.blob.file;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.BlobCorruptedException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The decompressed content of one blob file, hashed as it is read and compared with the id at the
 * end: a mismatch, a frame that cannot be decoded or more bytes than any put accepts is a
 * {@link BlobCorruptedException} naming the blob, so a caller that read to the end without failure
 * holds exactly the content of the id.
 */
final class CheckedBlobStream extends InputStream {
    private final BlobId id;
    private final InputStream zstd;
    private final MessageDigest digest = FileBlobStore.sha256();
    private final long maxBytes;
    private long size;
    private boolean checked;

    CheckedBlobStream(BlobId id, FileChannel channel, long maxBytes) throws IOException {
        this.id = id;
        this.maxBytes = maxBytes;
        this.zstd = new ZstdInputStreamNoFinalizer(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = zstd.read(b, off, len);
        } catch (ClosedChannelException e) {
            // closed or interrupted: the file may be fine
            throw e;
        } catch (IOException e) {
            // the file is local: bytes that cannot be decoded are damaged bytes
            throw new BlobCorruptedException(id.sha256(), "cannot be decoded: " + e.getMessage(), e);
        }
        if (n < 0) {
            checkAtEnd();
            return -1;
        }
        size += n;
        if (size > maxBytes) {
            throw new BlobCorruptedException(id.sha256(), "decodes to more than the limit of " + maxBytes + " bytes");
        }
        digest.update(b, off, n);
        return n;
    }

    private void checkAtEnd() {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(id.sha256())) {
            throw new BlobCorruptedException(id.sha256(), "its content hashes to " + actual + " (" + size + " bytes)");
        }
    }

    @Override
    public void close() throws IOException {
        zstd.close();
    }
}
