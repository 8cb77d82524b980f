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
import org.phasic.traces.application.EvaluationService;
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

    private int run(String... args) {
        EvaluationService.Traces lookup = id -> {
            lookedUp.add(id.value());
            if (id.value().equals("kingman_n5_theta1")) {
                return KingmanCoalescent.trace(5);
            }
            if (id.value().equals("unreachable")) {
                throw new TraceUnavailableException("no source could serve " + id, List.of(), Hint.NONE);
            }
            throw new UnknownTraceException(id, Hint.of(Hint.Kind.LIST_TRACES));
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
                "--log-likelihood");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("granularity 100")
                .containsPattern("1\\.0\\s+1\\.607691")
                .containsPattern("1\\.5\\s+1\\.205577");
        String ll = out.toString().lines().filter(l -> l.startsWith("log-likelihood: ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(ll.substring("log-likelihood: ".length())))
                .isCloseTo(Math.log(1.607691) + Math.log(1.205577), within(1e-6));
    }

    @Test
    void automaticGranularityIsReported() {
        assertThat(run("kingman_n5_theta1", "--theta", "1", "--times", "1")).isZero();
        assertThat(out.toString()).contains("granularity 1024");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no id nor file      | 2 | --theta 1 --times 1                                           | give either a trace ID or --file PATH
            theta length        | 2 | kingman_n5_theta1 --theta 1,2 --times 1                        | theta has 2 value(s) but the trace has param_length = 1
            coarse granularity  | 2 | kingman_n5_theta1 --theta 1 --times 1 --granularity 5          | granularity 5 is too coarse
            negative time       | 2 | kingman_n5_theta1 --theta 1 --times 1,-2                       | times[1] = -2.0: must be a finite number >= 0
            hostile id          | 2 | ../etc/passwd --theta 1 --times 1                              | invalid trace id '../etc/passwd'
            unknown id          | 2 | nope --theta 1 --times 1                                       | unknown trace id 'nope'
            unavailable trace   | 1 | unreachable --theta 1 --times 1                                | cannot get trace 'unreachable': no source could serve unreachable
            zero rate           | 1 | kingman_n5_theta1 --theta 0 --times 1                          | evaluation failed: operations[4] (INV): division by zero
            missing file        | 2 | --file /nonexistent/x.json --theta 1 --times 1                 | no such file: /nonexistent/x.json
            """)
    void reportsOneClearErrorLine(String name, int expectedCode, String args, String message) {
        assertThat(run(args.trim().split("\\s+"))).isEqualTo(expectedCode);
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
