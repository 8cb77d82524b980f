package org.phasic.traces.adapter.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.SafePaths;

/**
 * Entry names from the HTML directory listing a path gateway (Kubo, js-ipfs) renders for a UnixFS directory: the
 * links {@code /ipfs/{root}/{name}} (absolute or with an origin). The page is untrusted: names are only candidates,
 * checked with {@link SafePaths}, and the directory re-imported from them must hash to the root.
 */
final class DirectoryListing {
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGIN = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos);");

    private DirectoryListing() {
    }

    /** The distinct safe entry names the page links to below {@code root}, in page order. */
    static List<String> entryNames(String html, Cid root) {
        String prefix = "/ipfs/" + root + "/";
        Set<String> names = new LinkedHashSet<>();
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            String link = unescape(href.group(1) != null ? href.group(1) : href.group(2));
            link = ORIGIN.matcher(link).replaceFirst("");
            int end = indexOfAny(link, '?', '#');
            link = end < 0 ? link : link.substring(0, end);
            if (!link.startsWith(prefix)) {
                continue;
            }
            String rest = link.substring(prefix.length());
            if (rest.isEmpty() || rest.indexOf('/') >= 0) {
                continue;
            }
            String name = percentDecode(rest);
            if (name != null && SafePaths.isSafeName(name)) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private static int indexOfAny(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(match -> {
            String entity = match.group(1);
            String value = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int code = entity.startsWith("#x") || entity.startsWith("#X")
                            ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                    yield Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : "\uFFFD";
                }
            };
            return Matcher.quoteReplacement(value);
        });
    }

    /** Decodes %XX escapes as UTF-8; null for a malformed escape or invalid UTF-8. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
