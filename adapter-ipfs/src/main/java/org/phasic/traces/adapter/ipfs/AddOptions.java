package org.phasic.traces.adapter.ipfs;

import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * How {@code add} imports content; the same bytes give different CIDs under different options.
 *
 * @param cidVersion        0 ({@code Qm...}, dag-pb leaves) or 1 ({@code bafy...}; results are requested in base32)
 * @param rawLeaves         whether leaves are raw blocks (CIDv1 profile) rather than dag-pb nodes
 * @param chunker           the chunker, {@code size-<bytes>} or {@code rabin[-min-avg-max]}
 * @param pin               whether the daemon pins what it adds
 * @param wrapWithDirectory whether to wrap the content in a directory (the root then has the empty name)
 * @param onlyHash          compute the CIDs without storing anything
 */
public record AddOptions(int cidVersion, boolean rawLeaves, String chunker, boolean pin, boolean wrapWithDirectory,
                         boolean onlyHash) {

    private static final Pattern CHUNKER = Pattern.compile("size-[1-9]\\d{0,8}|rabin(-[1-9]\\d{0,8}){0,3}");
    /** Kubo's default chunk size. */
    public static final String KUBO_CHUNKER = "size-262144";

    public AddOptions {
        if (cidVersion != 0 && cidVersion != 1) {
            throw new IllegalArgumentException("cid version must be 0 or 1, not " + cidVersion);
        }
        if (cidVersion == 0 && rawLeaves) {
            throw new IllegalArgumentException("raw leaves need CID version 1");
        }
        if (chunker == null || !CHUNKER.matcher(chunker).matches()) {
            throw new IllegalArgumentException("invalid chunker '" + UntrustedText.printable(chunker)
                    + "' (expected size-<bytes> or rabin[-min-avg-max])");
        }
    }

    /** Kubo's defaults: CIDv0, dag-pb leaves, 256 KiB chunks, pinned. What the public registry uses. */
    public static AddOptions cidV0() {
        return new AddOptions(0, false, KUBO_CHUNKER, true, false, false);
    }

    /** Kubo's {@code --cid-version=1}: CIDv1, raw leaves, 256 KiB chunks, pinned. */
    public static AddOptions cidV1RawLeaves() {
        return new AddOptions(1, true, KUBO_CHUNKER, true, false, false);
    }

    public AddOptions withChunker(String newChunker) {
        return new AddOptions(cidVersion, rawLeaves, newChunker, pin, wrapWithDirectory, onlyHash);
    }

    public AddOptions withPin(boolean newPin) {
        return new AddOptions(cidVersion, rawLeaves, chunker, newPin, wrapWithDirectory, onlyHash);
    }

    public AddOptions withWrapWithDirectory(boolean wrap) {
        return new AddOptions(cidVersion, rawLeaves, chunker, pin, wrap, onlyHash);
    }

    public AddOptions withOnlyHash(boolean newOnlyHash) {
        return new AddOptions(cidVersion, rawLeaves, chunker, pin, wrapWithDirectory, newOnlyHash);
    }
}
