package org.phasic.traces.adapter.ipfs.tar;

import java.nio.charset.StandardCharsets;

/** The fields of one 512-byte tar header that extraction needs, checksum verified. */
record TarHeader(String name, long size, char type) {

    static TarHeader parse(byte[] block) throws UnsafeArchiveException {
        verifyChecksum(block);
        String name = SafeTarExtractor.cString(block, 0, 100);
        boolean posixUstar = "ustar\0".equals(new String(block, 257, 6, StandardCharsets.US_ASCII));
        if (posixUstar) {
            String prefix = SafeTarExtractor.cString(block, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        long size = number(block, 124, 12, "size");
        return new TarHeader(name, size, (char) (block[156] & 0xff));
    }

    private static void verifyChecksum(byte[] block) throws UnsafeArchiveException {
        long stored = number(block, 148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < block.length; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new UnsafeArchiveException("tar header checksum mismatch (corrupt or not a tar stream)");
        }
    }

    private static long number(byte[] block, int offset, int length, String field) throws UnsafeArchiveException {
        if ((block[offset] & 0x80) != 0) {
            long value = block[offset] & 0x7f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new UnsafeArchiveException("tar header " + field + " is too large");
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < end && block[i] >= '0' && block[i] <= '7'; i++, digits++) {
            if (digits >= 21) {
                throw new UnsafeArchiveException("tar header " + field + " is too large");
            }
            value = value * 8 + (block[i] - '0');
        }
        for (; i < end; i++) {
            if (block[i] != ' ' && block[i] != 0) {
                throw new UnsafeArchiveException("tar header " + field + " is not an octal number");
            }
        }
        return value;
    }
}
