package org.phasic.traces.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phasic.traces.domain.registry.Citation;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceCollection;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.out.RegistryFormatException;

class JacksonRegistryCodecTest {
    private final JacksonRegistryCodec codec = new JacksonRegistryCodec();
    private final ObjectMapper plain = StrictMapper.create();

    @Test
    void readsEveryFieldOfTheLiveRegistry() {
        Registry registry = codec.read(LiveRegistry.bytes());

        assertThat(registry.version()).isEqualTo("1.0.0");
        assertThat(registry.updated()).isEqualTo("2025-10-21T22:03:20Z");
        assertThat(registry.traces().keySet()).extracting(TraceId::value).containsExactly(
                "coalescent_n10_theta1", "coalescent_n15_theta1", "coalescent_n20_theta1", "coalescent_n3_theta1", "coalescent_n5_theta1");
        assertThat(registry.collections()).containsOnlyKeys("coalescent_basic");
        assertThat(registry.collections().get("coalescent_basic").traces()).hasSize(5).contains("coalescent_n5_theta1");
        assertThat(registry.collections().get("coalescent_basic").cid()).isEqualTo("bafybei000000000000000000000000000000000000000000000000");

        TraceEntry n5 = registry.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();
        assertThat(n5.cid()).isEqualTo("QmStRuZZVvHNGjcgxPPy7rRMxVzhRmuTgpQ2oPLBJiHEXg");
        assertThat(n5.checksum()).isEqualTo("sha256:6d83554a5edc7968283143b0523415009927546d7e8cde0e260ced464a037046");
        assertThat(n5.license()).isEqualTo("MIT");
        assertThat(n5.graphHash()).isEqualTo("1f4388e29034cf900b51c7e9a13a4c5fbec610bfa3a7d7e14b46183326d6aa59");
        assertThat(n5.files()).containsOnlyKeys("trace.json.gz", "metadata.json");
        assertThat(n5.files().get("trace.json.gz")).isEqualTo(new FileRef("bafybei6d83554a5edc7968283143b0523415009927546d7e8cde0e", 516L, Map.of()));
        TraceMetadata metadata = n5.metadata();
        assertThat(metadata.modelType()).isEqualTo("coalescent");
        assertThat(metadata.domain()).isEqualTo("population-genetics");
        assertThat(metadata.variant()).isEqualTo("kingman");
        assertThat(metadata.paramLength()).isEqualTo(1);
        assertThat(metadata.vertices()).isEqualTo(5);
        assertThat(metadata.created()).isEqualTo("2025-10-21");
        assertThat(metadata.author()).isEqualTo("Kasper Munch <kaspermunch@birc.au.dk>");
        assertThat(metadata.parameters()).containsExactly(new Parameter("theta", "Scaled mutation rate (4*N_e*mu)", "[0, \u221e)", Map.of()));
        assertThat(metadata.citation()).isEqualTo(new Citation("R\u00f8ikjer, Hobolth & Munch (2022)", "10.1007/s11222-022-10155-6",
                "https://doi.org/10.1007/s11222-022-10155-6", Map.of()));
        assertThat(metadata.tags()).containsExactly("coalescent", "kingman", "population-genetics", "basic");
        assertThat(metadata.license()).isEqualTo("MIT");
        assertThat(registry.find(TraceId.of("coalescent_n3_theta1")).orElseThrow().graphHash()).isNull();
        assertThat(registry.pinningServices()).containsOnlyKeys("pinata", "web3storage");
        assertThat(registry.pinningServices().get("web3storage").apiUrl()).isEqualTo("https://api.web3.storage");
        assertThat(registry.pinningServices().get("web3storage").gateway()).isEqualTo("https://w3s.link");
        assertThat(registry.extra()).isEmpty();
    }

    @Test
    void streamingAndSingleEntryReadsGiveTheSameEntriesAsAWholeRead() throws Exception {
        Registry whole = codec.read(LiveRegistry.bytes());
        List<TraceEntry> streamed = new java.util.ArrayList<>();

        codec.readEntries(new ByteArrayInputStream(LiveRegistry.bytes()), streamed::add);

        assertThat(streamed).containsExactlyElementsOf(whole.traces().values());
        TraceEntry first = streamed.get(0);
        byte[] member = plain.writeValueAsBytes(plain.readTree(LiveRegistry.bytes()).get("traces").get(first.id().value()));
        assertThat(codec.readEntry(first.id(), new ByteArrayInputStream(member))).isEqualTo(first);
    }

