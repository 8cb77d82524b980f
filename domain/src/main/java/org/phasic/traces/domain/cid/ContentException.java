package org.phasic.traces.domain.cid;

import java.util.OptionalLong;

/**
 * Root of the content-addressing errors. The subtype tells a caller what went wrong:
 * <ul>
 *   <li>{@link InvalidCidException}: a CID string or CID bytes are malformed (caller input);</li>
 *   <li>{@link CorruptContentException}: bytes from a source are wrong (hash mismatch, malformed block,
 *       bad or truncated CAR); the source is at fault;</li>
 *   <li>{@link ContentNotFoundException}: a block or path entry is absent;</li>
 *   <li>{@link UnsupportedContentException}: well-formed content this code does not handle
 *       (unknown codec, HAMT-sharded directory, symlink ...);</li>
 *   <li>{@link ContentLimitException}: a configured limit was exceeded;</li>
 *   <li>{@link UnsafePathException}: an untrusted entry name or path was refused.</li>
 * </ul>
 * Unchecked, so it passes through streaming APIs whose transport failures stay {@link java.io.IOException}s.
 */
public abstract class ContentException extends RuntimeException {

    private final long offset;

    protected ContentException(String message) {
        this(message, -1, null);
    }

    protected ContentException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** The byte offset in the input stream the error refers to, when it refers to one. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
