package dev.agenthive.core.transfer;

/**
 * The proof of a table's content: its row count and the order-independent checksum of its rows'
 * canonical form (see {@link CanonicalRows}).
 *
 * @param rows     how many rows
 * @param checksum 64 hex digits
 */
public record TableSummary(long rows, String checksum) {
}
