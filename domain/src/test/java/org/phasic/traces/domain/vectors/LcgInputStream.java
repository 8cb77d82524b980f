package org.phasic.traces.domain.vectors;

import java.io.InputStream;

/**
 * The deterministic test bytes of {@code vectors/lcg.js}: {@code s = s * 1664525 + 1013904223 (mod 2^32)},
 * each byte the top 8 bits of the next state. Lets tests hash large inputs without committing them.
 */
public final class LcgInputStream extends InputStream {

    private int state;
    private long remaining;

    public LcgInputStream(int seed, long length) {
        this.state = seed;
        this.remaining = length;
    }

    public static byte[] bytes(int seed, int length) {
        byte[] out = new byte[length];
        new LcgInputStream(seed, length).read(out, 0, length);
        return out;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        remaining--;
        state = state * 1664525 + 1013904223;
        return state >>> 24;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(length, remaining);
        int s = state;
        for (int i = 0; i < n; i++) {
            s = s * 1664525 + 1013904223;
            buffer[offset + i] = (byte) (s >>> 24);
        }
        state = s;
        remaining -= n;
        return n;
    }
}
