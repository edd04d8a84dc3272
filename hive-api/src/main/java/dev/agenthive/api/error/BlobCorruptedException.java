package dev.agenthive.api.error;

/**
 * A stored blob does not match its address: its bytes were changed, cut short or cannot be
 * decoded. The content is never returned; the message names the blob.
 */
public class BlobCorruptedException extends HiveException {
    private final String blobId;

    public BlobCorruptedException(String blobId, String reason) {
        this(blobId, reason, null);
    }

    public BlobCorruptedException(String blobId, String reason, Throwable cause) {
        super(ErrorCode.CORRUPTED, "blob " + blobId + " is corrupted: " + reason, cause);
        this.blobId = blobId;
    }

    /** The address of the corrupted blob. */
    public String blobId() {
        return blobId;
    }
}
