package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.BlockSource;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.domain.vectors.FileNames;
import org.phasic.traces.domain.vectors.LcgInputStream;
import org.phasic.traces.domain.vectors.MemoryBlocks;
import org.phasic.traces.domain.vectors.Trees;
import org.phasic.traces.domain.vectors.Vectors;
import org.phasic.traces.domain.vectors.Vectors.Fixture;

/** CARs written by ipfs-car and js-ipfs: they verify, unpack byte-identically, and hold our importer's blocks. */
class CarFixtureTest {

    /** The folder of the tree fixtures (small-tree) whose names are all ASCII. */
    private static final String ASCII_FOLDER = "sub";

    static Stream<Fixture> contentFixtures() {
        return Vectors.fixtures().stream().filter(f -> f.profile() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFixtures")
    void everyBlockVerifiesAndTheRootIsTheRecordedOne(Fixture fixture) throws IOException {
        int blocks = 0;
        try (CarReader reader = new CarReader(new ByteArrayInputStream(Vectors.resource(fixture.car())))) {
            assertThat(reader.header().version()).isEqualTo(1);
            assertThat(reader.roots()).containsExactly(fixture.root());
            for (Block block = reader.next(); block != null; block = reader.next()) {
                assertThat(block.cid().matches(block.data())).isTrue();
                blocks++;
            }
            assertThat(reader.offset()).isEqualTo(Vectors.resource(fixture.car()).length);
        }
        assertThat(blocks).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFixtures")
    void unpacksByteIdenticallyFromAFile(Fixture fixture, @TempDir Path tmp) throws IOException {
        Path car = Files.write(tmp.resolve(fixture.car()), Vectors.resource(fixture.car()));
        try (CarFile file = CarFile.open(car)) {
            assertThat(file.header().roots()).containsExactly(fixture.root());
            assertUnpacksAsExpected(fixture, file, tmp.resolve("out"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFixtures")
    void unpacksByteIdenticallyFromAStream(Fixture fixture, @TempDir Path tmp) throws IOException {
        try (CarStreamBlockSource source = new CarStreamBlockSource(
                new ByteArrayInputStream(Vectors.resource(fixture.car())))) {
            assertUnpacksAsExpected(fixture, source, tmp.resolve("out"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentFixtures")
    void ourImporterMakesExactlyTheFixturesBlocks(Fixture fixture, @TempDir Path tmp) throws IOException {
        MemoryBlocks theirs = blocksOf(fixture);
        MemoryBlocks ours = new MemoryBlocks();
        UnixFsImporter importer = new UnixFsImporter(fixture.profile(), ours);
        String[] content = fixture.content().split(" ");
        Cid root;
        if (content[0].equals("tree")) {
            Path asciiFolderOnDisk = Vectors.buildTree(content[1], ASCII_FOLDER + "/", tmp.resolve("ascii"));
            Cid asciiFolder = importer.importPath(asciiFolderOnDisk).root();
            assertThat(asciiFolder).isEqualTo(new Reassembler().resolve(fixture.root(), ASCII_FOLDER, theirs));
            assertThat(ours.blocks()).allSatisfy(block -> assertThat(theirs.fetch(block.cid())).contains(block.data()));
            root = importer.importPath(Vectors.buildTree(content[1], tmp.resolve("all"))).root();
        } else {
            root = importer.importFile(new LcgInputStream(Integer.parseInt(content[1]), Long.parseLong(content[2])))
                    .cid();
        }
        assertThat(root).isEqualTo(fixture.root());
        for (Block block : theirs.blocks()) {
            assertThat(ours.fetch(block.cid())).contains(block.data());
        }
        assertThat(ours.blocks().stream().map(Block::cid).collect(Collectors.toSet()))
                .isEqualTo(theirs.blocks().stream().map(Block::cid).collect(Collectors.toSet()));
    }

    private static MemoryBlocks blocksOf(Fixture fixture) throws IOException {
        MemoryBlocks blocks = new MemoryBlocks();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(Vectors.resource(fixture.car())))) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                blocks.accept(block);
            }
        }
        return blocks;
    }

    /**
     * Unpacks the fixture and compares it with what it holds. For a tree, its ASCII-named folder comes first, so
     * that part runs even where the JVM cannot create the tree's non-ASCII names (then the rest is skipped).
     */
    private static void assertUnpacksAsExpected(Fixture fixture, BlockSource source, Path out) throws IOException {
        String[] content = fixture.content().split(" ");
        Reassembler reassembler = new Reassembler();
        if (content[0].equals("tree")) {
            Path asciiOut = out.resolveSibling("ascii");
            reassembler.writeTree(fixture.root(), ASCII_FOLDER, source, asciiOut);
            assertTreeIs(Trees.expected(content[1], ASCII_FOLDER + "/"), asciiOut);
            Map<String, byte[]> expected = Trees.expected(content[1]);
            FileNames.assumeCreatable(expected.keySet());
            reassembler.writeTree(fixture.root(), source, out);
            assertTreeIs(expected, out);
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long written = reassembler.writeFile(fixture.root(), source, bytes);
            byte[] expected = LcgInputStream.bytes(Integer.parseInt(content[1]), Integer.parseInt(content[2]));
            assertThat(written).isEqualTo(expected.length);
            assertThat(bytes.toByteArray()).isEqualTo(expected);
        }
    }

    private static void assertTreeIs(Map<String, byte[]> expected, Path out) throws IOException {
        Map<String, byte[]> actual = Trees.read(out);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
    }
}
