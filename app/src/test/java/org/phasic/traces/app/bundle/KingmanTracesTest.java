package org.phasic.traces.app.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.ports.out.TraceCodec;

class KingmanTracesTest {
    private final TraceCodec codec = new JacksonTraceCodec();

    private static byte[] committed(int n, String file) throws IOException {
        Path committed = Path.of(KingmanTraces.SOURCE_DIR, KingmanTraces.id(n), file);
        assertThat(committed).as("committed file %s (run KingmanTraces to generate it)", committed).isRegularFile();
        return Files.readAllBytes(committed);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void committedFilesAreExactlyWhatTheGeneratorWrites(int n) throws IOException {
        Map<String, byte[]> generated = KingmanTraces.files(n, codec);
        assertThat(generated).containsOnlyKeys(KingmanTraces.TRACE_FILE, KingmanTraces.METADATA_FILE);
        for (Map.Entry<String, byte[]> file : generated.entrySet()) {
            assertThat(committed(n, file.getKey()))
                    .as("%s/%s differs from the generator's output: regenerate with KingmanTraces", KingmanTraces.id(n), file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void committedTraceIsTheRecordedKingmanTrace(int n) throws IOException {
        EliminationTrace trace = codec.read(new ByteArrayInputStream(committed(n, KingmanTraces.TRACE_FILE)));
        assertThat(trace).isEqualTo(KingmanCoalescent.trace(n));
        assertThat(trace.instantiate(new double[] {1.0}).totalOutRate(0)).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 15, 20})
    void metadataHasTheRegistryFields(int n) throws IOException {
        JsonNode m = new ObjectMapper().readTree(committed(n, KingmanTraces.METADATA_FILE));
        assertThat(m.path("model_type").asText()).isEqualTo("coalescent");
        assertThat(m.path("domain").asText()).isEqualTo("population-genetics");
        assertThat(m.path("variant").asText()).isEqualTo("kingman");
        assertThat(m.path("param_length").asInt()).isEqualTo(1);
        assertThat(m.path("vertices").asInt()).isEqualTo(n);
        assertThat(m.path("description").asText()).contains("n=" + n + " ");
        assertThat(m.path("parameters").get(0).path("name").asText()).isEqualTo("theta");
        assertThat(m.path("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(m.path("author").asText()).isNotBlank();
        assertThat(m.path("citation").path("text").asText()).isEqualTo("R\u00f8ikjer, Hobolth & Munch (2022)");
        assertThat(m.path("citation").path("doi").asText()).isEqualTo("10.1007/s11222-022-10155-6");
        assertThat(m.path("tags").toString()).contains("coalescent", "kingman");
        assertThat(m.path("license").asText()).isEqualTo("MIT");
    }

    @Test
    void writeAllLaysOutOneDirectoryPerTrace(@TempDir Path dir) throws IOException {
        KingmanTraces.writeAll(dir, codec);
        for (int n : KingmanTraces.SAMPLE_SIZES) {
            assertThat(Files.readAllBytes(dir.resolve(KingmanTraces.id(n)).resolve(KingmanTraces.TRACE_FILE)))
                    .isEqualTo(committed(n, KingmanTraces.TRACE_FILE));
        }
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("kingman_n3_theta1", "kingman_n5_theta1", "kingman_n10_theta1",
                            "kingman_n15_theta1", "kingman_n20_theta1");
        }
    }
}
