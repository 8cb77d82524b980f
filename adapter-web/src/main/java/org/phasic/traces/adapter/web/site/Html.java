package org.phasic.traces.adapter.web.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Escaping for text from outside the program (registry entries, query parameters, messages quoting them) written
 * into HTML. One rule serves element content and double- or single-quoted attribute values: {@code & < > " '} become
 * character references, and code points HTML forbids or a reader would not see (control characters other than tab and
 * line feed, noncharacters, unpaired surrogates) become U+FFFD. Nothing else is changed, so letters of any script
 * stay readable.
 */
final class Html {
    private static final char REPLACEMENT = '\uFFFD';
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s<>\"'`\\\\]+", Pattern.CASE_INSENSITIVE);

    private Html() {
    }

    /** {@code text} escaped for element content or a quoted attribute value; the empty string for {@code null}. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            switch (codePoint) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (allowed(codePoint)) {
                        out.appendCodePoint(codePoint);
                    } else {
                        out.append(REPLACEMENT);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code text} percent-encoded as one URL path segment or query value (UTF-8; a space is {@code %20}). */
    static String urlPart(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether {@code url} is an absolute http(s) URL without characters that could leave an attribute. */
    static boolean isHttpUrl(String url) {
        return url != null && HTTP_URL.matcher(url).matches();
    }

    /** {@code value} as a short decimal for display ({@code Locale.ROOT}, at most {@code digits} significant digits). */
    static String number(double value, int digits) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%." + digits + "g", value);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** Appends {@code <div><dt>term</dt><dd>value</dd></div>} ({@code value} escaped) when {@code value} is not blank. */
    static void fact(StringBuilder out, String term, String value) {
        if (value != null && !value.isBlank()) {
            out.append("<div><dt>").append(term).append("</dt><dd>").append(escape(value)).append("</dd></div>");
        }
    }

    private static boolean allowed(int codePoint) {
        if (codePoint == '\t' || codePoint == '\n') {
            return true;
        }
        if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
            return false;
        }
        return !((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE);
    }
}
