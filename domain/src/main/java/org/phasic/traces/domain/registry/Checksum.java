package org.phasic.traces.domain.registry;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.phasic.traces.domain.text.UntrustedText;

/** A registry checksum, {@code sha256:<64 lower-case hex digits>} of a trace's {@code trace.json.gz} bytes. */
public record Checksum(byte[] sha256) {
    private static final String PREFIX = "sha256:";

    public Checksum {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    /** Parses {@code sha256:<hex>}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Checksum parse(String text) {
        Objects.requireNonNull(text, "checksum");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("invalid checksum '" + UntrustedText.printable(text) + "': expected sha256:<64 hex digits>");
        }
        String hex = text.substring(PREFIX.length());
        if (hex.length() != 64 || !hex.toLowerCase(Locale.ROOT).equals(hex) || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("invalid checksum '" + UntrustedText.printable(text) + "': expected sha256: and 64 lower-case hex digits");
        }
        return new Checksum(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Whether {@code digest} (a SHA-256) equals this checksum. */
    public boolean matches(byte[] digest) {
        return java.security.MessageDigest.isEqual(sha256, digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checksum that && java.util.Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return PREFIX + HexFormat.of().formatHex(sha256);
    }
}
