package org.phasic.traces.domain.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than {@code limit} bytes have been read, then fails with
 * {@link SizeLimitExceededException}. Reading exactly {@code limit} bytes is allowed.
 */
public final class SizeLimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long count;

    /**
     * @param in    the stream to read
     * @param limit the largest number of bytes allowed, at least 0
     * @param what  what the bytes are, for the error message (for example "decompressed trace")
     */
    public SizeLimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long allowed = limit - count + 1;
        int n = super.read(b, off, (int) Math.min(len, allowed));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    private void count(long n) throws SizeLimitExceededException {
        count += n;
        if (count > limit) {
            throw new SizeLimitExceededException(what, limit);
        }
    }
}
