package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, the last column cut to a maximum width on a terminal. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    void row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
    }

    /** Prints the table; the last column is cut to {@code lastColumnMax} only when a person reads it on a terminal. */
    void print(PrintWriter out, int lastColumnMax) {
        printCut(out, Terminals.stdout() ? lastColumnMax : Integer.MAX_VALUE);
    }

    private void printCut(PrintWriter out, int lastColumnMax) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns - 1; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            String last = row[columns - 1];
            line.append(last.length() > lastColumnMax ? last.substring(0, lastColumnMax - 3) + "..." : last);
            out.println(line.toString().stripTrailing());
        }
    }
}
