package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.cid.Varint;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportedEntry;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.ReassemblyLimits;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * {@link CarFile#reads()}: the walk verifies what it fetched, {@code verifyRest} hashes exactly the rest; with
 * read-ahead threads ({@link CarFile#reads(int)}) the same results, the blocks hashed ahead vouched for.
 */
class CarFileReadsTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;
    private static final int MIB = 1 << 20;

    /** A CAR of one file (raw 1 MiB leaves), then an extra block, then a corrupt duplicate of the first leaf. */
    private static Path car(Path dir, boolean corruptExtra, boolean corruptDuplicate, Cid[] rootOut) throws IOException {
        byte[] content = new byte[SIZE];
        new Random(1).nextBytes(content);
        MemoryBlockStore blocks = new MemoryBlockStore();
        ImportedEntry file = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks).importFile(new ByteArrayInputStream(content));
        rootOut[0] = file.cid();
        Block extra = Block.of(1, Multicodec.RAW, "outside the tree".getBytes());
        Block firstLeaf = blocks.blocks().stream().filter(b -> b.cid().codec() == Multicodec.RAW).findFirst().orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(bytes, file.cid())) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
            writer.accept(extra);
        }
        byte[] car = bytes.toByteArray();
        if (corruptExtra) {
            car[car.length - 1] ^= 1;
        }
        if (corruptDuplicate) {
            ByteArrayOutputStream dup = new ByteArrayOutputStream();
            byte[] data = firstLeaf.data().clone();
            data[0] ^= 1;
            Varint.write(firstLeaf.cid().byteLength() + data.length, dup);
            firstLeaf.cid().writeTo(dup);
            dup.write(data);
            byte[] withDup = new byte[car.length + dup.size()];
            System.arraycopy(car, 0, withDup, 0, car.length);
            System.arraycopy(dup.toByteArray(), 0, withDup, car.length, dup.size());
            car = withDup;
        }
        return Files.write(dir.resolve("file.car"), car);
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void aCompleteWalkLeavesOnlyTheBlocksOutsideTheTree(int threads, @TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, false, false, root)); CarFile.Reads reads = file.reads(threads)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(new Reassembler().writeFile(root[0], reads, out)).isEqualTo(SIZE);
            reads.accepted();
            assertThat(reads.verifyRest()).isEqualTo(file.sectionCount()).isEqualTo(file.blockCount());
        }
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void aCorruptBlockOutsideTheTreeIsFound(int threads, @TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, true, false, root)); CarFile.Reads reads = file.reads(threads)) {
            new Reassembler().verifyTree(root[0], reads);
            reads.accepted();
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class)
                    .hasMessageStartingWith("block hash mismatch at byte offset ");
        }
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void aCorruptDuplicateSectionIsFoundThoughTheWalkUsedTheGoodCopy(int threads, @TempDir Path tmp)
            throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, false, true, root)); CarFile.Reads reads = file.reads(threads)) {
            new Reassembler().verifyTree(root[0], reads);
            reads.accepted();
            assertThat(file.sectionCount()).isEqualTo(file.blockCount() + 1);
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class)
                    .hasMessageContaining("bytes do not hash to bafk");
        }
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void aCorruptLeafFailsTheWalkWithTheSameMessages(int threads, @TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        Path path = car(tmp, false, false, root);
        byte[] bytes = Files.readAllBytes(path);
        long leafOffset;
        try (CarFile file = CarFile.open(path)) {
            Cid secondLeaf = new ArrayList<>(file.cids()).get(1);
            leafOffset = file.offsetOf(secondLeaf).orElseThrow();
        }
        bytes[(int) leafOffset + 1000] ^= 1;
        Files.write(path, bytes);
        try (CarFile file = CarFile.open(path); CarFile.Reads reads = file.reads(threads)) {
            assertThatThrownBy(() -> new Reassembler().verifyTree(root[0], reads))
                    .isInstanceOf(CorruptContentException.class)
                    .hasMessageContaining("(section at byte offset " + leafOffset + ") do not hash to it");
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class)
                    .hasMessageStartingWith("block hash mismatch at byte offset " + leafOffset + ": ");
        }
    }

    @Test
    void readAheadVouchesOnlyForTheArrayItHashed(@TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, false, false, root)); CarFile.Reads reads = file.reads(2)) {
            List<Cid> inFileOrder = new ArrayList<>(file.cids());
            int vouched = 0;
            for (Cid cid : inFileOrder) {
                byte[] data = reads.fetch(cid).orElseThrow();
                assertThat(data).isEqualTo(file.fetch(cid).orElseThrow());
                if (reads.hasVerified(cid, data)) {
                    vouched++;
                    assertThat(cid.matches(data)).isTrue();
                }
                assertThat(reads.hasVerified(cid, data.clone())).isFalse();
                assertThat(reads.hasVerified(root[0].equals(cid) ? inFileOrder.get(0) : root[0], data)).isFalse();
            }
            assertThat(vouched).as("every block was hashed on the read-ahead threads").isEqualTo(inFileOrder.size());
            try (CarFile.Reads plain = file.reads()) {
                byte[] data = plain.fetch(inFileOrder.get(0)).orElseThrow();
                assertThat(plain.hasVerified(inFileOrder.get(0), data)).isFalse();
            }
        }
    }

    @Test
    void readAheadServesAnyOrderAndStaysUsableAfterClose(@TempDir Path tmp) throws IOException {
        byte[] content = new byte[24 * MIB + 5];
        new Random(2).nextBytes(content);
        MemoryBlockStore blocks = new MemoryBlockStore();
        Cid root = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks).importFile(new ByteArrayInputStream(content)).cid();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(bytes, root)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        Path path = Files.write(tmp.resolve("big.car"), bytes.toByteArray());
        try (CarFile file = CarFile.open(path)) {
            List<Cid> shuffled = new ArrayList<>(file.cids());
            Collections.shuffle(shuffled, new Random(3));
            CarFile.Reads reads = file.reads(2);
            for (Cid cid : shuffled.subList(0, shuffled.size() / 2)) {
                assertThat(reads.fetch(cid).orElseThrow()).isEqualTo(blocks.fetch(cid).orElseThrow());
            }
            reads.close();
            for (Cid cid : shuffled.subList(shuffled.size() / 2, shuffled.size())) {
                assertThat(reads.fetch(cid).orElseThrow()).isEqualTo(blocks.fetch(cid).orElseThrow());
            }
            try (CarFile.Reads again = file.reads(2)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new Reassembler().writeFile(root, again, out);
                assertThat(out.toByteArray()).isEqualTo(content);
                again.accepted();
                assertThat(again.verifyRest()).isEqualTo(file.sectionCount());
            }
        }
    }

    /** A CAR (root last) of a directory with a 24 MiB file and a small one, 1 MiB raw leaves; returns its root. */
    private static Cid directoryCar(Path source, Path car, byte[] big) throws IOException {
        Files.createDirectories(source.resolve("sub"));
        Files.write(source.resolve("big.bin"), big);
        Files.writeString(source.resolve("sub/small.txt"), "small\n");
        MemoryBlockStore blocks = new MemoryBlockStore();
        Cid root = new UnixFsImporter(ImportProfile.IPFS_CAR, blocks).importPath(source).root();
        try (CarWriter writer = new CarWriter(Files.newOutputStream(car), root)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        return root;
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void writeTreePlacesTheLeavesAtTheirPositions(int threads, @TempDir Path tmp) throws IOException {
        byte[] big = new byte[24 * MIB + 5];
        new Random(4).nextBytes(big);
        Cid root = directoryCar(tmp.resolve("src"), tmp.resolve("dir.car"), big);
        Path out = tmp.resolve("out");
        try (CarFile file = CarFile.open(tmp.resolve("dir.car")); CarFile.Reads reads = file.reads(threads)) {
            assertThat(new Reassembler().writeTree(root, reads, out).bytes()).isEqualTo(big.length + 6);
            reads.accepted();
            assertThat(reads.verifyRest()).isEqualTo(file.sectionCount());
        }
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(big);
        assertThat(out.resolve("sub/small.txt")).hasContent("small");
    }

    @ParameterizedTest(name = "{0} read-ahead threads")
    @ValueSource(ints = {0, 2})
    void aCorruptLeafInTheMiddleFailsThePlacementNamingItsOffset(int threads, @TempDir Path tmp) throws IOException {
        byte[] big = new byte[24 * MIB + 5];
        new Random(5).nextBytes(big);
        Path path = tmp.resolve("dir.car");
        Cid root = directoryCar(tmp.resolve("src"), path, big);
        long leafOffset;
        try (CarFile file = CarFile.open(path)) {
            leafOffset = file.offsetOf(new ArrayList<>(file.cids()).get(12)).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(path);
        bytes[(int) leafOffset + 100_000] ^= 1;
        Files.write(path, bytes);
        try (CarFile file = CarFile.open(path); CarFile.Reads reads = file.reads(threads)) {
            assertThatThrownBy(() -> new Reassembler().writeTree(root, reads, tmp.resolve("out")))
                    .isInstanceOf(CorruptContentException.class)
                    .hasMessageMatching("block hash mismatch: the 1048576 bytes received for \\S+ \\(section at byte offset "
                            + leafOffset + "\\) do not hash to it");
        }
    }

    @Test
    void placementKeepsTheReassemblersLimits(@TempDir Path tmp) throws IOException {
        byte[] big = new byte[3 * MIB];
        Cid root = directoryCar(tmp.resolve("src"), tmp.resolve("dir.car"), big);
        try (CarFile file = CarFile.open(tmp.resolve("dir.car")); CarFile.Reads reads = file.reads(2)) {
            assertThatThrownBy(() -> new Reassembler(ReassemblyLimits.DEFAULTS.withMaxTotalBytes(2 * MIB))
                    .writeTree(root, reads, tmp.resolve("out")))
                    .isInstanceOf(ContentLimitException.class).hasMessageContaining("exceeds the limit of " + 2 * MIB);
        }
    }

    @Test
    void aFileThisProcessWroteFromVerifiedBlocksIsVouchedForWithoutHashing(@TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        Path path = car(tmp, true, false, root);
        try (CarFile file = CarFile.openVerified(path); CarFile.Reads reads = file.reads(2)) {
            Cid extra = new ArrayList<>(file.cids()).get(file.blockCount() - 1);
            byte[] corrupt = reads.fetch(extra).orElseThrow();
            assertThat(extra.matches(corrupt)).isFalse();
            assertThat(reads.hasVerified(extra, corrupt)).as("trusted, not hashed").isTrue();
            assertThat(reads.verifyRest()).isEqualTo(file.sectionCount());
        }
        try (CarFile file = CarFile.open(path); CarFile.Reads reads = file.reads(2)) {
            Cid extra = new ArrayList<>(file.cids()).get(file.blockCount() - 1);
            assertThat(reads.hasVerified(extra, reads.fetch(extra).orElseThrow())).isFalse();
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class);
        }
    }
}
