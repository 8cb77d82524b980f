package org.phasic.traces.ports.out;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.phasic.traces.domain.io.Sha256;

/**
 * Streaming helpers shared by {@link BlobStore} implementations: hash while copying an
 * upload of declared length, and verify a download against its recorded size and checksum.
 */
public final class BlobStreams {

    private static final int BUFFER_SIZE = 64 * 1024;

    private BlobStreams() {
    }

    /**
     * Copies exactly {@code length} bytes from {@code in} to {@code out}, hashing them.
     *
     * @param key the blob key, for messages
     * @return the lower-case hex SHA-256 of the copied bytes
     * @throws BlobStoreException if {@code in} ends before {@code length} bytes or has more
     */
    public static String copyExactly(InputStream in, OutputStream out, long length, String key) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("declared length of '" + key + "' must be >= 0, got " + length);
        }
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new BlobStoreException("content of '" + key + "' ended after " + (length - remaining)
                        + " bytes; " + length + " were declared");
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (in.read() >= 0) {
            throw new BlobStoreException("content of '" + key + "' is longer than the " + length + " bytes declared");
        }
        return Sha256.finishHex(digest);
    }

    /**
     * Wraps a download so that reaching its end checks it against {@code expected}. A short, long
     * or altered stream makes {@code read} throw {@link BlobIntegrityException}; bytes beyond the
     * expected size are never returned. Only a stream read to its end has been verified.
     *
     * @param expected the recorded size and SHA-256; without a SHA-256 the first read fails
     */
    public static InputStream verifying(InputStream in, BlobInfo expected) {
        return new VerifyingInputStream(in, expected);
    }

    private static final class VerifyingInputStream extends FilterInputStream {
        private final BlobInfo expected;
        private final MessageDigest digest = Sha256.newDigest();
        private long count;
        private BlobIntegrityException failure;
        private boolean verified;

        VerifyingInputStream(InputStream in, BlobInfo expected) {
            super(Objects.requireNonNull(in, "in"));
            this.expected = Objects.requireNonNull(expected, "expected");
            if (expected.sha256().isEmpty()) {
                failure = new BlobIntegrityException(expected.key(), "blob '" + expected.key()
                        + "' has no recorded sha-256 (written by another tool, or its upload did not finish);"
                        + " it cannot be verified: push it again");
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, len);
            if (n < 0) {
                verifyAtEnd();
                return -1;
            }
            count += n;
            if (count > expected.size()) {
                throw fail("is longer than its recorded " + expected.size() + " bytes");
            }
            digest.update(b, off, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(BUFFER_SIZE, Math.max(n, 0))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        private void verifyAtEnd() throws BlobIntegrityException {
            if (verified) {
                return;
            }
            if (count != expected.size()) {
                throw fail("ended after " + count + " bytes; " + expected.size() + " were recorded");
            }
            String actual = Sha256.finishHex(digest);
            if (!expected.sha256().orElseThrow().equals(actual)) {
                throw fail("has sha-256 " + actual + " but " + expected.sha256().orElseThrow()
                        + " was recorded: the stored object was altered or corrupted");
            }
            verified = true;
        }

        private BlobIntegrityException fail(String what) {
            failure = new BlobIntegrityException(expected.key(), "blob '" + expected.key() + "' " + what);
            return failure;
        }
    }
}
