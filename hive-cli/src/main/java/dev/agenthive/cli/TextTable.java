package dev.agenthive.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table for terminal output: the first column left-aligned, the others
 * right-aligned (they hold numbers), or every column left-aligned for a table of texts
 * ({@link #ofTexts}); columns separated by two spaces, a dashed rule under the header.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean numbersRight;

    public TextTable(String... header) {
        this(true, header);
    }

    private TextTable(boolean numbersRight, String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.of(header);
        this.numbersRight = numbersRight;
    }

    /** A table whose columns all hold text, so every column is left-aligned. */
    public static TextTable ofTexts(String... header) {
        return new TextTable(false, header);
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(Objects.toString(cell, ""));
        }
        rows.add(row);
        return this;
    }

    /** The table as lines without trailing newline, each line indented by {@code indent}. */
    public List<String> render(String indent) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 2);
        lines.add(indent + line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        lines.add(indent + rule);
        for (List<String> row : rows) {
            lines.add(indent + line(row, widths));
        }
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (c == 0) {
                line.append(cell).append(pad);
            } else if (!numbersRight) {
                line.append("  ").append(cell).append(pad);
            } else {
                line.append("  ").append(pad).append(cell);
            }
        }
        return line.toString().stripTrailing();
    }
}
