package org.phasic.traces.adapter.ipfs.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTarExtractorTest {

    @TempDir
    Path tmp;
    private Path target;
    private Path outside;

    @BeforeEach
    void folders() throws IOException {
        target = Files.createDirectories(tmp.resolve("target"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private List<Path> extract(byte[] tar) throws IOException {
        return SafeTarExtractor.withBasicChecks().extract(new ByteArrayInputStream(tar), target);
    }

    @Test
    void extractsFoldersAndFilesAsJsIpfsWritesThem() throws IOException {
        byte[] tar = new TarBuilder()
                .directory("bafyroot")
                .file("bafyroot/a.txt", "a\n")
                .directory("bafyroot/sub")
                .file("bafyroot/sub/b.txt", "bb\n")
                .build();

        List<Path> written = extract(tar);

        Path root = target.toRealPath().resolve("bafyroot");
        assertThat(written).containsExactly(root, root.resolve("a.txt"), root.resolve("sub"), root.resolve("sub/b.txt"));
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("a\n");
        assertThat(Files.readString(root.resolve("sub/b.txt"))).isEqualTo("bb\n");
    }

    @Test
    void createsMissingParentFoldersAndOverwritesFiles() throws IOException {
        Files.createDirectories(target.resolve("x/y"));
        Files.writeString(target.resolve("x/y/z.txt"), "old content that is longer");

        extract(new TarBuilder().file("x/y/z.txt", "new").file("p/q/r.txt", "r").build());

        assertThat(Files.readString(target.resolve("x/y/z.txt"))).isEqualTo("new");
        assertThat(Files.readString(target.resolve("p/q/r.txt"))).isEqualTo("r");
    }

    @Test
    void longNamesFromPaxGnuAndUstarPrefixAreUsed() throws IOException {
        String longName = "d/" + "n".repeat(150) + ".txt";
        byte[] tar = new TarBuilder()
                .paxPath(longName).file("short-ignored", "pax")
                .gnuLongName("g/" + "m".repeat(120)).file("ignored-too", "gnu")
                .fileWithPrefix("pre/fix", "name.txt", "prefixed")
                .build();

        extract(tar);

        assertThat(Files.readString(target.resolve(longName))).isEqualTo("pax");
        assertThat(Files.readString(target.resolve("g/" + "m".repeat(120)))).isEqualTo("gnu");
        assertThat(Files.readString(target.resolve("pre/fix/name.txt"))).isEqualTo("prefixed");
        assertThat(target.resolve("short-ignored")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/evil", "../evil", "a/../../evil", "a/./b", "a//b", "..", "a\\..\\evil", "C:evil",
        "a/b\u0001c"})
    void refusesUnsafeNames(String name) throws IOException {
        byte[] tar = new TarBuilder().file("ok.txt", "fine").file(name, "evil").build();

        assertThatThrownBy(() -> extract(tar))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageStartingWith("refusing tar entry '");
        assertThat(files(outside)).isEmpty();
        assertThat(tmp.resolve("evil")).doesNotExist();
    }

    @Test
    void refusesSymbolicHardLinksAndDevices() {
        assertThatThrownBy(() -> extract(new TarBuilder().symlink("link", "/etc/passwd").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("links are not extracted");
        assertThatThrownBy(() -> extract(new TarBuilder().hardLink("hard", "/etc/passwd").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("links are not extracted");
        assertThatThrownBy(() -> extract(new TarBuilder().characterDevice("dev").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("devices and FIFOs");
        assertThat(target.resolve("link")).doesNotExist();
    }

    @Test
    void refusesToWriteThroughAnExistingSymbolicLink() throws IOException {
        Files.createSymbolicLink(target.resolve("escape"), outside);
        Files.createSymbolicLink(target.resolve("file-link"), outside.resolve("victim"));

        assertThatThrownBy(() -> extract(new TarBuilder().file("escape/owned.txt", "x").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("not a folder (or is a symbolic link)");
        assertThatThrownBy(() -> extract(new TarBuilder().file("file-link", "x").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("symbolic link");
        assertThat(files(outside)).isEmpty();
    }

    @Test
    void pluggedNameCheckDecidesAboutEachSegment() {
        EntryNameCheck noSecrets = name -> {
            if (name.startsWith("secret")) {
                throw new IllegalArgumentException("secrets are not allowed");
            }
        };
        SafeTarExtractor extractor = new SafeTarExtractor(noSecrets, Long.MAX_VALUE, 100);
        byte[] tar = new TarBuilder().file("dir/secret.key", "k").build();

        assertThatThrownBy(() -> extractor.extract(new ByteArrayInputStream(tar), target))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessage("refusing tar entry 'dir/secret.key': unsafe name 'secret.key': secrets are not allowed");
    }

    @Test
    void checksumMismatchTruncationAndMissingEndAreErrors() {
        assertThatThrownBy(() -> extract(new TarBuilder().corruptNextChecksum().file("a", "a").build()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("checksum mismatch");
        byte[] whole = new TarBuilder().file("a", "x".repeat(2000)).build();
        byte[] truncated = java.util.Arrays.copyOf(whole, 512 + 1000);
        assertThatThrownBy(() -> extract(truncated)).isInstanceOf(EOFException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> extract(new TarBuilder().file("a", "a").buildWithoutEnd()))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("end-of-archive");
    }

    @Test
    void enforcesByteAndEntryLimits() {
        byte[] tar = new TarBuilder().file("a", "12345").file("b", "678901").build();

        assertThatThrownBy(() -> new SafeTarExtractor(new BasicEntryNameCheck(), 10, 100)
                .extract(new ByteArrayInputStream(tar), target))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("limit of 10 bytes");
        assertThatThrownBy(() -> new SafeTarExtractor(new BasicEntryNameCheck(), 100, 1)
                .extract(new ByteArrayInputStream(tar), target))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("more than 1 entries");
    }

    @Test
    void basicCheckRefusesWindowsAndControlTricks() {
        BasicEntryNameCheck check = new BasicEntryNameCheck();
        for (String bad : List.of("", ".", "..", "a/b", "a\\b", "c:", "x\0y", "trailing.", "trailing ")) {
            assertThatThrownBy(() -> check.requireSafe(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        check.requireSafe("trace.json.gz");
        check.requireSafe(".hidden");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }
}
