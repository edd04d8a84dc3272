package dev.agenthive.core.transfer;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The row count and an order-independent checksum of a table: the sum, modulo 2^256, of the SHA-256
 * of each row's canonical form. A sum rather than an XOR, so that a row stored twice changes it.
 * Not thread-safe; one per scan.
 */
final class TableChecksum {
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private long rows;
    private BigInteger sum = BigInteger.ZERO;

    void add(byte[] rowHash) {
        rows++;
        sum = sum.add(new BigInteger(1, rowHash));
        if (sum.bitLength() > 256) {
            sum = sum.mod(MODULUS);
        }
    }

    /** Takes a row added before out again, as if it had never been added. */
    void remove(byte[] rowHash) {
        rows--;
        sum = sum.subtract(new BigInteger(1, rowHash)).mod(MODULUS);
    }

    TableSummary summary() {
        return new TableSummary(rows, hex());
    }

    long rows() {
        return rows;
    }

    /** The checksum as 64 hex digits. */
    String hex() {
        byte[] bytes = sum.mod(MODULUS).toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return HexFormat.of().formatHex(fixed);
    }
}
