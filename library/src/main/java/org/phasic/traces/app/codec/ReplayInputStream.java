package org.phasic.traces.app.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes already read from a stream, then the rest of it: either the failure met while reading them (thrown
 * again where it happened) or the stream itself. A read that reaches the end of the bytes goes on into the rest,
 * as one read of the original stream would.
 */
final class ReplayInputStream extends InputStream {
    private final byte[] head;
    private final int length;
    private final IOException failure;
    private final InputStream rest;
    private int position;

    /**
     * @param failure what reading past {@code length} throws, or {@code null} to go on with {@code rest}
     */
    ReplayInputStream(byte[] head, int length, IOException failure, InputStream rest) {
        this.head = head;
        this.length = length;
        this.failure = failure;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = Math.min(len, length - position);
        if (n > 0) {
            System.arraycopy(head, position, b, off, n);
            position += n;
            if (n == len) {
                return n;
            }
        }
        if (failure != null) {
            if (n > 0) {
                return n;
            }
            throw failure;
        }
        int more = rest.read(b, off + Math.max(n, 0), len - Math.max(n, 0));
        return n > 0 ? (more < 0 ? n : n + more) : more;
    }

    @Override
    public int available() throws IOException {
        return length - position + (failure == null ? rest.available() : 0);
    }
}
