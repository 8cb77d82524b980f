package org.phasic.traces.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, the last column cut to a maximum width on a terminal. */
final class Table {
    /** How much text is handed to the writer at a time (println would flush every line of a long table). */
    private static final int CHUNK = 1 << 16;
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
        StringBuilder chunk = new StringBuilder(CHUNK + 256);
        for (String[] row : rows) {
            int start = chunk.length();
            for (int i = 0; i < columns - 1; i++) {
                chunk.append(row[i]);
                pad(chunk, widths[i] - row[i].length() + 2);
            }
            String last = row[columns - 1];
            chunk.append(last.length() > lastColumnMax ? last.substring(0, lastColumnMax - 3) + "..." : last);
            int end = chunk.length();
            while (end > start && Character.isWhitespace(chunk.charAt(end - 1))) {
                end--;
            }
            chunk.setLength(end);
            chunk.append(System.lineSeparator());
            if (chunk.length() >= CHUNK) {
                out.print(chunk);
                chunk.setLength(0);
            }
        }
        out.print(chunk);
        out.flush();
    }

    private static void pad(StringBuilder line, int spaces) {
        for (int i = 0; i < spaces; i++) {
            line.append(' ');
        }
    }
}
