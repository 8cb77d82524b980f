package org.phasic.traces.adapter.gateway;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.car.CarReader;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;

class BlockSpillTest {
    private static final Block A = Block.of(1, Multicodec.RAW, "0123456789".getBytes(US_ASCII));
    private static final Block B = Block.of(1, Multicodec.RAW, "abcdefghij".getBytes(US_ASCII));
    private static final Block C = Block.of(1, Multicodec.RAW, "ABCDEFGHIJ".getBytes(US_ASCII));

    @Test
    void blocksThatFitStayInMemoryAsTheyWereGiven() throws Exception {
        try (BlockSpill spill = new BlockSpill(20, List.of(A.cid()))) {
            spill.accept(A);
            spill.accept(B);
            spill.accept(A);
            spill.finish();

            assertThat(spill.file()).isEmpty();
            assertThat(spill.memory().orElseThrow().blocks()).containsExactly(A, B);
            assertThat(spill.memory().get().block(B.cid())).containsSame(B);
        }
    }

    @Test
    void blocksBeyondTheThresholdGoToATemporaryCarDeletedOnClose() throws Exception {
        Path file;
        try (BlockSpill spill = new BlockSpill(20, List.of(C.cid()))) {
            spill.accept(A);
            spill.accept(B);
            spill.accept(C);
            spill.finish();

            assertThat(spill.memory()).isEmpty();
            file = spill.file().orElseThrow();
            List<Block> read = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file); CarReader reader = new CarReader(in)) {
                assertThat(reader.roots()).containsExactly(C.cid());
                for (Block block = reader.next(); block != null; block = reader.next()) {
                    read.add(block);
                }
            }
            assertThat(read).containsExactly(A, B, C);
        }
        assertThat(file).doesNotExist();
    }
}
