package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.ExitCode;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Method;
import org.phasic.traces.ports.in.InvalidInputException;

/** The bundled registry's guardrails, offline: the superseded published trace warns, θ outside its domain is refused. */
class ScienceGuardrailsTest {
    private static final String WARNING = "coalescent_n5_theta1 is superseded by kingman_n5_theta1: it counts every"
            + " parameterized edge twice, so densities are (2+\u03b8)\u00d7 too high";

    @TempDir
    Path temp;

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    @Test
    void getShowAndEvalWarnOnceAboutTheSupersededTraceEvenWhenQuiet() throws Exception {
        Cli cli = new Cli(temp.resolve("home"));
        for (List<String> args : List.of(List.of("get", "coalescent_n5_theta1"), List.of("-q", "get", "coalescent_n5_theta1"),
                List.of("show", "coalescent_n5_theta1"), List.of("eval", "coalescent_n5_theta1", "--theta", "1", "--times", "1"))) {
            List<String> all = new ArrayList<>(List.of("--offline"));
            all.addAll(args);
            CliRun run = cli.run(all.toArray(String[]::new));
            assertThat(run.code()).as(args + ": " + run.err()).isZero();
            assertThat(count(run.err(), WARNING)).as(args + ": " + run.err()).isEqualTo(1);
            assertThat(run.out()).as(args.toString()).doesNotContain("warning");
        }
        CliRun sound = cli.run("--offline", "get", "kingman_n5_theta1");
        assertThat(sound.err()).doesNotContain("superseded").doesNotContain("warning");

        CliRun json = cli.run("--offline", "show", "coalescent_n5_theta1", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).path("superseded_by").asText()).isEqualTo("kingman_n5_theta1");
        assertThat(cli.run("--offline", "show", "coalescent_n5_theta1").out()).contains("superseded   by kingman_n5_theta1");
    }

    @Test
    void thetaOutsideTheDeclaredDomainIsAUsageError() {
        Cli cli = new Cli(temp.resolve("home"));
        for (String theta : new String[] {"-1", "0"}) {
            CliRun run = cli.run("--offline", "eval", "kingman_n5_theta1", "--theta", theta, "--times", "1");
            assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("is outside the domain of theta, (0, \u221e), that kingman_n5_theta1 declares");
            assertThat(run.out()).isEmpty();
        }
        CliRun published = cli.run("--offline", "eval", "coalescent_n5_theta1", "--theta", "-1", "--times", "1");
        assertThat(published.code()).isEqualTo(ExitCode.USAGE);
        assertThat(published.err()).contains("theta[0] = -1.0 is outside the domain of theta, [0, \u221e)").doesNotContain("13740");
    }

    @Test
    void theFacadeWarnsThroughItsNoticesOncePerTrace() {
        List<String> notices = new ArrayList<>();
        try (PhasicTraces client = PhasicTraces.builder().home(temp.resolve("home")).offline(true).environment(Map.of())
                .notices(notices::add).build()) {
            assertThat(client.trace("coalescent_n5_theta1").warning()).contains(WARNING);
            client.show("coalescent_n5_theta1");
            Evaluation evaluation = client.evaluate("coalescent_n5_theta1", new double[] {1.0}, new double[] {1.0}, 0);
            assertThat(evaluation.method()).isEqualTo(Method.EXACT);
            assertThat(evaluation.pdf()[0]).as("(2+θ)× too high").isCloseTo(3 * 0.529790, within(2e-6));
            client.trace("kingman_n5_theta1");
            assertThatThrownBy(() -> client.evaluate("kingman_n5_theta1", new double[] {0.0}, new double[] {1.0}, 0))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(0, \u221e)");
        }
        assertThat(notices).filteredOn(n -> n.contains("superseded")).containsExactly(WARNING);
    }
}
