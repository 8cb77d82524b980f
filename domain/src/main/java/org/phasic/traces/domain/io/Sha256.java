package org.phasic.traces.domain.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256, the one hash every module uses: digests of bytes and streams, and their lower-case hex form. */
public final class Sha256 {

    /** Length of a SHA-256 digest in bytes. */
    public static final int DIGEST_BYTES = 32;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER_SIZE = 64 * 1024;

    private Sha256() {
    }

    /** @return a fresh SHA-256 {@link MessageDigest}, for hashing while copying */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** @return the SHA-256 of {@code bytes} */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** @return the SHA-256 of {@code bytes[offset, offset + length)} */
    public static byte[] digest(byte[] bytes, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(bytes, offset, length);
        return digest.digest();
    }

    /** @return the SHA-256 of the bytes remaining in {@code bytes} (a direct buffer too), its position unchanged */
    public static byte[] digest(ByteBuffer bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes.duplicate());
        return digest.digest();
    }

    /** @return the lower-case hex SHA-256 of {@code bytes} */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /** @return the lower-case hex SHA-256 of everything {@code in} delivers (not closed) */
    public static String hex(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return finishHex(digest);
    }

    /** Completes {@code digest} (which is reset) and returns its value in lower-case hex. */
    public static String finishHex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return whether {@code text} is a SHA-256 digest in lower-case hex */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }
}
