package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.phasic.traces.application.EvaluationService;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.LocalTrace;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.TraceUnavailableException;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import picocli.CommandLine;

class EvalCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> lookedUp = new ArrayList<>();
    @TempDir
    Path dir;

    /** A registry entry declaring theta's domain as the bundled Kingman entries do. */
    static TraceEntry kingmanEntry(String id, String thetaDomain) {
        TraceMetadata metadata = new TraceMetadata("coalescent", "population-genetics", "kingman", 1, 5, "d",
                List.of(new Parameter("theta", "scaled mutation rate", thetaDomain, Map.of())), null, null, null, List.of(),
                "MIT", Map.of());
        return new TraceEntry(TraceId.of(id), "QmVPMctTsuN5R9BA4DhTtPfg7XSwWQkAwiLutjZqK1g122", "d", metadata, Map.of(),
                "sha256:00", "MIT", null, Map.of());
    }

    private static LoadedTrace loaded(TraceEntry entry) {
        return new LoadedTrace(new LocalTrace(entry, Provenance.STORE, entry.cid(), Map.of()), KingmanCoalescent.trace(5));
    }

    private int run(String... args) {
        GetTraceUseCase lookup = (id, force) -> {
            lookedUp.add(id.value());
            return switch (id.value()) {
                case "kingman_n5_theta1" -> loaded(kingmanEntry(id.value(), "(0, \u221e)"));
                case "undeclared_domain" -> loaded(kingmanEntry(id.value(), "positive reals"));
                case "superseded" -> loaded(kingmanEntry(id.value(), "(0, \u221e)").supersede(TraceId.of("kingman_n5_theta1"),
                        "counts every edge twice"));
                case "unreachable" -> throw new TraceUnavailableException("no source could serve " + id, List.of(), Hint.NONE);
                default -> throw new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES));
            };
        };
        CommandLine cli = new CommandLine(new EvalCommand(() -> new EvaluationService(lookup, new JacksonTraceCodec())));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path publishedFile() throws IOException {
        Path file = dir.resolve("coalescent_n5_theta1.trace.json");
        try (InputStream in = getClass().getResourceAsStream("/org/phasic/traces/app/codec/coalescent_n5_theta1.trace.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void printsDensitiesAsJson() throws IOException {
        int code = run("kingman_n5_theta1", "--theta", "1.0", "--times", "1.0,1.5", "--granularity", "10000", "--json",
                "--log-likelihood");
        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("trace").asText()).isEqualTo("kingman_n5_theta1");
        assertThat(result.path("granularity").asInt()).isEqualTo(10000);
        assertThat(result.path("method").asText()).isEqualTo("discretised");
        assertThat(result.path("relative_error").get(0).asDouble()).isBetween(1e-6, 1e-3);
        assertThat(result.path("log_likelihood_floored").asInt()).isZero();
        assertThat(result.path("pdf").get(0).asDouble()).isCloseTo(0.529790, within(1e-4));
        assertThat(result.path("pdf").get(1).asDouble()).isCloseTo(0.399020, within(1e-4));
        assertThat(result.path("log_likelihood").asDouble())
                .isCloseTo(Math.log(result.path("pdf").get(0).asDouble()) + Math.log(result.path("pdf").get(1).asDouble()),
                        within(1e-12));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void evaluatesALocalFileAsPhasicDoes() throws IOException {
        int code = run("--file", publishedFile().toString(), "--theta", "1", "--times", "1.0,1.5", "--granularity", "100",
                "--log-likelihood", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertThat(result.path("granularity").asInt()).isEqualTo(100);
        assertThat(result.path("pdf").get(0).asDouble()).isCloseTo(1.607691, within(1e-6));
        assertThat(result.path("pdf").get(1).asDouble()).isCloseTo(1.205577, within(1e-6));
        assertThat(result.path("log_likelihood").asDouble()).isCloseTo(Math.log(1.607691) + Math.log(1.205577), within(1e-6));
    }

    @Test
    void theExactDensityIsTheDefaultAndSaysSo() {
        assertThat(run("kingman_n5_theta1", "--theta", "1", "--times", "1,1.5", "--log-likelihood")).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("exact density (uniformisation; relative error below 1e-10)")
                .containsPattern("1\\.0\\s+0\\.5297895[0-9]{3}\\n")
                .containsPattern("log-likelihood: -1\\.55401827[0-9]\\n")
                .doesNotContain("granularity");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void discretisedDensitiesShowOnlyTheDigitsTheirErrorSupports() {
        assertThat(run("kingman_n5_theta1", "--theta", "1", "--times", "1", "--granularity", "1024")).as(err.toString()).isZero();
        // 0.5303765 against the exact 0.5297896: 0.11 % off, so three significant digits
        assertThat(out.toString())
                .contains("discretised density (phasic's forward algorithm, granularity 1024; estimated relative error up to 1.1e-03)")
                .containsPattern("1\\.0\\s+0\\.530\\n");
    }

    @Test
    void theLogLikelihoodFloorIsReportedWhenHit() throws IOException {
        assertThat(run("kingman_n5_theta1", "--theta", "1", "--times", "1,80", "--log-likelihood")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(1 of 2 densities were below 1e-10 and counted as 1e-10, as phasic does)");
        out.getBuffer().setLength(0);
        assertThat(run("kingman_n5_theta1", "--theta", "1", "--times", "1,80", "--log-likelihood", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("log_likelihood_floored").asInt()).isEqualTo(1);
    }

    @Test
    void aSupersededTraceIsEvaluatedWithOneWarning() throws IOException {
        assertThat(run("superseded", "--theta", "1", "--times", "1", "--json")).as(err.toString()).isZero();
        assertThat(err.toString()).isEqualTo("warning: superseded is superseded by kingman_n5_theta1: counts every edge twice"
                + System.lineSeparator());
        assertThat(new ObjectMapper().readTree(out.toString()).path("warning").asText()).startsWith("superseded is superseded");
    }

    @Test
    void domainsInUnknownNotationAreNotChecked() {
        run("undeclared_domain", "--theta", "-1", "--times", "1");
        assertThat(err.toString()).doesNotContain("domain");
        err.getBuffer().setLength(0);
        assertThat(run("undeclared_domain", "--theta", "2", "--times", "1")).as(err.toString()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no id nor file      | 2 | --theta 1 --times 1                                           | give either a trace ID or --file PATH
            theta length        | 2 | kingman_n5_theta1 --theta 1,2 --times 1                        | theta has 2 value(s) but the trace has param_length = 1
            coarse granularity  | 2 | kingman_n5_theta1 --theta 1 --times 1 --granularity 5          | granularity 5 is too coarse
            theta below domain  | 2 | kingman_n5_theta1 --theta -1 --times 1                         | theta[0] = -1.0 is outside the domain of theta, (0, ∞), that kingman_n5_theta1 declares
            too many steps      | 2 | kingman_n5_theta1 --theta 1 --times 1e9                        | no granularity fits times[0] = 1.0E9
            negative time       | 2 | kingman_n5_theta1 --theta 1 --times 1,-2                       | times[1] = -2.0: must be a finite number >= 0
            hostile id          | 2 | ../etc/passwd --theta 1 --times 1                              | invalid trace id '../etc/passwd'
            unknown id          | 2 | nope --theta 1 --times 1                                       | unknown trace id 'nope'
            unavailable trace   | 1 | unreachable --theta 1 --times 1                                | cannot get trace 'unreachable': no source could serve unreachable
            theta on open bound | 2 | kingman_n5_theta1 --theta 0 --times 1                          | theta[0] = 0.0 is outside the domain of theta, (0, ∞)
            zero rate in file   | 2 | --file PUBLISHED --theta 0 --times 1                           | the trace cannot be evaluated at theta = [0.0]: operations[
            missing file        | 2 | --file /nonexistent/x.json --theta 1 --times 1                 | no such file: /nonexistent/x.json
            """)
    void reportsOneClearErrorLine(String name, int expectedCode, String args, String message) throws IOException {
        String published = publishedFile().toString();
        assertThat(run(args.replace("PUBLISHED", published).trim().split("\\s+"))).as(err.toString()).isEqualTo(expectedCode);
        assertThat(err.toString()).startsWith("phasic-traces: ").contains(message);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
        if (name.equals("hostile id")) {
            assertThat(lookedUp).isEmpty();
        }
    }

    @Test
    void reportsAnInvalidFile() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"operations\": []}");
        assertThat(run("--file", bad.toString(), "--theta", "1", "--times", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read " + bad + ": invalid trace: vertex_rates: missing");
    }

    @Test
    void rejectsIdTogetherWithFile() throws IOException {
        assertThat(run("kingman_n5_theta1", "--file", publishedFile().toString(), "--theta", "1", "--times", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("give either a trace ID or --file PATH");
    }

    @Test
    void malformedNumbersAreUsageErrors() {
        assertThat(run("kingman_n5_theta1", "--theta", "abc", "--times", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("abc");
    }
}
