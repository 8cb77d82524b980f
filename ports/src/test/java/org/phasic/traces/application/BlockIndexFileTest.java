package org.phasic.traces.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;

class BlockIndexFileTest {
    @TempDir
    Path tmp;

    private final byte[] directory = "a directory block".getBytes();
    private final Cid directoryCid = Cid.compute(1, Multicodec.DAG_PB, directory);
    private final Cid leafCid = Cid.compute(1, Multicodec.RAW, "leaf".getBytes());

    private BlockIndexFile.Proven trace(Path object) {
        VerifiedBlockIndex.Derived derived = new VerifiedBlockIndex.Derived(
                Map.of(directoryCid, new VerifiedBlockIndex.Inline(directory),
                        leafCid, new VerifiedBlockIndex.Chunk(object, 7, 4, true)),
                Map.of(directoryCid, new VerifiedBlockIndex.EntryInfo(true, 4), leafCid, new VerifiedBlockIndex.EntryInfo(false, 4)));
        return new BlockIndexFile.Proven(new BlockIndexFile.Stamp("some_trace", directoryCid.toString(), 1, 11), derived);
    }

    @Test
    void whatIsWrittenIsReadBackWithFilesResolvedAgainstTheIndexFolder() throws Exception {
        Path object = Files.writeString(Files.createDirectories(tmp.resolve("store/objects")).resolve("obj"), "0123456leaf");
        BlockIndexFile file = new BlockIndexFile(tmp.resolve("serve/block-index"));
        assertThat(file.read()).isEmpty();

        file.write(List.of(trace(object)));

        BlockIndexFile.Contents contents = file.read().orElseThrow();
        assertThat(contents.stale()).isZero();
        assertThat(contents.traces()).singleElement().satisfies(read -> {
            assertThat(read.stamp()).isEqualTo(trace(object).stamp());
            assertThat(read.derived().entries()).isEqualTo(trace(object).derived().entries());
            assertThat(read.derived().blocks().get(leafCid)).isEqualTo(new VerifiedBlockIndex.Chunk(object, 7, 4, true));
            assertThat(((VerifiedBlockIndex.Inline) read.derived().blocks().get(directoryCid)).data()).isEqualTo(directory);
        });
        try (var listing = Files.list(tmp.resolve("serve"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no staging file left").containsExactly("block-index");
        }
    }

    @Test
    void everyAlteredByteAndEveryTruncationIsRefused() throws Exception {
        Path object = Files.writeString(tmp.resolve("obj"), "0123456leaf");
        BlockIndexFile file = new BlockIndexFile(tmp.resolve("block-index"));
        file.write(List.of(trace(object)));
        byte[] good = Files.readAllBytes(file.path());
        for (int i = 0; i < good.length; i++) {
            byte[] altered = good.clone();
            altered[i] ^= 0x10;
            Files.write(file.path(), altered);
            assertThatThrownBy(file::read).as("byte %d altered", i).isInstanceOf(BlockIndexFile.InvalidIndexException.class);
        }
        for (int length = 0; length < good.length; length += 7) {
            Files.write(file.path(), Arrays.copyOf(good, length));
            assertThatThrownBy(file::read).as("cut to %d bytes", length).isInstanceOf(BlockIndexFile.InvalidIndexException.class);
        }
    }

    @Test
    void aTraceWhoseStoredFileIsGoneIsLeftOutAndCounted() throws Exception {
        Path kept = Files.writeString(tmp.resolve("kept"), "0123456leaf");
        Path gone = Files.writeString(tmp.resolve("gone"), "0123456leaf");
        BlockIndexFile file = new BlockIndexFile(tmp.resolve("block-index"));
        file.write(List.of(trace(kept), trace(gone)));
        Files.delete(gone);

        BlockIndexFile.Contents contents = file.read().orElseThrow();

        assertThat(contents.stale()).isEqualTo(1);
        assertThat(contents.traces()).singleElement()
                .satisfies(read -> assertThat(read.derived().blocks().get(leafCid)).isEqualTo(new VerifiedBlockIndex.Chunk(kept, 7, 4, true)));
    }
}
