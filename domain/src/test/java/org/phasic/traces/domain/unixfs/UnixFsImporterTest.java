package org.phasic.traces.domain.unixfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.cid.UnsupportedContentException;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.PBLink;
import org.phasic.traces.domain.dag.PBNode;
import org.phasic.traces.domain.vectors.FileNames;
import org.phasic.traces.domain.vectors.LcgInputStream;
import org.phasic.traces.domain.vectors.MemoryBlocks;
import org.phasic.traces.domain.vectors.Vectors;

class UnixFsImporterTest {

    @Test
    void reportsEveryEntryWithSizes(@TempDir Path dir) throws IOException {
        ImportResult sub = new UnixFsImporter(ImportProfile.KUBO)
                .importPath(Vectors.buildTree("small-tree", "sub/", dir.resolve("sub")));
        assertThat(sub.rootEntry().path()).isEmpty();
        assertEntries(sub, "");
        assertThat(sub.entries()).extracting(ImportedEntry::path).containsExactly("nested/deep.bin", "nested",
                "z.dat", "");

        ImportResult result = new UnixFsImporter(ImportProfile.KUBO)
                .importPath(Vectors.buildTree("small-tree", dir.resolve("all")));
        assertThat(result.rootEntry().path()).isEmpty();
        assertEntries(result, "sub/");
        assertThat(result.entry(".hidden")).isEmpty();
        assertThat(result.entries()).extracting(ImportedEntry::path).containsExactly("B.bin", "a.txt", "a10.dat",
                "a2.dat", "empty.txt", "sub/nested/deep.bin", "sub/nested", "sub/z.dat", "sub", "été.txt", "");
        assertThat(result.rootEntry().dagSize()).isEqualTo(5747); // js-ipfs reported Size 5747 for the tree
    }

    private static void assertEntries(ImportResult result, String sub) {
        assertThat(result.rootEntry().directory()).isTrue();
        assertThat(result.entry(sub + "z.dat")).hasValueSatisfying(e -> {
            assertThat(e.size()).isEqualTo(3000);
            assertThat(e.directory()).isFalse();
            assertThat(e.dagSize()).isEqualTo(3011); // js-ipfs reported Size 3011 for it
        });
        assertThat(result.entry(sub + "nested")).hasValueSatisfying(e -> assertThat(e.directory()).isTrue());
    }

    @Test
    void hiddenNamesAreSkippedUnlessIncluded(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a"), "a");
        Cid without = new UnixFsImporter(ImportProfile.KUBO_V1).importPath(dir).root();
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/x"), "x");
        assertThat(new UnixFsImporter(ImportProfile.KUBO_V1).importPath(dir).root()).isEqualTo(without);
        ImportResult with = new UnixFsImporter(ImportProfile.KUBO_V1).importPath(dir, true);
        assertThat(with.root()).isNotEqualTo(without);
        assertThat(with.entry(".git/x")).isPresent();
    }

    @Test
    void emitsChildrenBeforeParentsAndTheRootLast() throws IOException {
        MemoryBlocks sink = new MemoryBlocks();
        ImportProfile profile = new ImportProfile(0, false, 1024, 174);
        ImportedEntry file = new UnixFsImporter(profile, sink).importFile(new LcgInputStream(1, 174 * 1024 + 5));
        Set<Cid> seen = new HashSet<>();
        for (Block block : sink.blocks()) {
            assertThat(block.cid().matches(block.data())).isTrue();
            if (block.cid().codec() == Multicodec.DAG_PB) {
                assertThat(PBNode.decode(block.data()).links()).extracting(PBLink::hash).allMatch(seen::contains);
            }
            seen.add(block.cid());
        }
        assertThat(sink.blocks().get(sink.blocks().size() - 1).cid()).isEqualTo(file.cid());
        assertThat(sink.blocks()).hasSize(175 + 2 + 1);
    }

    @Test
    void fastDagPbLeafEqualsTheGeneralEncoding() {
        for (int length : new int[] {0, 1, 117, 127, 128, 16383, 16384, 262144}) {
            byte[] chunk = LcgInputStream.bytes(length, 262144);
            byte[] data = java.util.Arrays.copyOf(chunk, length);
            assertThat(UnixFsImporter.dagPbLeaf(chunk, length)).as("length %d", length).isEqualTo(
                    PBNode.of(java.util.List.of(), UnixFsData.file(data, length, new long[0]).encode()).encode());
        }
    }

