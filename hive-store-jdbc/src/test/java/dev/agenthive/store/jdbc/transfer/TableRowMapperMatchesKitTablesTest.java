package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.TableSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements of {@code TableRowMapper.xml} are written out per table; this keeps each one's column
 * list equal to {@link KitTables}, in the same order, so that a row's values land in their columns.
 */
class TableRowMapperMatchesKitTablesTest {

    @Test
    void everyTableHasItsFourStatementsOverExactlyItsColumnsInOrder() throws IOException {
        String xml = mapperXml();
        List<String> ids = new ArrayList<>();
        Matcher statementIds = Pattern.compile("<(?:select|insert) id=\"(\\w+)\"").matcher(xml);
        while (statementIds.find()) {
            ids.add(statementIds.group(1));
        }
        List<String> expectedIds = new ArrayList<>();
        for (TableSpec table : KitTables.ALL) {
            String name = table.name();
            expectedIds.addAll(List.of("count_" + name, "scan_" + name, "present_" + name, "insert_" + name));
            List<String> columns = table.columns().stream().map(Column::name).toList();

            assertThat(flat(body(xml, "select", "count_" + name))).isEqualTo("SELECT COUNT(*) FROM " + name);
            assertThat(flat(body(xml, "select", "scan_" + name)))
                    .isEqualTo("SELECT " + String.join(", ", columns) + " FROM " + name);

            String insert = flat(body(xml, "insert", "insert_" + name));
            assertThat(insert).startsWith("INSERT INTO " + name + " (" + String.join(", ", columns) + ")");
            String values = String.join(", ", columns.stream().map(column -> "#{row." + column + "}").toList());
            assertThat(insert).endsWith("(" + values + ")</foreach>");

            String present = flat(body(xml, "select", "present_" + name));
            assertThat(present).startsWith("SELECT " + String.join(", ", table.key()) + " FROM " + name + " WHERE");
            for (int i = 0; i < table.key().size(); i++) {
                String column = table.key().get(i);
                boolean nullable = table.columns().get(table.index(column)).nullable();
                assertThat(present).as("%s key column %s", name, column).contains(column + " = #{key." + column + "}");
                assertThat(present.contains(column + " IS NULL")).as("%s: a nullable key column also matches NULL", column)
                        .isEqualTo(nullable);
            }
        }
        assertThat(ids).containsExactlyElementsOf(expectedIds);
    }

    private static String body(String xml, String element, String id) {
        Matcher matcher = Pattern.compile("<" + element + " id=\"" + id + "\"[^>]*>(.*?)</" + element + ">", Pattern.DOTALL)
                .matcher(xml);
        assertThat(matcher.find()).as("statement %s", id).isTrue();
        return matcher.group(1);
    }

    private static String flat(String sql) {
        return sql.replaceAll("\\s+", " ").replace("( ", "(").strip();
    }

    private static String mapperXml() throws IOException {
        try (InputStream in = TableRowMapper.class.getResourceAsStream("TableRowMapper.xml")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
