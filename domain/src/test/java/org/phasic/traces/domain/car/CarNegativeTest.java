package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.UnsafePathException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.vectors.Vectors;
import org.phasic.traces.domain.vectors.Vectors.Fixture;

/**
 * Broken CARs fail with precise errors naming the byte offset. The bad CARs are derived from the ipfs-car
 * fixture; section offsets are computed here by an independent minimal walker.
 */
class CarNegativeTest {

    private static final String GOOD = "small-tree.ipfs-car.car";

    /** [offset, length-varint size, section length] of every section, after the header. */
    private static List<long[]> sections(byte[] car) {
        List<long[]> sections = new ArrayList<>();
        long[] header = varint(car, 0);
        int position = (int) (header[1] + header[0]);
        while (position < car.length) {
            long[] length = varint(car, position);
            sections.add(new long[] {position, length[1], length[0]});
            position += (int) (length[1] + length[0]);
        }
        return sections;
    }

    /** [value, size] of the LEB128 varint at {@code position}. */
    private static long[] varint(byte[] bytes, int position) {
        long value = 0;
        int i = 0;
        while (true) {
            int b = bytes[position + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i++);
            if (b < 0x80) {
                return new long[] {value, i};
            }
        }
    }

    private static void readAll(byte[] car) throws IOException {
        try (CarReader reader = new CarReader(new ByteArrayInputStream(car))) {
            while (reader.next() != null) {
                // verifying is the point
            }
        }
    }

    @Test
    void flippedBlockByteIsAHashMismatchAtTheSectionOffset(@TempDir Path tmp) throws IOException {
        byte[] car = Vectors.resource(GOOD);
        long[] last = sections(car).get(sections(car).size() - 1);
        byte[] bad = car.clone();
        bad[bad.length - 1] ^= 0x01;
        Cid lastCid = Cid.readFrom(car, (int) (last[0] + last[1]), car.length);
        assertThatThrownBy(() -> readAll(bad)).isInstanceOf(CorruptContentException.class)
                .hasMessage("block hash mismatch at byte offset " + last[0] + ": the section's "
                        + (last[2] - lastCid.byteLength()) + " bytes do not hash to " + lastCid)
                .satisfies(e -> assertThat(((ContentException) e).offset()).hasValue(last[0]));

        Path file = Files.write(tmp.resolve("bad.car"), bad);
        Cid root = Vectors.fixtures().stream().filter(f -> f.car().equals(GOOD)).findFirst().orElseThrow().root();
        try (CarFile source = CarFile.open(file)) {
            assertThatThrownBy(() -> new Reassembler().writeTree(root, source, tmp.resolve("out")))
                    .isInstanceOf(CorruptContentException.class)
                    .hasMessageContaining("block hash mismatch")
                    .hasMessageContaining(lastCid + " (section at byte offset " + last[0] + ")");
        }
    }

    @Test
    void truncatedCarNamesTheSectionAndHowMuchArrived() {
        byte[] car = Vectors.resource(GOOD);
        long[] last = sections(car).get(sections(car).size() - 1);
        byte[] cut = Arrays.copyOf(car, car.length - 10);
        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(CorruptContentException.class)
                .hasMessage("truncated section at byte offset " + last[0] + ": expected " + last[2] + " bytes, got "
                        + (last[2] - 10));
        byte[] cutInLength = Arrays.copyOf(car, (int) last[0]);
        cutInLength = Arrays.copyOf(cutInLength, cutInLength.length + 1);
        cutInLength[cutInLength.length - 1] = (byte) 0x80;
        byte[] halfVarint = cutInLength;
        assertThatThrownBy(() -> readAll(halfVarint))
                .hasMessage("truncated section length varint at byte offset " + last[0]);
    }

    @Test
    void openingATruncatedFileNamesTheSectionLikeTheStream(@TempDir Path tmp) throws IOException {
        byte[] car = Vectors.resource(GOOD);
        long[] last = sections(car).get(sections(car).size() - 1);
        Path cut = Files.write(tmp.resolve("cut.car"), Arrays.copyOf(car, car.length - 10));
        assertThatThrownBy(() -> CarFile.open(cut)).isInstanceOf(CorruptContentException.class)
                .hasMessage("truncated section at byte offset " + last[0] + ": expected " + last[2] + " bytes, got "
                        + (last[2] - 10));
        Path cutInCid = Files.write(tmp.resolve("cid.car"), Arrays.copyOf(car, (int) last[0] + 3));
        assertThatThrownBy(() -> CarFile.open(cutInCid)).isInstanceOf(CorruptContentException.class)
                .hasMessageStartingWith("truncated section at byte offset " + last[0] + ": expected " + last[2]
                        + " bytes, got ");
        try (CarFile whole = CarFile.open(Files.write(tmp.resolve("whole.car"), car))) {
            assertThat(whole.sectionCount()).isEqualTo(sections(car).size());
        }
    }

    @Test
    void truncatedAndEmptyHeaders() {
        byte[] car = Vectors.resource(GOOD);
        assertThatThrownBy(() -> readAll(Arrays.copyOf(car, 20))).isInstanceOf(CorruptContentException.class)
                .hasMessage("truncated CAR header at byte offset 1: expected " + varint(car, 0)[0] + " bytes, got 19");
        assertThatThrownBy(() -> readAll(new byte[0]))
                .hasMessage("bad CAR header at byte offset 0: the stream is empty");
    }

