package dev.agenthive.core.transfer;

/**
 * What a copy did with one table.
 *
 * @param table          the table
 * @param sourceRows     rows the source held at the copy's point in time
 * @param copied         rows written to the target by this run
 * @param alreadyPresent rows the target held already (an earlier run of a resumed copy wrote them)
 * @param rejected       rows the target cannot hold; each is in the reject file with its reason
 * @param expected       count and checksum the target must show: the source's rows less the rejected
 */
public record TableResult(String table, long sourceRows, long copied, long alreadyPresent, long rejected,
                          TableSummary expected) {
}
