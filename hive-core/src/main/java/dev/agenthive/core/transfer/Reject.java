package dev.agenthive.core.transfer;

import java.util.List;

/**
 * A row a target cannot hold, with the reason.
 *
 * @param table  its table
 * @param key    its key values
 * @param reason why the target refused it
 * @param row    its values, in the table's column order
 */
public record Reject(String table, List<Object> key, String reason, List<Object> row) {
}
