package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.testing.CliRun;

/** The real registry file (a copy of ../shared/data/phasic-traces/registry.json) through the CLI. */
class LiveRegistryTest {
    @TempDir
    Path temp;
    private Path live;

    @BeforeEach
    void copyTheLiveRegistry() throws Exception {
        live = temp.resolve("registry.json");
        try (InputStream in = getClass().getResourceAsStream("live-registry.json")) {
            Files.copy(in, live);
        }
    }


    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", temp.resolve("home").toString(), "--set",
                "registry.url=" + live.toUri()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), temp, all);
    }

    @Test
    void listsItsFiveTracesBesideTheBundledOnesAndWarnsOnceAboutTheMockFileCids() {
        CliRun run = run("list", "--model-type", "coalescent", "--search", "coalescent_n");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().skip(1).map(line -> line.split(" +")[0]).toList()).containsExactly(
                "coalescent_n3_theta1", "coalescent_n5_theta1", "coalescent_n10_theta1", "coalescent_n15_theta1",
                "coalescent_n20_theta1");
        assertThat(run.err().split("not valid CIDs", -1)).as(run.err()).hasSize(2);
        assertThat(run.err()).contains("10 file CID(s)", "$.traces.coalescent_n10_theta1.files.");
    }

    @Test
    void showsItsCollection() {
        CliRun run = run("install", "--collection", "no_such_collection");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("coalescent_basic");
    }

    @Test
    void offlineATraceTheRegistryNamesByAnotherCidFallsBackToTheBundledCopy() {
        assertThat(run("list").code()).isZero();

        CliRun run = run("--offline", "get", "coalescent_n5_theta1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("using the bundled copy of coalescent_n5_theta1", "QmStRuZZVvHNGjcgxPPy7rRMxVzhRmuTgpQ2oPLBJiHEXg");
    }
}
