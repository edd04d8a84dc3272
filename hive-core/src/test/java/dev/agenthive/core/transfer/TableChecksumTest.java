package dev.agenthive.core.transfer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TableChecksumTest {
    private static final byte[] A = sha256("a");
    private static final byte[] B = sha256("b");
    private static final byte[] C = sha256("c");

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static TableSummary of(byte[]... hashes) {
        TableChecksum checksum = new TableChecksum();
        for (byte[] hash : hashes) {
            checksum.add(hash);
        }
        return checksum.summary();
    }

    @Test
    void theOrderOfRowsDoesNotMatter() {
        assertThat(of(A, B, C)).isEqualTo(of(C, A, B)).isEqualTo(of(B, C, A));
        assertThat(of(A, B, C).rows()).isEqualTo(3);
        assertThat(of(A, B, C).checksum()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void differentRowsGiveDifferentChecksums() {
        assertThat(of(A, B)).isNotEqualTo(of(A, C));
        assertThat(of()).isEqualTo(new TableSummary(0, "0".repeat(64)));
    }

    @Test
    void aDoubledRowChangesTheChecksum() {
        // With an XOR the pair would cancel out, and a table holding A, B, B would prove as A alone
        // (the count still differs, but not if another row went missing: A, B, B against A, C).
        assertThat(of(A, B, B).checksum()).isNotEqualTo(of(A).checksum());
        assertThat(of(A, B, B).checksum()).isNotEqualTo(of(A, C, C).checksum());
        assertThat(of(A, A)).isNotEqualTo(of(B, B));
    }

    @Test
    void removeUndoesAdd() {
        TableChecksum checksum = new TableChecksum();
        checksum.add(A);
        checksum.add(B);
        checksum.add(C);
        checksum.remove(B);

        assertThat(checksum.summary()).isEqualTo(of(A, C));
        assertThat(checksum.rows()).isEqualTo(2);

        checksum.remove(A);
        checksum.remove(C);
        assertThat(checksum.summary()).isEqualTo(of());
    }

    @Test
    void theSumWrapsAroundModulo2To256() {
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        byte[] one = new byte[32];
        one[31] = 1;

        // (2^256 - 1) + 1 wraps to 0; with three rows it must still print as 64 digits.
        assertThat(of(max, one, one).checksum()).isEqualTo("0".repeat(63) + "1");
        TableChecksum checksum = new TableChecksum();
        checksum.add(one);
        checksum.remove(max);
        assertThat(checksum.hex()).as("a removal below zero wraps too").isEqualTo("0".repeat(63) + "2");
    }
}
