package org.phasic.traces.adapter.cloud.contract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Delivers {@code limit} bytes of its source, then fails like a dropped connection. */
public final class InterruptingInputStream extends FilterInputStream {

    private long remaining;

    public InterruptingInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            throw new IOException("simulated connection drop");
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }
}
