package org.phasic.traces.adapter.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that shows every byte read (skipped bytes included) to {@link #observed}. */
abstract class ObservedInputStream extends FilterInputStream {

    ObservedInputStream(InputStream in) {
        super(in);
    }

    /** {@code length} bytes at {@code offset} of {@code buffer} were just read. */
    abstract void observed(byte[] buffer, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            observed(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            observed(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
