package dev.agenthive.api.blob;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The address of a blob: the SHA-256 of its content, as 64 lower-case hexadecimal digits. Nothing
 * else is accepted, so an id can never name a path, a parent folder or anything but a blob.
 *
 * @param sha256 64 lower-case hexadecimal digits
 */
public record BlobId(String sha256) {
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public BlobId {
        Checks.notNull(sha256, "blob.id");
        if (!SHA_256_HEX.matcher(sha256).matches()) {
            throw new InvalidInputException("blob.id", "must be a SHA-256 as 64 lower-case hexadecimal digits, was '"
                    + (sha256.length() > 80 ? sha256.substring(0, 80) + "..." : sha256) + "'");
        }
    }

    /** The id content held whole in memory gets: its SHA-256. Stores that stream content hash as they go. */
    public static BlobId of(byte[] content) {
        Checks.notNull(content, "blob.content");
        try {
            return new BlobId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must implement SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The id written as text, e.g. in a row. */
    public static BlobId parse(String text) {
        return new BlobId(text);
    }

    @Override
    public String toString() {
        return sha256;
    }
}
