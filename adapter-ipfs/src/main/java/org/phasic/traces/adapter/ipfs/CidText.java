package org.phasic.traces.adapter.ipfs;

import java.util.Objects;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * Syntax checks for CIDs and IPFS paths at this adapter's boundary. These check only the text
 * form (alphabet and length), never decode: the domain's CID type does that.
 */
public final class CidText {

    private static final Pattern CID_V0 = Pattern.compile("Qm[1-9A-HJ-NP-Za-km-z]{44}");
    private static final Pattern CID_V1 = Pattern.compile(
            "b[a-z2-7]{8,}|B[A-Z2-7]{8,}|z[1-9A-HJ-NP-Za-km-z]{8,}|f[0-9a-f]{8,}|F[0-9A-F]{8,}|k[0-9a-z]{8,}|K[0-9A-Z]{8,}");
    private static final int MAX_CID_LENGTH = 512;
    private static final int MAX_PATH_LENGTH = 4096;

    private CidText() {
    }

    /**
     * Returns {@code cid} if it looks like a CIDv0 ({@code Qm...}) or a multibase CIDv1 ({@code bafy...}, ...).
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static String requireCid(String cid) {
        Objects.requireNonNull(cid, "cid");
        if (cid.length() > MAX_CID_LENGTH || !(CID_V0.matcher(cid).matches() || CID_V1.matcher(cid).matches())) {
            throw new IllegalArgumentException("not a CID: '" + UntrustedText.printable(cid)
                    + "' (expected a CIDv0 Qm... or a multibase CIDv1 such as bafy...)");
        }
        return cid;
    }

    /** Whether {@code cid} is a CIDv1 in base32 (the form the API returns when asked for {@code cid-base=base32}). */
    public static boolean isBase32V1(String cid) {
        return cid.startsWith("b");
    }

    /**
     * Returns {@code path} if it is {@code <cid>[/name...]}, optionally prefixed by {@code /ipfs/}, whose
     * names are neither empty, {@code .}, {@code ..}, nor contain a backslash or control character.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static String requireIpfsPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException("IPFS path longer than " + MAX_PATH_LENGTH + " characters");
        }
        String rest = path.startsWith("/ipfs/") ? path.substring("/ipfs/".length()) : path;
        String[] segments = rest.split("/", -1);
        requireCid(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            String name = segments[i];
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\\') >= 0
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("invalid IPFS path '" + UntrustedText.printable(path) + "': segment "
                        + i + " ('" + UntrustedText.printable(name) + "') is empty, '.', '..' or contains '\\' or a control character");
            }
        }
        return path;
    }
}
