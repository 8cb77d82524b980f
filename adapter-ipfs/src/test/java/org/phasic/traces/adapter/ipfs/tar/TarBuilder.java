package org.phasic.traces.adapter.ipfs.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes tar archives byte by byte, including hostile ones, for extractor tests. */
final class TarBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean corruptNextChecksum;

    TarBuilder file(String name, String content) {
        return entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    TarBuilder directory(String name) {
        return entry(name, '5', new byte[0], "");
    }

    TarBuilder symlink(String name, String target) {
        return entry(name, '2', new byte[0], target);
    }

    TarBuilder hardLink(String name, String target) {
        return entry(name, '1', new byte[0], target);
    }

    TarBuilder characterDevice(String name) {
        return entry(name, '3', new byte[0], "");
    }

    TarBuilder paxPath(String path) {
        String record = " path=" + path + "\n";
        int length = record.length() + 1;
        while (Integer.toString(length).length() + record.getBytes(StandardCharsets.UTF_8).length != length) {
            length++;
        }
        return entry("PaxHeaders/x", 'x', (length + record).getBytes(StandardCharsets.UTF_8), "");
    }

    TarBuilder gnuLongName(String name) {
        return entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), "");
    }

    /** A ustar entry whose name is split into the prefix and name fields. */
    TarBuilder fileWithPrefix(String prefix, String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = header(name, '0', data.length, "");
        put(header, 345, prefix, 155);
        writeHeader(header);
        writeData(data);
        return this;
    }

    TarBuilder corruptNextChecksum() {
        corruptNextChecksum = true;
        return this;
    }

    TarBuilder entry(String name, char type, byte[] data, String linkName) {
        writeHeader(header(name, type, data.length, linkName));
        writeData(data);
        return this;
    }

    byte[] build() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    byte[] buildWithoutEnd() {
        return out.toByteArray();
    }

    private static byte[] header(String name, char type, long size, String linkName) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, "00000000000", 12);
        h[156] = (byte) type;
        put(h, 157, linkName, 100);
        put(h, 257, "ustar\0", 6);
        put(h, 263, "00", 2);
        return h;
    }

    private void writeHeader(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        if (corruptNextChecksum) {
            sum += 1;
            corruptNextChecksum = false;
        }
        put(h, 148, String.format("%06o\0 ", sum), 8);
        out.writeBytes(h);
    }

    private void writeData(byte[] data) {
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int offset, String value, int max) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > max) {
            throw new IllegalArgumentException("field too long: " + value);
        }
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }
}
