package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.CorruptContentException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.cid.Varint;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportedEntry;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/** {@link CarFile#reads()}: the walk verifies what it fetched, {@code verifyRest} hashes exactly the rest. */
class CarFileReadsTest {
    private static final int SIZE = 3 * 1024 * 1024 + 17;

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

    @Test
    void aCompleteWalkLeavesOnlyTheBlocksOutsideTheTree(@TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, false, false, root))) {
            CarFile.Reads reads = file.reads();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(new Reassembler().writeFile(root[0], reads, out)).isEqualTo(SIZE);
            reads.accepted();
            assertThat(reads.verifyRest()).isEqualTo(file.sectionCount()).isEqualTo(file.blockCount());
        }
    }

    @Test
    void aCorruptBlockOutsideTheTreeIsFound(@TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, true, false, root))) {
            CarFile.Reads reads = file.reads();
            new Reassembler().verifyTree(root[0], reads);
            reads.accepted();
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class)
                    .hasMessageStartingWith("block hash mismatch at byte offset ");
        }
    }

    @Test
    void aCorruptDuplicateSectionIsFoundThoughTheWalkUsedTheGoodCopy(@TempDir Path tmp) throws IOException {
        Cid[] root = new Cid[1];
        try (CarFile file = CarFile.open(car(tmp, false, true, root))) {
            CarFile.Reads reads = file.reads();
            new Reassembler().verifyTree(root[0], reads);
            reads.accepted();
            assertThat(file.sectionCount()).isEqualTo(file.blockCount() + 1);
            assertThatThrownBy(reads::verifyRest).isInstanceOf(CorruptContentException.class)
                    .hasMessageContaining("bytes do not hash to bafk");
        }
    }
}
