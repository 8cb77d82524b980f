package org.phasic.traces.domain.io;

import java.io.ByteArrayOutputStream;

/**
 * A small, deterministic DEFLATE (RFC 1951) encoder: greedy LZ77 over a 32 KiB window with hash
 * chains of bounded length, coded in one final block with the fixed Huffman codes. Its output is a
 * function of the input alone, which zlib's is not across builds.
 */
final class FixedHuffmanDeflater {
    private static final int WINDOW = 1 << 15;
    private static final int WINDOW_MASK = WINDOW - 1;
    private static final int HASH_BITS = 15;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 258;
    private static final int MAX_CHAIN = 64;

    private static final int[] LENGTH_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    private static final int[] DIST_BASE = {
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = {
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

    /** Fixed literal/length code per symbol 0..287, bit-reversed for LSB-first output. */
    private static final int[] LIT_CODE = new int[288];
    private static final int[] LIT_BITS = new int[288];
    private static final int[] LENGTH_CODE_INDEX = new int[MAX_MATCH + 1];

    static {
        for (int sym = 0; sym < 288; sym++) {
            int code;
            int bits;
            if (sym < 144) {
                code = 0x30 + sym;
                bits = 8;
            } else if (sym < 256) {
                code = 0x190 + sym - 144;
                bits = 9;
            } else if (sym < 280) {
                code = sym - 256;
                bits = 7;
            } else {
                code = 0xC0 + sym - 280;
                bits = 8;
            }
            LIT_CODE[sym] = reverse(code, bits);
            LIT_BITS[sym] = bits;
        }
        for (int i = 0; i < LENGTH_BASE.length; i++) {
            int end = i + 1 < LENGTH_BASE.length ? LENGTH_BASE[i + 1] : MAX_MATCH + 1;
            for (int len = LENGTH_BASE[i]; len < end; len++) {
                LENGTH_CODE_INDEX[len] = i;
            }
        }
        LENGTH_CODE_INDEX[MAX_MATCH] = LENGTH_BASE.length - 1;
    }

    private FixedHuffmanDeflater() {
    }

    static byte[] deflate(byte[] data) {
        BitWriter out = new BitWriter(data.length / 2 + 64);
        out.write(1, 1); // BFINAL
        out.write(1, 2); // BTYPE = 01, fixed Huffman
        int[] head = new int[1 << HASH_BITS];
        int[] prev = new int[WINDOW];
        int n = data.length;
        int pos = 0;
        while (pos < n) {
            int bestLen = 0;
            int bestDist = 0;
            if (pos + MIN_MATCH <= n) {
                int h = hash(data, pos);
                int candidate = head[h] - 1;
                int chain = MAX_CHAIN;
                int maxLen = Math.min(MAX_MATCH, n - pos);
                while (candidate >= 0 && pos - candidate <= WINDOW && chain-- > 0) {
                    int len = matchLength(data, candidate, pos, maxLen);
                    if (len > bestLen) {
                        bestLen = len;
                        bestDist = pos - candidate;
                        if (len == maxLen) {
                            break;
                        }
                    }
                    candidate = prev[candidate & WINDOW_MASK] - 1;
                }
            }
            int advance;
            if (bestLen >= MIN_MATCH) {
                writeMatch(out, bestLen, bestDist);
                advance = bestLen;
            } else {
                writeSymbol(out, data[pos] & 0xff);
                advance = 1;
            }
            for (int end = pos + advance; pos < end; pos++) {
                if (pos + MIN_MATCH <= n) {
                    int h = hash(data, pos);
                    prev[pos & WINDOW_MASK] = head[h];
                    head[h] = pos + 1;
                }
            }
        }
        writeSymbol(out, 256);
        return out.finish();
    }

    private static int hash(byte[] d, int p) {
        int v = (d[p] & 0xff) << 16 | (d[p + 1] & 0xff) << 8 | (d[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private static int matchLength(byte[] d, int a, int b, int maxLen) {
        int len = 0;
        while (len < maxLen && d[a + len] == d[b + len]) {
            len++;
        }
        return len;
    }

    private static void writeSymbol(BitWriter out, int sym) {
        out.write(LIT_CODE[sym], LIT_BITS[sym]);
    }

    private static void writeMatch(BitWriter out, int len, int dist) {
        int li = LENGTH_CODE_INDEX[len];
        writeSymbol(out, 257 + li);
        out.write(len - LENGTH_BASE[li], LENGTH_EXTRA[li]);
        int di = distanceCodeIndex(dist);
        out.write(reverse(di, 5), 5);
        out.write(dist - DIST_BASE[di], DIST_EXTRA[di]);
    }

    private static int distanceCodeIndex(int dist) {
        int lo = 0;
        int hi = DIST_BASE.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (DIST_BASE[mid] <= dist) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int reverse(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }

    /** Writes bit fields least-significant bit first, as DEFLATE requires. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes;
        private long buffer;
        private int count;

        BitWriter(int initialCapacity) {
            bytes = new ByteArrayOutputStream(initialCapacity);
        }

        void write(int value, int bits) {
            buffer |= ((long) value & ((1L << bits) - 1)) << count;
            count += bits;
            while (count >= 8) {
                bytes.write((int) buffer);
                buffer >>>= 8;
                count -= 8;
            }
        }

        byte[] finish() {
            if (count > 0) {
                bytes.write((int) buffer);
                buffer = 0;
                count = 0;
            }
            return bytes.toByteArray();
        }
    }
}