    @Test
    void wrongVersionIsRejectedAtTheVersionOffset() {
        byte[] car = Vectors.resource(GOOD);
        int headerEnd = (int) (varint(car, 0)[0] + varint(car, 0)[1]);
        assertThat(car[headerEnd - 1]).isEqualTo((byte) 1);
        byte[] v2 = car.clone();
        v2[headerEnd - 1] = 2;
        assertThatThrownBy(() -> readAll(v2)).isInstanceOf(CorruptContentException.class)
                .hasMessage("unsupported CAR version 2 at byte offset " + (headerEnd - 1) + " (only CARv1 is supported)");
        // the CARv2 pragma: {version: 2} alone
        byte[] pragma = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02};
        assertThatThrownBy(() -> readAll(pragma)).hasMessage("unsupported CAR version 2 at byte offset 10 (only CARv1 is supported)");
    }

    @Test
    void sectionLengthVarintOverflowNamesItsOffset() {
        byte[] car = Vectors.resource(GOOD);
        byte[] bad = Arrays.copyOf(car, car.length + 10);
        Arrays.fill(bad, car.length, bad.length, (byte) 0xFF);
        assertThatThrownBy(() -> readAll(bad)).isInstanceOf(CorruptContentException.class)
                .hasMessage("bad section length at byte offset " + car.length + ": varint overflow: longer than 9 bytes");
    }

    @Test
    void headerDecodingIsStrict() {
        Cid root = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        byte[] good = CarHeader.v1(List.of(root)).encode();
        assertThat(CarHeader.decode(good, 1)).isEqualTo(CarHeader.v1(List.of(root)));
        byte[] outOfOrder = concat(new byte[] {(byte) 0xa2, 0x67}, "version".getBytes(), new byte[] {0x01, 0x65},
                "roots".getBytes(), new byte[] {(byte) 0x80});
        assertThatThrownBy(() -> CarHeader.decode(outOfOrder, 1)).hasMessage(
                "bad CAR header at byte offset 11: keys out of canonical order ('roots' must come before 'version')");
        byte[] indefinite = {(byte) 0xbf};
        assertThatThrownBy(() -> CarHeader.decode(indefinite, 1))
                .hasMessage("bad CAR header at byte offset 1: indefinite-length items are not allowed in DAG-CBOR");
        byte[] nonMinimal = {(byte) 0xb8, 0x02};
        assertThatThrownBy(() -> CarHeader.decode(nonMinimal, 1))
                .hasMessage("bad CAR header at byte offset 1: integer not minimally encoded");
        byte[] extraKey = concat(new byte[] {(byte) 0xa1, 0x63}, "foo".getBytes(), new byte[] {0x01});
        assertThatThrownBy(() -> CarHeader.decode(extraKey, 1))
                .hasMessage("bad CAR header at byte offset 2: unexpected key 'foo'");
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> CarHeader.decode(trailing, 1))
                .hasMessage("bad CAR header at byte offset " + (good.length + 1) + ": 1 trailing bytes after the header map");
        byte[] untagged = good.clone();
        untagged[8] = 0x40;
        assertThatThrownBy(() -> CarHeader.decode(untagged, 1))
                .hasMessage("bad CAR header at byte offset 9: root 0 is not a CID (tag 42)");
    }

    @Test
    void directoryEntryNamedDotDotSlashEvilIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Fixture evil = Vectors.fixtures().stream().filter(f -> f.car().equals("evil-dotdot.car")).findFirst()
                .orElseThrow();
        Path target = tmp.resolve("inner").resolve("target");
        Path car = Files.write(tmp.resolve("evil.car"), Vectors.resource(evil.car()));
        try (CarFile source = CarFile.open(car)) {
            assertThatThrownBy(() -> new Reassembler().writeTree(evil.root(), source, target))
                    .isInstanceOf(UnsafePathException.class)
                    .hasMessage("directory " + evil.root() + ": unsafe entry name '../evil': contains '/'");
            assertThatThrownBy(() -> new Reassembler().verifyTree(evil.root(), source))
                    .isInstanceOf(UnsafePathException.class);
        }
        assertThat(Files.exists(tmp.resolve("inner").resolve("evil"))).isFalse();
        try (var files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void carsWeWriteReadBackAndDeduplicate() throws IOException {
        Block a = Block.of(1, org.phasic.traces.domain.cid.Multicodec.RAW, "a".getBytes());
        Block b = Block.of(1, org.phasic.traces.domain.cid.Multicodec.RAW, "bb".getBytes());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, a.cid())) {
            writer.accept(a);
            writer.accept(b);
            writer.accept(a);
            assertThat(writer.blockCount()).isEqualTo(2);
            writer.flush();
            assertThat(writer.bytesWritten()).isEqualTo(out.size());
        }
        try (CarReader reader = new CarReader(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(reader.roots()).containsExactly(a.cid());
            assertThat(reader.next()).isEqualTo(a);
            assertThat(reader.next()).isEqualTo(b);
            assertThat(reader.next()).isNull();
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

}
