package dev.agenthive.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTest {

    @Test
    void alignsFirstColumnLeftAndNumbersRight() {
        TextTable table = new TextTable("operation", "count").row("claim", 12).row("ack", 3456);

        assertThat(table.render("  ")).containsExactly(
                "  operation  count",
                "  ---------  -----",
                "  claim         12",
                "  ack         3456");
    }

    @Test
    void alignsEveryColumnLeftInATableOfTexts() {
        TextTable table = TextTable.ofTexts("pr", "title", "author").row("#7", "Add hive", "alice").row("#12", "Fix", "bob");

        assertThat(table.render("")).containsExactly(
                "pr   title     author",
                "---  --------  ------",
                "#7   Add hive  alice",
                "#12  Fix       bob");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        TextTable table = new TextTable("a", "b");

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
