package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** {@code get ID --output FILE}: a complete copy or a clear refusal, never a staging file left behind. */
class GetOutputTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path temp;

    private static long partFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void theTraceIsCopiedToTheFileAndItsPathPrinted() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.writeString(out.resolve("trace.json.gz"), "an older file");

        CliRun run = cli.run("--offline", "get", ID, "--output", out.resolve("trace.json.gz").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.firstLine()).isEqualTo(out.resolve("trace.json.gz"));
        Path stored = cli.run("--offline", "get", ID).firstLine();
        assertThat(Files.readAllBytes(out.resolve("trace.json.gz"))).isEqualTo(Files.readAllBytes(stored));
        assertThat(partFiles(out)).isZero();
    }

    @Test
    void aFolderAsOutputIsAUsageErrorAndLeavesNothingBehind() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        Path folder = Files.createDirectories(temp.resolve("out"));

        CliRun run = cli.run("--offline", "get", ID, "--output", folder.toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("phasic-traces: --output " + folder + " is a folder; give a file name");
        assertThat(folder).isEmptyDirectory();
        assertThat(partFiles(temp)).isZero();
        assertThat(cli.storeEntries("refs")).as("refused before fetching").isEmpty();
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Cli cli = new Cli(temp.resolve("home"));
        Path target = temp.resolve("missing/trace.json.gz");

        CliRun run = cli.run("--offline", "get", ID, "--output", target.toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).startsWith("phasic-traces: --output " + target + ": the folder " + target.getParent() + " does not exist");
    }
}
