package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.testing.CliRun;

/** The cached registry belongs to its source: switching sources takes effect at once, both ways. */
class RegistrySourceSwitchTest {
    @TempDir
    Path temp;

    private Cli cli;
    private Path first;
    private Path second;
    private Map<String, String> configured;

    @BeforeEach
    void registries() throws Exception {
        cli = new Cli(temp.resolve("home"));
        first = registryWith("only_in_first");
        second = registryWith("only_in_second");
        configured = Map.of("PHASIC_TRACES_REGISTRY_URL", first.toUri().toString());
    }

    private Path registryWith(String extra) throws Exception {
        ObjectNode registry = BundledEntries.registry();
        ObjectNode traces = (ObjectNode) registry.get("traces");
        traces.set(extra, traces.get("kingman_n3_theta1").deepCopy());
        return Files.writeString(temp.resolve(extra + ".json"), new ObjectMapper().writeValueAsString(registry));
    }

    private CliRun run(String... args) {
        CliRun run = cli.run(configured, args);
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }

    @Test
    void switchingTheRegistryTakesEffectAtOnceInBothDirections() throws Exception {
        assertThat(run("list").out()).contains("only_in_first").doesNotContain("only_in_second");

        String other = "registry.url=" + second.toUri();
        assertThat(run("--set", other, "list").out()).contains("only_in_second").doesNotContain("only_in_first");
        CliRun back = run("list");
        assertThat(back.out()).as("back to the configured registry: %s", back.err()).contains("only_in_first").doesNotContain("only_in_second");
        assertThat(cli.run(configured, "show", "only_in_second").code()).isEqualTo(ExitCode.USAGE);

        Files.delete(second);
        assertThat(run("--offline", "--set", other, "show", "only_in_second").out())
                .as("each source keeps its last good copy").contains("only_in_second");
        assertThat(run("--offline", "list").out()).contains("only_in_first").doesNotContain("only_in_second");
    }

    @Test
    void aFailedRefreshIsOneLineOnStandardErrorNamingTheSourceOnce() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closed + "/registry.json";

        CliRun list = cli.run("--set", "registry.url=" + unreachable, "list");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("kingman_n3_theta1").doesNotContain(unreachable);
        assertThat(list.err().lines().filter(line -> line.contains(unreachable)))
                .singleElement().satisfies(line -> {
                    assertThat(line.split(Pattern.quote(unreachable), -1)).hasSize(2);
                    assertThat(line).contains("using the bundled registry").hasSizeLessThan(200);
                });

        CliRun update = cli.run("--set", "registry.url=" + unreachable, "registry", "update");

        assertThat(update.code()).isEqualTo(ExitCode.FAILED);
        assertThat(update.out()).isEmpty();
        assertThat(update.err().lines().filter(line -> line.contains(unreachable))).hasSize(1);
    }

    @Test
    void theSizeCeilingIsASettingThatTheRefusalNames() throws Exception {
        ObjectNode registry = BundledEntries.registry();
        ObjectNode entry = ((ObjectNode) registry.get("traces").get("kingman_n3_theta1")).deepCopy();
        entry.put("description", "x".repeat(17 * 1024 * 1024));
        ((ObjectNode) registry.get("traces")).set("large_one", entry);
        Path large = Files.writeString(temp.resolve("large.json"), new ObjectMapper().writeValueAsString(registry));
        String location = "registry.url=" + large.toUri();

        CliRun refused = cli.run("--set", location, "--set", "registry.maxBytes=1000000", "registry", "update");

        assertThat(refused.code()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).contains("registry.maxBytes");
        CliRun accepted = cli.run("--set", location, "registry", "update");
        assertThat(accepted.code()).as("a registry over 16 MiB is read by default: %s", accepted.err()).isZero();
        assertThat(cli.run("--offline", "--set", location, "show", "large_one").code()).isZero();
    }
}
