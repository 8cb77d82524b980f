package org.phasic.traces.domain.unixfs;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.phasic.traces.domain.cid.UnsafePathException;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Checks untrusted entry names (UnixFS directory entries, tar entries) before they touch a file system.
 * A safe name is one path component that means the same thing under POSIX and Windows: not empty, not
 * {@code .} or {@code ..}, no {@code /}, {@code \} (so no UNC prefix), NUL, control characters or
 * {@code :} (drive letters, alternate data streams), not a Windows device name ({@code CON}, {@code NUL},
 * {@code COM1} ...), no trailing dot or space, at most 255 UTF-8 bytes. Resolution also checks, after
 * {@link Path#normalize()}, that the result stays inside the target folder.
 */
public final class SafePaths {

    /** Longest name accepted, in UTF-8 bytes (the common file-system limit). */
    public static final int MAX_NAME_BYTES = 255;

    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafePaths() {
    }

    /**
     * @return {@code name} if it is a safe single path component
     * @throws UnsafePathException saying why it is not
     */
    public static String requireSafeName(String name) {
        String reason = unsafeReason(name);
        if (reason != null) {
            throw new UnsafePathException("unsafe entry name " + quote(name) + ": " + reason);
        }
        return name;
    }

    public static boolean isSafeName(String name) {
        return unsafeReason(name) == null;
    }

    /**
     * Resolves one untrusted entry name inside {@code dir}.
     *
     * @return a normalized absolute path whose parent is {@code dir}
     * @throws UnsafePathException if the name is unsafe or the result would leave {@code dir}
     */
    public static Path resolveChild(Path dir, String name) {
        requireSafeName(name);
        return resolveInside(dir, name, name);
    }

    /**
     * Resolves an untrusted '/'-separated relative path (a tar entry such as {@code QmRoot/trace.json.gz};
     * one trailing '/' allowed) inside {@code dir}, checking every component.
     *
     * @throws UnsafePathException if it is absolute, has an empty or unsafe component, or leaves {@code dir}
     */
    public static Path resolveRelative(Path dir, String relativePath) {
        if (relativePath == null || relativePath.isEmpty()) {
            throw new UnsafePathException("unsafe path " + quote(relativePath) + ": empty");
        }
        if (relativePath.startsWith("/")) {
            throw new UnsafePathException("unsafe path " + quote(relativePath) + ": absolute");
        }
        String trimmed = relativePath.endsWith("/") ? relativePath.substring(0, relativePath.length() - 1)
                : relativePath;
        for (String component : trimmed.split("/", -1)) {
            String reason = unsafeReason(component);
            if (reason != null) {
                throw new UnsafePathException("unsafe path " + quote(relativePath) + ": component "
                        + quote(component) + " " + reason);
            }
        }
        return resolveInside(dir, trimmed, relativePath);
    }

    private static Path resolveInside(Path dir, String relative, String original) {
        Path base = dir.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            String encodingProblem = unrepresentableReason(original);
            throw new UnsafePathException(encodingProblem != null ? encodingProblem
                    : "unsafe path " + quote(original) + ": not a valid file name here (" + e.getReason() + ")");
        }
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new UnsafePathException("unsafe path " + quote(original) + ": resolves outside " + base);
        }
        return resolved;
    }

    /**
     * Why this JVM cannot use {@code name} as a file name although it may be a fine name: its file-name encoding
     * ({@code sun.jnu.encoding}, set by the locale; ASCII when {@code LANG}/{@code LC_ALL} are unset) cannot
     * represent it, or it holds U+FFFD, which is what a name read from disk becomes when that encoding cannot
     * decode it. Null if neither. The name is shown with non-ASCII characters escaped, as such a console cannot
     * show them either.
     *
     * @return a sentence saying why and what to do (use a UTF-8 locale), or null
     */
    public static String unrepresentableReason(String name) {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        boolean representable;
        try {
            representable = !Charset.isSupported(encoding) || Charset.forName(encoding).newEncoder().canEncode(name);
        } catch (IllegalArgumentException unknownName) {
            representable = true;
        }
        if (representable && name.indexOf('\uFFFD') < 0) {
            return null;
        }
        StringBuilder escaped = new StringBuilder();
        name.codePoints().limit(100).forEach(cp -> escaped.append(cp >= 0x20 && cp < 0x7F ? Character.toString(cp)
                : String.format(Locale.ROOT, "\\u%04x", cp)));
        return "the file name '" + escaped + "' cannot be used here: this Java's file-name encoding (" + encoding
                + ", from the locale) cannot represent or decode it; run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";
    }

    private static String unsafeReason(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "refers to the current or parent directory";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0))) {
            return "starts with a drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String problem = switch (c) {
                case '/' -> "contains '/'";
                case '\\' -> "contains '\\' (a Windows separator or UNC prefix)";
                case '\0' -> "contains NUL";
                case ':' -> "contains ':' (a Windows drive or stream separator)";
                default -> c < 0x20 || c == 0x7F ? "contains a control character" : null;
            };
            if (problem != null) {
                return problem;
            }
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            return "ends with '" + last + "' (Windows drops it)";
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).trim().toUpperCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(stem)) {
            return "is a Windows device name";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return "is longer than " + MAX_NAME_BYTES + " bytes";
        }
        return null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String quote(String name) {
        if (name == null) {
            return "null";
        }
        return "'" + UntrustedText.printable(name) + "'";
    }
}
