package org.phasic.traces.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RegistryValidatorTest {
    /** Real CIDv0 directory CIDs from the live registry (made by Kubo). */
    private static final String CID_A = "QmStRuZZVvHNGjcgxPPy7rRMxVzhRmuTgpQ2oPLBJiHEXg";
    private static final String CID_B = "QmSepUqeTSYUBskpoprhGXtRPBKwShDMB3uNb4i52LRtHh";
    private static final String CHECKSUM = "sha256:6d83554a5edc7968283143b0523415009927546d7e8cde0e260ced464a037046";
    private static final TraceId ID = TraceId.of("coalescent_n5_theta1");

    private final RegistryValidator validator = new RegistryValidator();

    private static TraceMetadata metadata() {
        return new TraceMetadata("coalescent", "population-genetics", "kingman", 1, 5, "d",
                List.of(new Parameter("theta", "rate", "[0, inf)", Map.of())), "2025-10-21", "me", null, List.of("basic"), "MIT", Map.of());
    }

    private static TraceEntry entry() {
        return new TraceEntry(ID, CID_A, "Kingman n=5", metadata(),
                Map.of("trace.json.gz", new FileRef(CID_B, 516L, Map.of())), CHECKSUM, "MIT",
                "1f4388e29034cf900b51c7e9a13a4c5fbec610bfa3a7d7e14b46183326d6aa59", Map.of());
    }

    private static Registry registry(TraceEntry entry) {
        return new Registry("1.0.0", "2025-10-21T22:03:20Z", Map.of(entry.id(), entry),
                Map.of("basic", new TraceCollection("all", CID_B, List.of(ID.value()), Map.of())),
                Map.of("pinata", new PinningService("https://api.pinata.cloud", "https://gateway.pinata.cloud", Map.of())), Map.of());
    }

    private List<String> defects(Registry registry) {
        return validator.validate(registry).stream().map(RegistryDefect::toString).toList();
    }

    private List<String> defectsOfEntry(UnaryOperator<TraceEntry> change) {
        return defects(registry(change.apply(entry())));
    }

    private static TraceEntry withMetadata(TraceEntry e, TraceMetadata m) {
        return new TraceEntry(e.id(), e.cid(), e.description(), m, e.files(), e.checksum(), e.license(), e.graphHash(), e.extra());
    }

    @Test
    void cleanRegistryHasNoDefects() {
        assertThat(validator.validate(registry(entry()))).isEmpty();
        assertThat(validator.validate(Registry.empty("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void versionAndUpdatedAreChecked() {
        Registry bad = new Registry("1.0", "2025-10-21 22:03", Map.of(), Map.of(), Map.of(), Map.of());
        Registry missing = new Registry(null, null, Map.of(), Map.of(), Map.of(), Map.of());
        Registry future = new Registry("2.0.0", "2025-10-21T22:03:20+02:00", Map.of(), Map.of(), Map.of(), Map.of());

        assertThat(defects(bad)).containsExactly(
                "$.version: \"1.0\" is not a version like \"1.0.0\"",
                "$.updated: \"2025-10-21 22:03\" is not an ISO-8601 UTC timestamp like \"2025-10-21T22:03:20Z\"");
        assertThat(defects(missing)).containsExactly(
                "$.version: missing: the format version, e.g. \"1.0.0\"",
                "$.updated: missing: when the registry was last changed, e.g. \"2025-10-21T22:03:20Z\"");
        assertThat(defects(future)).containsExactly(
                "$.version: format version 2.0.0 is not supported; this tool reads 1.x",
                "$.updated: \"2025-10-21T22:03:20+02:00\" is not an ISO-8601 UTC timestamp like \"2025-10-21T22:03:20Z\"");
        assertThat(defects(new Registry("1.2.3-rc.1+b5", "2025-02-30T00:00:00Z", Map.of(), Map.of(), Map.of(), Map.of())))
                .containsExactly("$.updated: \"2025-02-30T00:00:00Z\" is not an ISO-8601 UTC timestamp like \"2025-10-21T22:03:20Z\"");
    }

    @Test
    void requiredEntryFieldsAreReported() {
        TraceEntry bare = new TraceEntry(ID, null, " ", null, Map.of(), null, null, null, Map.of());

        assertThat(defects(registry(bare))).containsExactly(
                "$.traces.coalescent_n5_theta1.cid: missing: the trace directory CID",
                "$.traces.coalescent_n5_theta1.description: missing: a one-line description",
                "$.traces.coalescent_n5_theta1.metadata: missing: model_type, domain, param_length and vertices are required",
                "$.traces.coalescent_n5_theta1.checksum: missing: \"sha256:<hex>\" of trace.json.gz",
                "$.traces.coalescent_n5_theta1.license: missing: a licence, e.g. \"MIT\"");
    }

    @Test
    void requiredMetadataFieldsAreReported() {
        TraceMetadata empty = new TraceMetadata(null, "", null, null, null, null, null, "yesterday", null, null, null, null, Map.of());

        assertThat(defectsOfEntry(e -> withMetadata(e, empty))).containsExactly(
                "$.traces.coalescent_n5_theta1.metadata.model_type: missing: the model type, e.g. \"coalescent\"",
                "$.traces.coalescent_n5_theta1.metadata.domain: missing: the scientific domain, e.g. \"population-genetics\"",
                "$.traces.coalescent_n5_theta1.metadata.param_length: missing: the number of model parameters",
                "$.traces.coalescent_n5_theta1.metadata.vertices: missing: the number of graph vertices",
                "$.traces.coalescent_n5_theta1.metadata.created: \"yesterday\" is not an ISO-8601 date like \"2025-10-21\"");
    }

    @Test
    void metadataNumbersAreChecked() {
        TraceMetadata m = metadata();
        TraceMetadata negative = new TraceMetadata(m.modelType(), m.domain(), m.variant(), -1, 0, m.description(), m.parameters(),
                m.created(), m.author(), m.citation(), m.tags(), m.license(), Map.of());
        TraceMetadata mismatch = new TraceMetadata(m.modelType(), m.domain(), m.variant(), 2, 5, m.description(), m.parameters(),
                "2025-10-21T10:00:00Z", m.author(), m.citation(), m.tags(), m.license(), Map.of());

        assertThat(defectsOfEntry(e -> withMetadata(e, negative))).containsExactly(
                "$.traces.coalescent_n5_theta1.metadata.param_length: must be >= 0, not -1",
                "$.traces.coalescent_n5_theta1.metadata.vertices: must be >= 1, not 0");
        assertThat(defectsOfEntry(e -> withMetadata(e, mismatch))).containsExactly(
                "$.traces.coalescent_n5_theta1.metadata.parameters: lists 1 parameters but param_length is 2");
    }

    @Test
    void cidsChecksumSizesGraphHashAndFileNamesAreChecked() {
        Map<String, FileRef> files = new LinkedHashMap<>();
        files.put("trace.json.gz", new FileRef("bafybeinotacid", -1L, Map.of()));
        files.put("../evil", new FileRef(CID_B, null, Map.of()));
        TraceEntry e = entry();
        TraceEntry bad = new TraceEntry(ID, "Qm123", e.description(), e.metadata(), files, "sha256:ABC", e.license(), "xyz", Map.of());

        List<RegistryDefect> found = validator.validate(registry(bad));

        assertThat(found).extracting(RegistryDefect::jsonPath).containsExactly(
                "$.traces.coalescent_n5_theta1.cid",
                "$.traces.coalescent_n5_theta1.files['trace.json.gz'].cid",
                "$.traces.coalescent_n5_theta1.files['trace.json.gz'].size_bytes",
                "$.traces.coalescent_n5_theta1.files['../evil']",
                "$.traces.coalescent_n5_theta1.files['../evil'].size_bytes",
                "$.traces.coalescent_n5_theta1.checksum",
                "$.traces.coalescent_n5_theta1.graph_hash");
        assertThat(found.get(0).message()).startsWith("invalid CID \"Qm123\"");
        assertThat(found.get(1).message()).startsWith("invalid CID \"bafybeinotacid\"");
        assertThat(found.get(2).message()).isEqualTo("must be >= 0, not -1");
        assertThat(found.get(5).message()).contains("invalid checksum 'sha256:ABC'");
        assertThat(found.get(6).message()).isEqualTo("expected 64 lower-case hex digits");
    }

    @Test
    void collectionMembersMustExistOnceAndCidsParse() {
        Registry base = registry(entry());
        Map<String, TraceCollection> collections = new LinkedHashMap<>();
        collections.put("Bad Name", new TraceCollection("d", "bafybei000", List.of(ID.value(), "missing_one", "../x", ID.value()), Map.of()));
        Registry bad = new Registry(base.version(), base.updated(), base.traces(), collections, base.pinningServices(), Map.of());

        assertThat(defects(bad)).hasSize(5).startsWith(
                "$.collections['Bad Name']: collection names follow the trace id rules: lower-case letters, digits, '_', '.', '-'")
                .contains("$.collections['Bad Name'].traces[1]: no trace missing_one in this registry",
                        "$.collections['Bad Name'].traces[2]: not a valid trace id",
                        "$.collections['Bad Name'].traces[3]: trace coalescent_n5_theta1 is listed twice");
        assertThat(defects(bad).get(1)).startsWith("$.collections['Bad Name'].cid: invalid CID \"bafybei000\"");
    }

    @Test
    void pinningServicesNeedHttpsUrls() {
        Registry base = registry(entry());
        Registry bad = new Registry(base.version(), base.updated(), base.traces(), base.collections(),
                Map.of("x", new PinningService("http://api.example", null, Map.of())), Map.of());

        assertThat(defects(bad)).containsExactly(
                "$.pinning_services.x.api_url: expected an https:// URL, not \"http://api.example\"",
                "$.pinning_services.x.gateway: missing: an https:// URL");
    }

    @Test
    void entryStoredUnderAnotherIdIsReported() {
        TraceEntry e = entry();
        Registry mismatched = new Registry("1.0.0", "2025-10-21T22:03:20Z", Map.of(TraceId.of("other"), e), Map.of(), Map.of(), Map.of());

        assertThat(defects(mismatched)).containsExactly("$.traces.other: the entry's id coalescent_n5_theta1 differs from its key");
    }

    private static Registry withTraces(TraceEntry... entries) {
        Map<TraceId, TraceEntry> traces = new LinkedHashMap<>();
        for (TraceEntry e : entries) {
            traces.put(e.id(), e);
        }
        return new Registry("1.0.0", "2025-10-21T22:03:20Z", traces, Map.of(), Map.of(), Map.of());
    }

    private static TraceEntry named(String id) {
        TraceEntry e = entry();
        return new TraceEntry(TraceId.of(id), e.cid(), e.description(), e.metadata(), e.files(), e.checksum(), e.license(),
                e.graphHash(), e.extra());
    }

    private static TraceEntry superseded(String id, String by, String defect) {
        TraceEntry e = named(id);
        return new TraceEntry(e.id(), e.cid(), e.description(), e.metadata(), e.files(), e.checksum(), e.license(),
                e.graphHash(), by, defect, e.extra());
    }

    @Test
    void supersededByNamesAnotherExistingTrace() {
        Registry good = withTraces(superseded("old", "new", "counts every edge twice"), named("new"));
        assertThat(defects(good)).isEmpty();

        assertThat(defects(withTraces(superseded("old", "gone", null))))
                .containsExactly("$.traces.old.superseded_by: no trace gone in this registry");
        assertThat(defects(withTraces(superseded("old", "Not An Id", null))))
                .containsExactly("$.traces.old.superseded_by: \"Not An Id\" is not a valid trace id");
    }

    @Test
    void supersessionCyclesAreReported() {
        assertThat(defects(withTraces(superseded("self", "self", null))))
                .containsExactly("$.traces.self.superseded_by: following superseded_by from self comes back to it (a cycle)");
        assertThat(defects(withTraces(superseded("a", "b", null), superseded("b", "c", null), superseded("c", "a", null))))
                .hasSize(3).allMatch(d -> d.endsWith("(a cycle)"));
        assertThat(defects(withTraces(superseded("a", "b", null), superseded("b", "c", null), named("c")))).isEmpty();
    }

    @Test
    void defectIsOneBoundedLineOfPrintableText() {
        assertThat(defects(withTraces(superseded("old", "new", "  "), named("new"))))
                .containsExactly("$.traces.old.defect: empty: say what is wrong, or leave the member out");
        assertThat(defects(withTraces(superseded("old", "new", "x".repeat(RegistryValidator.MAX_DEFECT + 1)), named("new"))))
                .containsExactly("$.traces.old.defect: longer than 120 characters; one line is shown with every warning");
        assertThat(defects(withTraces(superseded("old", "new", "two\nlines \u001b[31m"), named("new"))))
                .containsExactly("$.traces.old.defect: not one line of printable text: \"two\\nlines \\u001b[31m\"");
        assertThat(defects(withTraces(superseded("old", "new", "densities are (2+θ)× too high"), named("new")))).isEmpty();
    }

    @Test
    void warningNamesTheReplacementAndTheDefect() {
        assertThat(named("new").warning()).isEmpty();
        assertThat(superseded("old", "new", "counts every edge twice").warning())
                .contains("old is superseded by new: counts every edge twice");
        assertThat(superseded("old", "new", null).warning()).contains("old is superseded by new");
        assertThat(superseded("old", null, "bad \u001b[2J").warning()).contains("old has a known defect: bad \\u001b[2J");
    }
}
