package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import picocli.CommandLine;

/**
 * Expected CIDs were recorded with ipfs_cid (Debian ipfs-cid) and the js-ipfs 0.66.1 node
 * ({@code /api/v0/add?only-hash=true&...}) for the 5 bytes "hello" and a directory d/{h.txt, sub/w.txt}.
 */
class CidCommandTest {

    @TempDir
    Path tmp;
    private Path hello;
    private Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        hello = Files.writeString(tmp.resolve("h.txt"), "hello");
        dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("h.txt"), "hello");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/w.txt"), "world!");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CidCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsKuboDefaultCidV0() {
        assertThat(run(hello.toString())).isZero();
        assertThat(out).hasToString("QmWfVY9y3xjsixTgbd9AorQxH7VtMpzfx2HaWtsoUYecaX\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void cidVersionOneImpliesRawLeavesAsInKubo() {
        assertThat(run("--cid-version", "1", hello.toString())).isZero();
        assertThat(out).hasToString("bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq\n");
    }

    @Test
    void presetsAndChunker() {
        assertThat(run("--preset", "ipfs-car", hello.toString())).isZero();
        assertThat(run("--chunker", "size-2", hello.toString())).isZero();
        assertThat(run("--cid-version=1", "--chunker=size-2", hello.toString())).isZero();
        assertThat(out.toString().split("\n")).containsExactly(
                "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq",
                "QmePCzGD2XAwU6sL1MJMrVCkxFmnwNwzf7Z34H7Zn7Yw35",
                "bafybeicgesbykmheqcwkxjidkw3ohzhivcjzxhc4ptuysl4hq2bdxfdvfq");
    }

    @Test
    void directoriesAreAddedRecursively() {
        assertThat(run(dir.toString())).isZero();
        assertThat(run("--preset", "kubo-v1", dir.toString())).isZero();
        assertThat(out.toString().split("\n")).containsExactly("QmUFFydf8fw4pgGcg2CijLwpYsb4B2hUFjtqfysz36L9SF",
                "bafybeidgce4j2hprn4wl3cg336jhbqgv3t75oi6ezad5u74y5qzeshjdy4");
    }

    @Test
    void maxLinksAndRawLeavesReachTheImporter() throws IOException {
        assertThat(run("--chunker", "size-1", "--max-links", "2", "--raw-leaves", hello.toString())).isZero();
        ImportProfile expected = new ImportProfile(0, true, 1, 2);
        assertThat(out.toString().trim()).isEqualTo(new UnixFsImporter(expected).importPath(hello).root().toString())
                .isNotEqualTo(new UnixFsImporter(expected.withMaxLinks(174)).importPath(hello).root().toString());
    }

    @Test
    void hiddenFilesOnlyWithTheFlag() throws IOException {
        run(dir.toString());
        Files.writeString(dir.resolve(".secret"), "s");
        run(dir.toString());
        run("--hidden", dir.toString());
        String[] lines = out.toString().split("\n");
        assertThat(lines[1]).isEqualTo(lines[0]);
        assertThat(lines[2]).isNotEqualTo(lines[0]);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("--chunker", "rabin", hello.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'rabin' is not a fixed-size chunker; expected size-N");
        assertThat(run("--cid-version", "2", hello.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("CID version must be 0 or 1, got 2");
        assertThat(run("--chunker", "size-2000000", hello.toString())).isEqualTo(2);
        assertThat(run("--preset", "go-ipfs", hello.toString())).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingInputIsAUsageErrorAndOtherFailuresExitOneWithOneLine() throws IOException {
        assertThat(run(tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("no such file: " + tmp.resolve("missing") + "\n");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("h.txt"));
        err.getBuffer().setLength(0);
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err).hasToString("phasic-traces: cannot import " + dir.resolve("link") + ": symbolic links are not supported\n");
    }
}
