package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** {@code registry init|validate}, run under the real top-level command (registered here as the lead will in it). */
class RegistryCommandTest {
    @TempDir
    Path temp;

    private Path live;


    @BeforeEach
    void copyLiveRegistry() throws Exception {
        live = temp.resolve("live-registry.json");
        try (InputStream in = getClass().getResourceAsStream("live-registry.json")) {
            Files.copy(in, live);
        }
    }

    private CliRun run(String... args) {
        return CliRun.run(Map.of(), temp.resolve("user"), args);
    }

    @Test
    void validateReportsEachDefectOfTheLiveRegistryWithItsPathAndExitsOne() {
        CliRun run = run("registry", "validate", live.toString());

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out().lines()).hasSize(12)
                .contains("11 defects in " + live)
                .anyMatch(line -> line.startsWith("$.traces.coalescent_n5_theta1.files['trace.json.gz'].cid: invalid CID \"bafybei6d8"))
                .anyMatch(line -> line.startsWith("$.collections.coalescent_basic.cid: invalid CID"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validateJsonIsMachineReadable() throws Exception {
        CliRun run = run("registry", "validate", "--json", live.toUri().toString());

        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("traces").asInt()).isEqualTo(5);
        assertThat(result.get("collections").asInt()).isEqualTo(1);
        assertThat(result.get("defects")).hasSize(11);
        assertThat(result.get("defects").get(10).get("path").asText()).isEqualTo("$.collections.coalescent_basic.cid");
    }

    @Test
    void structuralDefectIsReportedWithItsPath() throws Exception {
        Path duplicate = Files.writeString(temp.resolve("dup.json"), "{\"version\": \"1.0.0\", \"traces\": {\"a\": {}, \"a\": {}}}");

        CliRun run = run("registry", "validate", duplicate.toString());

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).startsWith("$.traces.a: not valid JSON: Duplicate").contains("1 defect in ");
    }

    @Test
    void validateFetchRetrievesAndVerifiesEveryTraceOfTheRegistry() throws Exception {
        Path bundled = temp.resolve("bundled-registry.json");
        try (InputStream in = getClass().getResourceAsStream("/org/phasic/traces/app/bundle/registry.json")) {
            Files.copy(in, bundled);
        }

        CliRun run = run("--offline", "registry", "validate", "--fetch", bundled.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).contains("[6/6]", "verified (bundled library)");
        assertThat(run.out()).contains("valid: 6 traces");
    }

    @Test
    void validateFetchReportsATraceWhoseChecksumDoesNotMatch() throws Exception {
        String document;
        try (InputStream in = getClass().getResourceAsStream("/org/phasic/traces/app/bundle/registry.json")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode tree = new ObjectMapper().readTree(document);
        String checksum = tree.at("/traces/kingman_n3_theta1/checksum").asText();
        String wrong = checksum.substring(0, checksum.length() - 1) + (checksum.endsWith("0") ? "1" : "0");
        Path edited = Files.writeString(temp.resolve("edited.json"), document.replace(checksum, wrong));

        CliRun run = run("--offline", "registry", "validate", "--fetch", edited.toString());

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("$.traces.kingman_n3_theta1: not retrievable", "registry checksum", "1 defect");
    }

    @Test
    void initOutputPassesValidate() {
        Path dir = temp.resolve("new-registry");

        CliRun init = run("registry", "init", dir.toString(), "--repo", "alice/traces");
        CliRun validate = run("registry", "validate", dir.resolve("registry.json").toString());

        assertThat(init.code()).isZero();
        assertThat(init.out()).contains("Created a registry in " + dir, "  registry.json", "  .github/workflows/validate.yml", "git: ");
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).isEqualTo("valid: 0 traces, 0 collections in " + dir.resolve("registry.json") + System.lineSeparator());
    }

    @Test
    void initRefusesANonEmptyFolderWithOneLine() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("busy"));
        Files.writeString(dir.resolve("x"), "x");

        CliRun run = run("registry", "init", dir.toString());

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("phasic-traces: " + dir + " is not empty").contains("--force");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun badRepo = run("registry", "init", temp.resolve("d").toString(), "--repo", "nope");
        CliRun badScheme = run("registry", "validate", "ftp://host/registry.json");

        assertThat(badRepo.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badRepo.err()).startsWith("phasic-traces: invalid GitHub repository 'nope'");
        assertThat(badScheme.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badScheme.err().lines()).hasSize(1);
    }

    @Test
    void aMissingFileIsAUsageErrorWithOneLineAndAHint() {
        CliRun run = run("registry", "validate", temp.resolve("nope.json").toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines()).containsExactly("phasic-traces: no such file: " + temp.resolve("nope.json"),
                "  hint: see 'phasic-traces registry validate --help'");
    }

    @Test
    void withoutArgumentTheConfiguredRegistryIsValidated() {
        CliRun run = run("--set", "registry.url=" + live.toUri(), "registry", "validate");

        assertThat(run.code()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).contains("11 defects in " + live);
    }
}
