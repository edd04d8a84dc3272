package dev.agenthive.store.jdbc.transfer;

/**
 * The namespace of {@code TableRowMapper.xml}: for every table {@code T} of {@link KitTables} the
 * statements {@code count_T}, {@code scan_T}, {@code present_T} (parameter {@code keys}: key values
 * in key order) and {@code insert_T} (parameter {@code rows}: values in column order). They are
 * called by id, since one Java method per table and statement would only repeat the XML.
 */
public interface TableRowMapper {

    /** The id of {@code statement} ({@code count}, {@code scan}, {@code present}, {@code insert}) of {@code table}. */
    static String statement(String statement, String table) {
        return TableRowMapper.class.getName() + "." + statement + "_" + table;
    }
}
