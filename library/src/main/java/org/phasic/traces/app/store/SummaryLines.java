package org.phasic.traces.app.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceSummary;

/**
 * One {@link TraceSummary} per line, fields separated by tabs: id, cid, description, checksum, license, superseded
 * by, defect, then (when the entry has metadata) model type, domain, variant, parameter count, vertices, metadata
 * description and the tags. A backslash escapes itself, tab, line feed and carriage return, {@code \\uXXXX} is a
 * surrogate without its pair (which UTF-8 cannot carry), and {@code \N} is null.
 */
final class SummaryLines {
    private static final String NULL = "\\N";
    private static final int PLAIN_FIELDS = 7;
    private static final int METADATA_FIELDS = 13;

    private SummaryLines() {
    }

    /** Appends the line of {@code summary} (with its line feed) to {@code out}. */
    static void append(StringBuilder out, TraceSummary summary) {
        out.append(summary.id().value());
        for (String text : new String[] {summary.cid(), summary.description(), summary.checksum(), summary.license(),
                summary.supersededBy(), summary.defect()}) {
            field(out, text);
        }
        TraceSummary.Metadata metadata = summary.metadata();
        if (metadata != null) {
            for (String text : new String[] {metadata.modelType(), metadata.domain(), metadata.variant(),
                    number(metadata.paramLength()), number(metadata.vertices()), metadata.description()}) {
                field(out, text);
            }
            metadata.tags().forEach(tag -> field(out, tag));
        }
        out.append('\n');
    }

    /**
     * Reads the lines of one file of summaries. A field whose bytes are those of the same field on the line before
     * gets that line's string again: columns such as the licence, the domain or a null repeat from entry to entry, and
     * a large registry then costs far fewer strings.
     */
    static final class Parser {
        private static final int REMEMBERED = 16;
        private final byte[] bytes;
        private final int[] starts = new int[REMEMBERED];
        private final int[] ends = new int[REMEMBERED];
        private final String[] values = new String[REMEMBERED];

        /** @param bytes the file, in UTF-8 */
        Parser(byte[] bytes) {
            this.bytes = bytes;
        }

        /** The summary on the line {@code [from, to)} (without its line feed), or throws {@link IllegalArgumentException} when the line is not one. */
        TraceSummary parse(int from, int to) {
            List<String> fields = split(from, to);
            if (fields.size() != PLAIN_FIELDS && fields.size() < METADATA_FIELDS) {
                throw new IllegalArgumentException("expected " + PLAIN_FIELDS + " or at least " + METADATA_FIELDS + " fields");
            }
            TraceSummary.Metadata metadata = null;
            if (fields.size() >= METADATA_FIELDS) {
                metadata = new TraceSummary.Metadata(fields.get(7), fields.get(8), fields.get(9), integer(fields.get(10)),
                        integer(fields.get(11)), fields.get(12), fields.subList(METADATA_FIELDS, fields.size()));
            }
            return new TraceSummary(TraceId.of(fields.get(0)), fields.get(1), fields.get(2), metadata, fields.get(3),
                    fields.get(4), fields.get(5), fields.get(6));
        }

        private List<String> split(int from, int to) {
            List<String> fields = new ArrayList<>(16);
            int start = from;
            boolean escaped = false;
            for (int at = from; at <= to; at++) {
                if (at == to || bytes[at] == '\t') {
                    fields.add(field(fields.size(), start, at, escaped));
                    start = at + 1;
                    escaped = false;
                } else if (bytes[at] == '\\') {
                    escaped = true;
                }
            }
            return fields;
        }

        private String field(int index, int start, int end, boolean escaped) {
            boolean remembered = index < REMEMBERED;
            if (remembered && ends[index] > 0 && Arrays.equals(bytes, start, end, bytes, starts[index], ends[index])) {
                return values[index];
            }
            String value;
            if (end - start == 2 && bytes[start] == '\\' && bytes[start + 1] == 'N') {
                value = null;
            } else {
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                value = escaped ? unescape(text) : text;
            }
            if (remembered) {
                starts[index] = start;
                ends[index] = end;
                values[index] = value;
            }
            return value;
        }
    }

    private static String number(Integer value) {
        return value == null ? null : value.toString();
    }

    private static Integer integer(String text) {
        return text == null ? null : Integer.valueOf(text);
    }

    private static void field(StringBuilder out, String text) {
        out.append('\t');
        if (text == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static char surrogate(String field, int from) {
        if (from + 4 > field.length()) {
            throw new IllegalArgumentException("a \\u escape needs four hex digits");
        }
        char c = (char) Integer.parseInt(field.substring(from, from + 4), 16);
        if (!Character.isSurrogate(c)) {
            throw new IllegalArgumentException("\\u escapes only surrogates");
        }
        return c;
    }

    private static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (++i == field.length()) {
                throw new IllegalArgumentException("a field ends in a lone backslash");
            }
            text.append(switch (field.charAt(i)) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'u' -> surrogate(field, i + 1);
                default -> throw new IllegalArgumentException("unknown escape \\" + field.charAt(i));
            });
            if (field.charAt(i) == 'u') {
                i += 4;
            }
        }
        return text.toString();
    }
}
