package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;

/**
 * {@code list} reads a downloaded registry through its summary index: what it prints (table and JSON, filtered and
 * naturally sorted) is what the whole registry, parsed, says.
 */
class ListCommandTest {
    @TempDir
    Path temp;

    private Registry parsed;
    private List<String> base;

    @BeforeEach
    void downloadedRegistry() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode registry;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            registry = (ObjectNode) json.readTree(in);
        }
        ObjectNode traces = (ObjectNode) registry.get("traces");
        ObjectNode template = (ObjectNode) traces.get("kingman_n10_theta1");
        for (String id : List.of("grown_n10", "grown_n9", "grown_n010", "grown_n1000000000000000000001", "grown_n1000000000000000000000")) {
            ObjectNode entry = template.deepCopy();
            entry.put("description", "tab\there, back\\slash \\N, caf\u00e9 " + id);
            ((ObjectNode) entry.get("metadata")).put("domain", "epidemiology").putArray("tags").add("grown").add("x\ty");
            traces.set(id, entry);
        }
        ObjectNode bare = traces.putObject("bare_1");
        bare.put("cid", template.get("cid").asText());
        ObjectNode odd = template.deepCopy();
        ((ObjectNode) odd.get("metadata")).putNull("vertices").remove("model_type");
        odd.put("superseded_by", "bare_1").put("defect", "a known\nproblem").remove("description");
        traces.set("odd_2", odd);
        byte[] document = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(registry);
        Path file = Files.write(temp.resolve("registry.json"), document);
        parsed = new JacksonRegistryCodec().read(document);
        base = List.of("--home", temp.resolve("home").toString(), "--set", "registry.url=" + file.toUri());
        assertThat(run("registry", "update").code()).isZero();
    }

    @Test
    void theListingIsWhatTheWholeRegistrySays() {
        assertThat(run("list", "--json").out()).isEqualTo(expectedJson(RegistryQuery.all()));
        assertThat(run("list").out()).isEqualTo(expectedTable(RegistryQuery.all()));
    }

    @Test
    void filtersSelectWhatTheyWouldFromTheWholeRegistry() {
        Map<List<String>, RegistryQuery> queries = Map.of(
                List.of("--domain", "EPIDEMIOLOGY"), query(Optional.of("EPIDEMIOLOGY"), Optional.empty(), List.of(), Optional.empty()),
                List.of("--model-type", "coalescent", "--tag", "kingman"), query(Optional.empty(), Optional.of("coalescent"), List.of("kingman"), Optional.empty()),
                List.of("--tag", "x\ty"), query(Optional.empty(), Optional.empty(), List.of("x\ty"), Optional.empty()),
                List.of("--search", "CAF\u00c9 GROWN_N9"), query(Optional.empty(), Optional.empty(), List.of(), Optional.of("CAF\u00c9 GROWN_N9")),
                List.of("--search", "back\\slash \\n"), query(Optional.empty(), Optional.empty(), List.of(), Optional.of("back\\slash \\n")));
        queries.forEach((args, query) -> {
            List<String> command = Stream.concat(Stream.of("list", "--json"), args.stream()).toList();
            assertThat(run(command.toArray(String[]::new)).out()).as(String.join(" ", args)).isEqualTo(expectedJson(query));
        });
        assertThat(run("list", "--json", "--domain", "none").out().strip()).isEqualTo("[ ]");
        assertThat(run("list", "--domain", "none").out()).isEqualTo("no traces match" + System.lineSeparator());
    }

    @Test
    void aDamagedCachedCopyIsReportedOnceAndTheBundledRegistryListed() throws Exception {
        Path cached;
        try (Stream<Path> files = Files.walk(temp.resolve("home").resolve("registry"))) {
            cached = files.filter(path -> path.getFileName().toString().equals("registry.json")).findFirst().orElseThrow();
        }
        Files.writeString(cached, Files.readString(cached).replace("\"bare_1\" : {", "\"bare_1\" : { \"license\": {},"));

        CliRun list = run("--offline", "list", "--json");

        assertThat(list.code()).isZero();
        assertThat(list.err().lines().toList()).singleElement().asString()
                .contains("ignoring the cached registry ($.traces.bare_1.license");
        ArrayNode bundled = EntryJson.MAPPER.createArrayNode();
        new BundledLibrary(new JacksonRegistryCodec()).registry().traces().keySet().stream().map(id -> id.value())
                .sorted(NaturalOrder.INSTANCE).forEach(bundled::add);
        assertThat(idsOf(list.out())).isEqualTo(bundled.toString());
    }

    private String idsOf(String json) throws Exception {
        ArrayNode ids = EntryJson.MAPPER.createArrayNode();
        EntryJson.MAPPER.readTree(json).forEach(entry -> ids.add(entry.get("id").asText()));
        return ids.toString();
    }

    private static RegistryQuery query(Optional<String> domain, Optional<String> modelType, List<String> tags, Optional<String> text) {
        return new RegistryQuery(domain, modelType, tags, text);
    }

    private List<TraceEntry> expected(RegistryQuery query) {
        return parsed.search(query).stream().sorted(Comparator.comparing(entry -> entry.id().value(), NaturalOrder.INSTANCE)).toList();
    }

    private String expectedJson(RegistryQuery query) {
        ArrayNode array = EntryJson.MAPPER.createArrayNode();
        expected(query).forEach(entry -> array.add(EntryJson.summary(entry)));
        return EntryJson.write(array) + System.lineSeparator();
    }

    /** The table as it was printed before the index: every column but the last padded with String.format. */
    private String expectedTable(RegistryQuery query) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "MODEL", "DOMAIN", "VERTICES", "PARAMS", "DESCRIPTION"});
        for (TraceEntry entry : expected(query)) {
            var metadata = entry.metadata();
            rows.add(new String[] {entry.id().value(),
                    metadata == null ? "" : String.valueOf(metadata.modelType()),
                    metadata == null ? "" : String.valueOf(metadata.domain()),
                    metadata == null ? "" : String.valueOf(metadata.vertices()),
                    metadata == null ? "" : String.valueOf(metadata.paramLength()),
                    entry.description() == null ? "" : entry.description()});
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < 5; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                line.append(String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(line.append(row[5]).toString().stripTrailing()).append(System.lineSeparator());
        }
        return table.toString();
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(args));
        CliRun run = CliRun.run(Map.of(), temp.resolve("user"), all);
        assertThat(run.code()).as(run.err()).isZero();
        return run;
    }
}
