package org.phasic.traces.domain.text;

/**
 * Text from outside the program (a registry entry, a server's answer, a file or archive entry name, a
 * command-line argument) made safe to quote in a one-line message.
 *
 * <p>One escaping rule: every code point a terminal would act on or not show (control characters
 * including ESC, so no ANSI sequence survives; line and paragraph separators; format characters such as
 * bidirectional overrides and zero-width characters; private-use, unassigned and unpaired surrogate code
 * points) is written as a Java escape: {@code \n}, {@code \r}, {@code \t}, otherwise <code>&#92;uXXXX</code>
 * (lower-case hex) per UTF-16 unit. Everything else, including letters of any script and emoji, is kept.
 * The escapes make the text harmless, not reversible: a backslash in the text is kept as it is.
 *
 * <p>One cut-off rule: at most {@value #MAX_SHOWN} code points of the text are shown; when there are more,
 * {@value #CUT_MARK} follows them.
 */
public final class UntrustedText {

    /** Most code points of the text a message shows. */
    public static final int MAX_SHOWN = 120;
    /** What follows the shown part of a longer text. */
    public static final String CUT_MARK = "...";

    private UntrustedText() {
    }

    /**
     * @param text untrusted text, may be {@code null}
     * @return {@code text} escaped and cut off as the class comment says; {@code "null"} for {@code null}
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + CUT_MARK.length());
        int index = 0;
        for (int shown = 0; index < text.length() && shown < MAX_SHOWN; shown++) {
            int codePoint = text.codePointAt(index);
            append(out, codePoint);
            index += Character.charCount(codePoint);
        }
        if (index < text.length()) {
            out.append(CUT_MARK);
        }
        return out.toString();
    }

    /** @return the single character {@code c} made printable by the same rule */
    public static String printable(char c) {
        return printable(String.valueOf(c));
    }

    private static void append(StringBuilder out, int codePoint) {
        if (!needsEscape(codePoint)) {
            out.appendCodePoint(codePoint);
            return;
        }
        switch (codePoint) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                for (char unit : Character.toChars(codePoint)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            }
        }
    }

    private static boolean needsEscape(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> true;
            default -> false;
        };
    }
}
