package org.phasic.traces.domain.car;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
import org.phasic.traces.domain.vectors.LcgInputStream;
import org.phasic.traces.domain.vectors.MemoryBlocks;
import org.phasic.traces.domain.vectors.Trees;
import org.phasic.traces.domain.vectors.Vectors;
import org.phasic.traces.domain.vectors.Vectors.Fixture;

/** CARs written by ipfs-car and js-ipfs: they verify, unpack byte-identically, and hold our importer's blocks. */
class CarFixtureTest {

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
        MemoryBlocks ours = new MemoryBlocks();
        UnixFsImporter importer = new UnixFsImporter(fixture.profile(), ours);
        String[] content = fixture.content().split(" ");
        Cid root = content[0].equals("tree")
                ? importer.importPath(Vectors.buildTree(content[1], tmp)).root()
                : importer.importFile(new LcgInputStream(Integer.parseInt(content[1]), Long.parseLong(content[2])))
                        .cid();
        assertThat(root).isEqualTo(fixture.root());
        Set<Cid> theirs = new HashSet<>();
        try (CarReader reader = new CarReader(new ByteArrayInputStream(Vectors.resource(fixture.car())))) {
            for (Block block = reader.next(); block != null; block = reader.next()) {
                theirs.add(block.cid());
                assertThat(ours.fetch(block.cid())).contains(block.data());
            }
        }
        assertThat(ours.blocks().stream().map(Block::cid).collect(Collectors.toSet())).isEqualTo(theirs);
    }

    private static void assertUnpacksAsExpected(Fixture fixture, BlockSource source, Path out) throws IOException {
        String[] content = fixture.content().split(" ");
        Reassembler reassembler = new Reassembler();
        if (content[0].equals("tree")) {
            reassembler.writeTree(fixture.root(), source, out);
            Map<String, byte[]> expected = Trees.expected(content[1]);
            Map<String, byte[]> actual = Trees.read(out);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long written = reassembler.writeFile(fixture.root(), source, bytes);
            byte[] expected = LcgInputStream.bytes(Integer.parseInt(content[1]), Integer.parseInt(content[2]));
            assertThat(written).isEqualTo(expected.length);
            assertThat(bytes.toByteArray()).isEqualTo(expected);
        }
    }
}
