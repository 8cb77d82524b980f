package org.phasic.traces.domain.car;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.ContentLimitException;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.domain.vectors.MemoryBlocks;
import org.phasic.traces.domain.vectors.Vectors;

class CarStreamBlockSourceTest {

    private static byte[] car(Cid root, List<Block> blocks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, root)) {
            for (Block block : blocks) {
                writer.accept(block);
            }
        }
        return out.toByteArray();
    }

    @Test
    void parentsFirstCarsStreamWithATinyBufferEvenWithRepeatedChunks() throws IOException {
        MemoryBlocks blocks = new MemoryBlocks();
        byte[] zeros = new byte[64 * 500];
        Cid root = new UnixFsImporter(new ImportProfile(1, true, 64, 174), blocks)
                .importFile(new ByteArrayInputStream(zeros)).cid();
        List<Block> parentsFirst = new ArrayList<>(blocks.blocks());
        Collections.reverse(parentsFirst);
        // distinct blocks: the zero leaf, a full node (twice in the file), the last partial node, the root
        assertThat(parentsFirst).hasSize(4);
        try (CarStreamBlockSource source = new CarStreamBlockSource(
                new ByteArrayInputStream(car(root, parentsFirst)), 64 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Reassembler().writeFile(root, source, out);
            assertThat(out.toByteArray()).isEqualTo(zeros);
        }
    }

    @Test
    void rootLastCarsNeedABufferAsBigAsTheirBlocks() throws IOException {
        byte[] ipfsCar = Vectors.resource("small-tree.ipfs-car.car");
        Cid root = new CarReader(new ByteArrayInputStream(ipfsCar)).roots().get(0);
        try (CarStreamBlockSource source = new CarStreamBlockSource(new ByteArrayInputStream(ipfsCar), 1000)) {
            assertThatThrownBy(() -> new Reassembler().verifyTree(root, source))
                    .isInstanceOf(ContentLimitException.class)
                    .hasMessage("more than 1000 bytes of CAR blocks arrived ahead of the traversal (the CAR is not in"
                            + " traversal order); read it from a file instead");
        }
    }

    @Test
    void aBlockDroppedFromTheBufferCannotBeFetchedAgain() throws IOException {
        Block a = Block.of(1, Multicodec.RAW, "a".repeat(600).getBytes(US_ASCII));
        Block b = Block.of(1, Multicodec.RAW, "b".repeat(600).getBytes(US_ASCII));
        try (CarStreamBlockSource source = new CarStreamBlockSource(
                new ByteArrayInputStream(car(a.cid(), List.of(a, b))), 1000)) {
            assertThat(source.fetch(a.cid())).contains(a.data());
            assertThat(source.fetch(a.cid())).contains(a.data());
            assertThat(source.offsetOf(a.cid())).isPresent();
            assertThat(source.fetch(b.cid())).contains(b.data());
            assertThatThrownBy(() -> source.fetch(a.cid())).isInstanceOf(ContentLimitException.class)
                    .hasMessage("block " + a.cid() + " was needed again after it was dropped from the CAR stream"
                            + " buffer (limit 1000 bytes); read the CAR from a file instead");
            Cid absent = Block.of(1, Multicodec.RAW, new byte[1]).cid();
            assertThat(source.fetch(absent)).isEmpty();
        }
    }
}
