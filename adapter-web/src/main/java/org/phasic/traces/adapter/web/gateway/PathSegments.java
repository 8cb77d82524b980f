package org.phasic.traces.adapter.web.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The segments of a raw (still percent-encoded) URL path, decoded one by one as strict UTF-8, so an encoded
 * {@code %2F} stays inside its segment. Empty, {@code .} and {@code ..} segments (encoded or not) are refused: a
 * gateway path names entries, never moves up.
 */
final class PathSegments {
    private PathSegments() {
    }

    /** The decoded segments of {@code raw} (one trailing '/' allowed), or empty when one is malformed or unsafe. */
    static Optional<List<String>> decode(String raw) {
        String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> segments = new ArrayList<>();
        for (String encoded : path.split("/", -1)) {
            Optional<String> segment = decodeSegment(encoded);
            if (segment.isEmpty() || segment.get().isEmpty() || segment.get().equals(".") || segment.get().equals("..")
                    || segment.get().indexOf('/') >= 0 || segment.get().indexOf('\0') >= 0) {
                return Optional.empty();
            }
            segments.add(segment.get());
        }
        return Optional.of(segments);
    }

    private static Optional<String> decodeSegment(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** {@code segment} percent-encoded for a URL path (unreserved characters kept). */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
