package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** {@code get ID --dir DIR} with the bundled library: the whole verified folder, never overwriting without --force. */
class GetFolderTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theWholeFolderIsWrittenAndEachFilePrinted() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path dir = temp.resolve("out/nested");

        CliRun run = cli.run("--offline", "get", ID, "--dir", dir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(names(dir)).contains("trace.json.gz", "metadata.json").noneMatch(name -> name.startsWith("."));
        assertThat(names(dir).size()).as("every entry of the directory").isGreaterThanOrEqualTo(2);
        assertThat(run.out().lines().map(Path::of).toList()).containsExactlyInAnyOrderElementsOf(
                names(dir).stream().map(dir::resolve).toList());
        assertThat(run.err()).contains("from bundled library", "verified");
        Path stored = cli.run("--offline", "get", ID).firstLine();
        assertThat(Files.readAllBytes(dir.resolve("trace.json.gz"))).isEqualTo(Files.readAllBytes(stored));
    }

    @Test
    void anExistingFileIsKeptWithoutForceAndReplacedWithIt() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path dir = Files.createDirectories(temp.resolve("out"));
        Files.writeString(dir.resolve("metadata.json"), "mine");

        CliRun refused = cli.run("--offline", "get", ID, "--dir", dir.toString());

        assertThat(refused.code()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("metadata.json exists already; nothing was written", "--force");
        assertThat(names(dir)).containsExactly("metadata.json");
        assertThat(Files.readString(dir.resolve("metadata.json"))).isEqualTo("mine");

        CliRun forced = cli.run("--offline", "get", ID, "--dir", dir.toString(), "--force", "--json");

        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(dir.resolve("metadata.json"))).contains("\"vertices\": 5");
        assertThat(forced.out()).contains("\"dir\"", "\"files\"", "trace.json.gz");
        assertThat(names(dir)).noneMatch(name -> name.startsWith(".phasic-traces-"));
    }

    @Test
    void aFileInPlaceOfTheFolderIsAUsageError() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path file = Files.writeString(temp.resolve("file"), "x");

        CliRun run = cli.run("--offline", "get", ID, "--dir", file.toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("is not a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