    @Test
    void refusesDirectoriesThatWouldBeShardedByCount(@TempDir Path dir) throws IOException {
        for (int i = 0; i <= UnixFsImporter.MAX_DIRECTORY_ENTRIES; i++) {
            Files.createFile(dir.resolve("f" + i));
        }
        assertThatThrownBy(() -> new UnixFsImporter(ImportProfile.IPFS_CAR).importPath(dir))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessage("directory " + dir + " has 1001 entries; Kubo and ipfs-car would store it as a HAMT-sharded"
                        + " directory, which is not supported (limits: 1000 entries, 262144 bytes)");
    }

    @Test
    void refusesDirectoriesThatWouldBeShardedBySize(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 900; i++) {
            Files.createFile(dir.resolve(String.format("%03d", i) + "x".repeat(247)));
        }
        assertThatThrownBy(() -> new UnixFsImporter(ImportProfile.KUBO).importPath(dir))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessageMatching("directory .* has \\d+ bytes of entries; Kubo and ipfs-car would store it as a"
                        + " HAMT-sharded directory, which is not supported .*");
    }

    @Test
    void refusesSymbolicLinks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("target"), "t");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));
        assertThatThrownBy(() -> new UnixFsImporter(ImportProfile.KUBO).importPath(dir))
                .isInstanceOf(UnsupportedContentException.class)
                .hasMessage("cannot import " + dir.resolve("link") + ": symbolic links are not supported");
    }

    @Test
    void presetsForACidVersionAreThoseMakingItsNodes() {
        assertThat(ImportProfile.presetsFor(0)).containsExactly(ImportProfile.KUBO);
        assertThat(ImportProfile.presetsFor(1)).containsExactly(ImportProfile.KUBO_V1, ImportProfile.IPFS_CAR);
        assertThat(ImportProfile.presetsFor(2)).isEmpty();
    }

    @Test
    void profilesValidateTheirValues() {
        assertThat(ImportProfile.preset("Kubo-V1")).isEqualTo(ImportProfile.KUBO_V1);
        assertThat(ImportProfile.preset("ipfs-car")).isEqualTo(new ImportProfile(1, true, 1 << 20, 1024));
        assertThatThrownBy(() -> ImportProfile.preset("go")).hasMessage(
                "unknown import preset 'go' (known: kubo, kubo-v1, ipfs-car)");
        assertThatThrownBy(() -> new ImportProfile(2, true, 1, 2)).hasMessage("CID version must be 0 or 1, got 2");
        assertThatThrownBy(() -> ImportProfile.KUBO.withChunkSize(0)).hasMessage(
                "chunk size must be 1..1048576 bytes, got 0");
        assertThatThrownBy(() -> ImportProfile.KUBO.withMaxLinks(1)).hasMessage("max links must be 2..65536, got 1");
    }

    @Test
    void inMemoryFilesImportAsTheSameFolderOnDiskWould(@TempDir Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a10.dat", new byte[300_000]);
        files.put("B.bin", "upper".getBytes(StandardCharsets.UTF_8));
        files.put("a2.dat", new byte[0]);
        assertInMemoryImportsAsOnDisk(files, dir.resolve("ascii"));

        files.put("été.txt", "accented".getBytes(StandardCharsets.UTF_8));
        FileNames.assumeCreatable(files.keySet());
        assertInMemoryImportsAsOnDisk(files, dir.resolve("all"));
    }

    private static void assertInMemoryImportsAsOnDisk(Map<String, byte[]> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }
        for (ImportProfile profile : List.of(ImportProfile.KUBO, ImportProfile.KUBO_V1, ImportProfile.IPFS_CAR)) {
            ImportResult onDisk = new UnixFsImporter(profile).importPath(dir);
            ImportResult inMemory = new UnixFsImporter(profile).importFiles(files);

            assertThat(inMemory.root()).as(profile.toString()).isEqualTo(onDisk.root());
            assertThat(inMemory.entries()).containsExactlyElementsOf(onDisk.entries());
        }
    }

    @Test
    void anEmptyInMemoryDirectoryHasTheCidJsIpfsGivesAnEmptyDirectory() throws IOException {
        // vectors.tsv: tree empty-dir, js-ipfs files/mkdir, Kubo defaults
        assertThat(new UnixFsImporter(ImportProfile.KUBO).importFiles(Map.of()).root())
                .hasToString("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
    }
}
