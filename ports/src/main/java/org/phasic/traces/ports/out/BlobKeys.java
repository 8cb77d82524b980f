package org.phasic.traces.ports.out;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Key layout and key validation for {@link BlobStore}s.
 *
 * <p>A key is relative to the prefix a store is configured with; the store stores it as
 * {@code <prefix>/<key>} (or {@code <key>} without a prefix). Content is keyed by what it is, so
 * the same content always lands under the same key and a push only sends keys that are missing:
 * <pre>
 *   cars/&lt;dirCid&gt;.car      a whole trace directory as a CAR v1 stream, keyed by its root CID
 *   index/&lt;traceId&gt;.json   the registry entry of a trace, which names its directory CID
 * </pre>
 * CARs are immutable: a present key with the expected size and SHA-256 never needs to
 * be sent again ({@link BlobStore#putIfMissing}). Index entries may be overwritten when a trace is
 * re-published. Readers still verify everything by CID; the SHA-256 recorded by the store catches
 * damage before the bytes reach the CID check.
 *
 * <p>Valid keys (checked by every store, so nothing can escape a folder or confuse a backend):
 * 1 to {@value #MAX_KEY_BYTES} bytes; segments separated by single {@code '/'}, no leading or
 * trailing {@code '/'}; each segment 1 to {@value #MAX_SEGMENT_LENGTH} characters from
 * {@code [A-Za-z0-9._~-]} and not starting with {@code '.'} (which rules out {@code .} and
 * {@code ..} and leaves dot-names to stores for their own bookkeeping). Control characters,
 * spaces, {@code '\'}, {@code ':'} and non-ASCII characters are rejected.
 */
public final class BlobKeys {

    /** Key prefix of whole-directory CAR files: {@code cars/<dirCid>.car}. */
    public static final String CARS = "cars/";
    /** Key prefix of per-trace index entries: {@code index/<traceId>.json}. */
    public static final String INDEX = "index/";
    /** File suffix of CAR keys. */
    public static final String CAR_SUFFIX = ".car";
    /** File suffix of index keys. */
    public static final String INDEX_SUFFIX = ".json";
    /** Longest key in UTF-8 bytes (S3 and GCS allow 1024 including the store prefix). */
    public static final int MAX_KEY_BYTES = 1024;
    /** Longest segment, so a key (plus a store's suffix such as {@code .sha256}) maps onto any file system. */
    public static final int MAX_SEGMENT_LENGTH = 200;

    private static final Pattern CID = Pattern.compile("[A-Za-z0-9]{2,256}");
    private static final Pattern TRACE_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private BlobKeys() {
    }

    /** @return {@code cars/<dirCid>.car} for a whole trace directory; the CID must be a multibase string (letters and digits) */
    public static String car(String directoryCid) {
        return CARS + requireCid(directoryCid) + CAR_SUFFIX;
    }

    /** @return {@code index/<traceId>.json}; the id must match {@code [a-z0-9][a-z0-9_.-]{0,127}} */
    public static String index(String traceId) {
        Objects.requireNonNull(traceId, "traceId");
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw new IllegalArgumentException("not a trace id: '" + UntrustedText.printable(traceId)
                    + "'; ids match [a-z0-9][a-z0-9_.-]{0,127}");
        }
        return INDEX + traceId + INDEX_SUFFIX;
    }

    /** @return the trace id of an {@code index/<traceId>.json} key, empty for any other key */
    public static Optional<String> indexId(String key) {
        return between(key, INDEX, INDEX_SUFFIX).filter(id -> TRACE_ID.matcher(id).matches());
    }

    /**
     * Checks a key against the rules in the class comment.
     *
     * @return {@code key}
     * @throws IllegalArgumentException naming the first rule the key breaks
     */
    public static String requireValidKey(String key) {
        Objects.requireNonNull(key, "blob key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("blob key is empty");
        }
        requireValidPath(key, "blob key");
        return key;
    }

    /**
     * Checks and normalises a store prefix: empty, or a valid key; one trailing {@code '/'} is
     * dropped.
     *
     * @return the prefix without a trailing {@code '/'}
     */
    public static String requireValidPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!trimmed.isEmpty()) {
            requireValidPath(trimmed, "store prefix");
        }
        return trimmed;
    }

    /**
     * Checks a listing prefix such as {@code ""}, {@code "cars/"} or {@code "cars/Qm"}: the
     * start of a valid key.
     *
     * @return {@code keyPrefix}
     */
    public static String requireValidListPrefix(String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "list prefix");
        if (!keyPrefix.isEmpty()) {
            requireValidPath(keyPrefix.endsWith("/") ? keyPrefix + "x" : keyPrefix, "list prefix");
        }
        return keyPrefix;
    }

    /** @return {@code prefix + "/" + key}, or {@code key} when the prefix is empty */
    public static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    private static void requireValidPath(String path, String what) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw invalid(what, path, String.format("contains control character U+%04X at index %d", (int) c, i));
            }
            if (!isAllowed(c)) {
                throw invalid(what, path, "contains '" + UntrustedText.printable(c) + "' at index " + i
                        + "; allowed are ASCII letters, digits, '.', '_', '~', '-' and '/' between segments");
            }
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw invalid(what, path, "is " + bytes + " bytes long; at most " + MAX_KEY_BYTES + " are allowed");
        }
        if (path.startsWith("/")) {
            throw invalid(what, path, "starts with '/'; keys are relative to the store's prefix");
        }
        if (path.endsWith("/")) {
            throw invalid(what, path, "ends with '/'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(what, path, "has an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(what, path, "has a '" + segment + "' segment");
            }
            if (segment.startsWith(".")) {
                throw invalid(what, path, "has segment '" + segment + "' starting with '.'; dot-names are reserved");
            }
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                throw invalid(what, path, "has a segment of " + segment.length() + " characters; at most "
                        + MAX_SEGMENT_LENGTH + " are allowed");
            }
        }
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '~' || c == '/';
    }

    private static IllegalArgumentException invalid(String what, String path, String reason) {
        return new IllegalArgumentException(what + " '" + UntrustedText.printable(path) + "' " + reason);
    }

    private static String requireCid(String cid) {
        Objects.requireNonNull(cid, "cid");
        if (!CID.matcher(cid).matches()) {
            throw new IllegalArgumentException("not a CID string: '" + UntrustedText.printable(cid)
                    + "'; expected 2 to 256 multibase letters and digits (e.g. Qm... or bafy...)");
        }
        return cid;
    }

    private static Optional<String> between(String key, String start, String end) {
        if (key == null || !key.startsWith(start) || !key.endsWith(end)
                || key.length() < start.length() + end.length()) {
            return Optional.empty();
        }
        return Optional.of(key.substring(start.length(), key.length() - end.length()));
    }
}