    @Test
    void aScanHandsOnEachEntryWithTheByteRangeOfItsObjectAndReturnsTheRest() throws Exception {
        byte[] document = LiveRegistry.bytes();
        Registry whole = RegistryTreeMapper.toRegistry(plain.readTree(document));
        List<TraceEntry> seen = new java.util.ArrayList<>();

        Registry rest = codec.scan(new ByteArrayInputStream(document), (entry, offset, length) -> {
            seen.add(entry);
            assertThat(codec.readEntry(entry.id(), new ByteArrayInputStream(document, (int) offset, (int) length))).isEqualTo(entry);
            assertThat(document[(int) offset]).isEqualTo((byte) '{');
            assertThat(document[(int) (offset + length - 1)]).isEqualTo((byte) '}');
        });

        assertThat(seen).containsExactlyInAnyOrderElementsOf(whole.traces().values());
        assertThat(rest.traces()).isEmpty();
        assertThat(rest).isEqualTo(new Registry(whole.version(), whole.updated(), Map.of(), whole.collections(),
                whole.pinningServices(), whole.extra()));
        assertThat(codec.read(document)).isEqualTo(whole);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "[]", "5", "{}", "{\"traces\": []}", "{\"traces\": {\"a_1\": 5}}", "{\"traces\": {\"../x\": {}}}",
        "{\"traces\": {}, \"collections\": []}", "{\"traces\": {}, \"version\": 1}", "{\"traces\": {\"a_1\": {\"cid\": 5}}}",
        "{\"collections\": {\"c\": 5}, \"traces\": {\"a_1\": {\"cid\": \"QmA\", \"files\": []}}}",
        "{\"traces\": {\"a_1\": {\"metadata\": {\"vertices\": \"many\"}}}}", "{\"traces\": {}, \"pinning_services\": {\"p\": []}}"})
    void aScanRefusesWhatTheTreeMappingRefusesWithTheSameMessage(String text) {
        byte[] document = text.getBytes(StandardCharsets.UTF_8);
        Throwable tree = org.assertj.core.api.Assertions.catchThrowable(() -> RegistryTreeMapper.toRegistry(plain.readTree(document)));

        assertThat(tree).isInstanceOf(RegistryFormatException.class);
        assertThatThrownBy(() -> codec.scan(new ByteArrayInputStream(document), (entry, offset, length) -> { }))
                .isInstanceOf(RegistryFormatException.class).hasMessage(tree.getMessage());
    }

    @Test
    void streamingAndSingleEntryReadsNameTheFaultyPath() {
        byte[] document = "{\"version\": \"1.0.0\", \"traces\": {\"ok_1\": {\"cid\": \"QmX\"}, \"../x\": {}}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.readEntries(new ByteArrayInputStream(document), entry -> { }))
                .isInstanceOf(RegistryFormatException.class).hasMessageStartingWith("$.traces");
        byte[] entry = "{\"cid\": 5}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.readEntry(TraceId.of("one_1"), new ByteArrayInputStream(entry)))
                .isInstanceOf(RegistryFormatException.class).hasMessageStartingWith("$.traces.one_1.cid");
    }

    @Test
    void rewritingTheLiveRegistryReproducesItByteForByte() {
        byte[] original = LiveRegistry.bytes();

        byte[] written = codec.toBytes(codec.read(original));

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(original, StandardCharsets.UTF_8) + "\n");
    }

    @Test
    void roundTripGivesAnEqualJsonTree() throws Exception {
        byte[] written = codec.toBytes(codec.read(LiveRegistry.bytes()));

        assertThat(plain.readTree(written)).isEqualTo(plain.readTree(LiveRegistry.bytes()));
    }

    @Test
    void unknownMembersSurviveAtEveryLevel() throws Exception {
        ObjectNode tree = (ObjectNode) plain.readTree(LiveRegistry.bytes());
        tree.put("schema", "https://example.org/registry-schema");
        ObjectNode entry = (ObjectNode) tree.get("traces").get("coalescent_n5_theta1");
        entry.putObject("provenance").put("tool", "phasic 0.22").putArray("steps").add(1).add(new BigDecimal("2.50")).addNull().add(true);
        ObjectNode metadata = (ObjectNode) entry.get("metadata");
        metadata.put("reviewed", false);
        ((ObjectNode) metadata.get("parameters").get(0)).put("default", new BigDecimal("1.0"));
        ((ObjectNode) metadata.get("citation")).put("bibtex", "@article{x}");
        ((ObjectNode) entry.get("files").get("trace.json.gz")).put("encoding", "gzip");
        ((ObjectNode) tree.get("collections").get("coalescent_basic")).put("curator", "km");
        ((ObjectNode) tree.get("pinning_services").get("pinata")).put("requires_key", true);
        byte[] input = plain.writeValueAsBytes(tree);

        Registry registry = codec.read(input);
        JsonNode back = plain.readTree(codec.toBytes(registry));

        assertThat(back).isEqualTo(tree);
        assertThat(registry.extra()).containsEntry("schema", "https://example.org/registry-schema");
        TraceEntry n5 = registry.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();
        assertThat(n5.extra().get("provenance")).isEqualTo(Map.of("tool", "phasic 0.22",
                "steps", java.util.Arrays.asList(1, new BigDecimal("2.50"), null, true)));
        assertThat(n5.metadata().extra()).containsEntry("reviewed", false);
        assertThat(n5.files().get("trace.json.gz").extra()).containsEntry("encoding", "gzip");
        assertThat(back.at("/traces/coalescent_n5_theta1/provenance/steps/1").decimalValue().toPlainString()).isEqualTo("2.50");
    }

    @Test
    void supersededByAndDefectAreReadAndWrittenBack() throws Exception {
        ObjectNode tree = (ObjectNode) plain.readTree(LiveRegistry.bytes());
        ObjectNode entry = (ObjectNode) tree.get("traces").get("coalescent_n5_theta1");
        entry.put("superseded_by", "coalescent_n3_theta1");
        entry.put("defect", "counts every parameterized edge twice, so densities are (2+\u03b8)\u00d7 too high");
        entry.put("later", 1);
        byte[] input = plain.writeValueAsBytes(tree);

        Registry registry = codec.read(input);
        TraceEntry n5 = registry.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();

        assertThat(n5.supersededBy()).isEqualTo("coalescent_n3_theta1");
        assertThat(n5.defect()).isEqualTo("counts every parameterized edge twice, so densities are (2+\u03b8)\u00d7 too high");
        assertThat(n5.extra()).containsOnlyKeys("later");
        assertThat(registry.find(TraceId.of("coalescent_n3_theta1")).orElseThrow().supersededBy()).isNull();
        assertThat(plain.readTree(codec.toBytes(registry))).isEqualTo(tree);
        String written = new String(codec.toBytes(registry), StandardCharsets.UTF_8);
        assertThat(written.indexOf("\"superseded_by\"")).isGreaterThan(written.indexOf("\"graph_hash\": \"1f43"))
                .isLessThan(written.indexOf("\"defect\""));
        assertThatThrownBy(() -> codec.read(new String(input, StandardCharsets.UTF_8)
                .replace("\"superseded_by\":\"coalescent_n3_theta1\"", "\"superseded_by\":3").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RegistryFormatException.class).hasMessageContaining("superseded_by");
    }

    @Test
    void writesKnownMembersInTheLiveOrderThenUnknownOnes() {
        TraceEntry entry = new TraceEntry(TraceId.of("x1"), "Qm", "d",
                new TraceMetadata("m", "dom", null, 2, 3, null, List.of(), null, null, null, List.of("t"), "MIT", Map.of()),
                Map.of(), "sha256:00", "MIT", "ab", orderedExtra());
        Registry registry = new Registry("1.0.0", "2025-01-01T00:00:00Z", Map.of(entry.id(), entry),
                Map.of("c", new TraceCollection("d", "cid", List.of(), Map.of())), Map.of(), Map.of());

        String text = new String(codec.toBytes(registry), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("""
                {
                  "version": "1.0.0",
                  "updated": "2025-01-01T00:00:00Z",
                  "traces": {
                    "x1": {
                      "cid": "Qm",
                      "description": "d",
                      "metadata": {
                        "model_type": "m",
                        "domain": "dom",
                        "param_length": 2,
                        "vertices": 3,
                        "tags": [
                          "t"
                        ],
                        "license": "MIT"
                      },
                      "checksum": "sha256:00",
                      "license": "MIT",
                      "graph_hash": "ab",
                      "zeta": 1,
                      "alpha": "a"
                    }
                  },
                  "collections": {
                    "c": {
                      "description": "d",
                      "cid": "cid",
                      "traces": []
                    }
                  },
                  "pinning_services": {}
                }
                """);
    }

    private static Map<String, Object> orderedExtra() {
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("zeta", 1);
        extra.put("alpha", "a");
        return extra;
    }

    @Test
    void escapesNonAsciiLikeTheOriginalWriter() {
        Registry registry = new Registry("1.0.0", null, Map.of(), Map.of(), Map.of(), Map.of("note", "\u00f8 \u221e \uD83D\uDE00"));

        String text = new String(codec.toBytes(registry), StandardCharsets.UTF_8);

        assertThat(text).contains("\"note\": \"\\u00f8 \\u221e \\ud83d\\ude00\"").endsWith("}\n");
        assertThat(codec.read(text.getBytes(StandardCharsets.UTF_8)).extra()).containsEntry("note", "\u00f8 \u221e \uD83D\uDE00");
    }

    @Test
    void entrySnippetIsTheMemberAsItAppearsInTheFile() {
        Registry registry = codec.read(LiveRegistry.bytes());
        TraceEntry n5 = registry.find(TraceId.of("coalescent_n5_theta1")).orElseThrow();

        String snippet = codec.entrySnippet(n5);

        assertThat(snippet).startsWith("    \"coalescent_n5_theta1\": {\n      \"cid\": \"QmStRuZZ").endsWith("\n    }\n");
        assertThat(LiveRegistry.text()).contains(snippet.stripTrailing());
    }

    @Test
    void extraMemberNamedLikeAKnownFieldIsRefusedOnWrite() {
        Registry registry = new Registry("1.0.0", null, Map.of(), Map.of(), Map.of(), Map.of("traces", "x"));

        assertThatThrownBy(() -> codec.toBytes(registry)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'traces'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                 | {"version": "1.0.0", "traces": {]}     | $.traces      | not valid JSON
            top level array          | []                                     | $             | a registry is a JSON object, found an array
            top level string         | "registry"                             | $             | a registry is a JSON object, found a string
            empty document           | '   '                                  | $             | the document is empty
            traces missing           | {"version": "1.0.0"}                   | $.traces      | missing
            traces an array          | {"traces": []}                         | $.traces      | expected an object, found an array
            entry a string           | {"traces": {"a": "b"}}                 | $.traces.a    | expected an object, found a string
            invalid id               | {"traces": {"../x": {}}}               | $.traces['../x'] | invalid trace id '../x'
            upper-case id            | {"traces": {"Abc": {}}}                | $.traces.Abc  | invalid trace id 'Abc'
            empty id                 | {"traces": {"": {}}}                   | $.traces['']  | invalid trace id: it is empty
            param_length a string    | {"traces": {"a": {"metadata": {"param_length": "1"}}}} | $.traces.a.metadata.param_length | expected an integer, found a string
            vertices fractional      | {"traces": {"a": {"metadata": {"vertices": 2.5}}}}     | $.traces.a.metadata.vertices | expected an integer, found a number
            size_bytes a string      | {"traces": {"a": {"files": {"t.gz": {"size_bytes": "9"}}}}} | $.traces.a.files['t.gz'].size_bytes | expected an integer
            tags not strings         | {"traces": {"a": {"metadata": {"tags": ["x", 3]}}}}   | $.traces.a.metadata.tags[1] | expected a string, found a number
            collections an array     | {"traces": {}, "collections": []}     | $.collections | expected an object, found an array
            duplicate trace id       | {"traces": {"a": {}, "a": {}}}         | $.traces.a    | Duplicate
            duplicate nested key     | {"traces": {"a": {"cid": "x", "cid": "y"}}} | $.traces.a.cid | Duplicate
            trailing content         | {"traces": {}} {}                      | $             | not valid JSON
            """)
    void structuralDefectsNameTheJsonPath(String name, String document, String path, String message) {
        assertThatThrownBy(() -> codec.read(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(RegistryFormatException.class, e -> {
                    assertThat(e.jsonPath()).contains(path);
                    assertThat(e.getMessage()).startsWith(path + ": ").contains(message);
                });
    }

    @Test
    void hostileLongIdIsShownShortened() {
        String id = "a".repeat(10_000);
        String document = "{\"traces\": {\"" + id + "\": {}}}";

        assertThatThrownBy(() -> codec.read(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RegistryFormatException.class)
                .hasMessageContaining("10000 characters, at most 128")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void documentAboveTheSizeLimitIsRefused() {
        JacksonRegistryCodec small = new JacksonRegistryCodec(1024);
        byte[] big = ("{\"traces\": {}, \"pad\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> small.read(big)).isInstanceOf(RegistryFormatException.class)
                .hasMessage("$: the registry document exceeds the limit of 1024 bytes; refusing to read it (raise registry.maxBytes for a larger registry)");
        assertThat(small.read("{\"traces\": {}}".getBytes(StandardCharsets.UTF_8)).traces()).isEmpty();
        assertThatThrownBy(() -> new JacksonRegistryCodec(1024 * 1024).read(" ".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8)))
                .hasMessage("$: the registry document exceeds the limit of 1048576 bytes; refusing to read it (raise registry.maxBytes for a larger registry)");
    }

    @Test
    void readingDoesNotCloseTheCallersStream() throws Exception {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("{\"traces\": {}}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        codec.read(in);

        assertThat(closed[0]).isFalse();
    }

    @Test
    void emptyContainersAndNullsAreTolerated() {
        Registry registry = codec.read("{\"traces\": {\"a\": {\"metadata\": null, \"files\": {}}}}".getBytes(StandardCharsets.UTF_8));

        TraceEntry a = registry.find(TraceId.of("a")).orElseThrow();
        assertThat(a.metadata()).isNull();
        assertThat(a.cid()).isNull();
        assertThat(a.files()).isEmpty();
        assertThat(registry.collections()).isEmpty();
    }
}
