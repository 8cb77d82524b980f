package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.atIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCache.CachedRegistry;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;

class DiskRegistryCacheTest {
    private static final String SOURCE = "https://example.invalid/registry.json";
    private static final byte[] DOCUMENT = "{\"version\": \"1.0.0\", \"traces\": {}}".getBytes(StandardCharsets.UTF_8);
    private static final String TWO = "{\"version\": \"1.0.0\", \"traces\": {\n  \"a_1\": {\"cid\": \"QmA\", \"x\": {\"y\": [1, 2]}},\n"
            + "  \"b_2\": {\"cid\": \"QmB\", \"description\": \"caf\u00e9 \\\"quoted\\\" }\"}\n}}";
    private static final Instant CHECKED = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path folder;

    private final CountingCodec codec = new CountingCodec();

    @Test
    void savedCopyLoadsWithItsEtagSourceAndTime() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), SOURCE, CHECKED));
        cache.touch(SOURCE, CHECKED.plusSeconds(60));

        CachedRegistry loaded = new DiskRegistryCache(folder, codec).load(SOURCE).orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.etag()).contains("\"v1\"");
        assertThat(loaded.checkedAt()).isEqualTo(CHECKED.plusSeconds(60));
        assertThat(cache.stamp(SOURCE).orElseThrow().checkedAt()).isEqualTo(CHECKED.plusSeconds(60));
        try (var files = Files.list(cache.folderOf(SOURCE))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsOnly("registry.json", "registry.meta.json", "registry.index", "registry.summaries");
        }
    }

    @Test
    void eachSourceHasItsOwnCopyAndOnlyTheLastFewAreKept() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(DOCUMENT, Optional.empty(), "one", CHECKED));
        cache.save(new CachedRegistry(TWO.getBytes(StandardCharsets.UTF_8), Optional.empty(), "two", CHECKED));

        assertThat(cache.load("one").orElseThrow().bytes()).isEqualTo(DOCUMENT);
        assertThat(cache.load("two").orElseThrow().bytes()).isEqualTo(TWO.getBytes(StandardCharsets.UTF_8));
        assertThat(cache.load("three")).isEmpty();
        assertThat(cache.stamp("three")).isEmpty();
        cache.touch("three", CHECKED);
        assertThat(cache.load("three")).as("touching an absent copy creates none").isEmpty();

        Files.setLastModifiedTime(cache.folderOf("one").resolve("registry.meta.json"), FileTime.from(CHECKED));
        for (int i = 0; i < DiskRegistryCache.KEPT_SOURCES + 2; i++) {
            cache.save(new CachedRegistry(DOCUMENT, Optional.empty(), "more-" + i, CHECKED));
        }
        try (var dirs = Files.list(folder)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(DiskRegistryCache.KEPT_SOURCES);
        }
        assertThat(cache.load("one")).as("the least recently used source is forgotten").isEmpty();
        assertThat(cache.load("more-" + (DiskRegistryCache.KEPT_SOURCES + 1))).isPresent();
    }

    @Test
    void aStagedCopyReadInOnePassGetsTheIndexAndSummariesARebuildMakes() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        List<TraceId> checked = new ArrayList<>();
        Registry rest;
        try (RegistryCache.Staging staging = cache.stage(SOURCE)) {
            staging.document().write(TWO.getBytes(StandardCharsets.UTF_8));
            rest = staging.read(entry -> checked.add(entry.id()));
            staging.commit(Optional.of("\"v3\""), CHECKED);
        }
        Path dir = cache.folderOf(SOURCE);
        byte[] index = Files.readAllBytes(dir.resolve("registry.index"));
        byte[] summaries = Files.readAllBytes(dir.resolve("registry.summaries"));
        int reads = codec.documentsRead;

        assertThat(checked).extracting(TraceId::value).containsExactly("a_1", "b_2");
        assertThat(rest.version()).isEqualTo("1.0.0");
        assertThat(reads).as("one pass").isEqualTo(1);
        assertThat(cache.stamp(SOURCE).orElseThrow().etag()).contains("\"v3\"");
        assertThat(summaries(cache, SOURCE)).isEqualTo(expectedSummaries(TWO));
        Files.delete(dir.resolve("registry.index"));
        Files.delete(dir.resolve("registry.summaries"));
        assertThat(cache.entry(SOURCE, "b_2")).isPresent();
        assertThat(summaries(cache, SOURCE)).isEqualTo(expectedSummaries(TWO));
        assertThat(Files.readAllBytes(dir.resolve("registry.index"))).isEqualTo(index);
        assertThat(Files.readAllBytes(dir.resolve("registry.summaries"))).isEqualTo(summaries);
        assertThat(names(dir)).containsOnly("registry.json", "registry.meta.json", "registry.index", "registry.summaries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refused by the check", "not a registry", "not read", "abandoned while writing"})
    void aStagingThatIsNotCommittedLeavesTheLastGoodCopyAndNoFileBehind(String how) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        Path dir = savedWithEtag(cache);
        List<String> before = names(dir);

        try (RegistryCache.Staging staging = cache.stage(SOURCE)) {
            staging.document().write((how.equals("not a registry") ? "{\"traces\": [" : TWO).getBytes(StandardCharsets.UTF_8));
            assertThat(names(dir)).hasSize(before.size() + 1);
            switch (how) {
                case "refused by the check" -> assertThatThrownBy(() -> staging.read(entry -> {
                    throw new RegistryFormatException("refused " + entry.id());
                })).hasMessage("refused a_1");
                case "not a registry" -> assertThatThrownBy(() -> staging.read(entry -> { }))
                        .isInstanceOf(RegistryFormatException.class).hasMessageStartingWith("$.traces");
                case "not read" -> staging.read(entry -> { });
                default -> { }
            }
        }

        assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(cache.load(SOURCE).orElseThrow().bytes()).isEqualTo(DOCUMENT);
        assertThat(cache.stamp(SOURCE).orElseThrow().etag()).contains("\"v1\"");
        assertThat(summaries(cache, SOURCE)).isEmpty();
    }

    /** Saves {@link #DOCUMENT} with entity tag {@code "v1"}; the folder of its copy. */
    private static Path savedWithEtag(DiskRegistryCache cache) throws IOException {
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), SOURCE, CHECKED));
        return cache.folderOf(SOURCE);
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anEntryIsReadThroughTheIndexExactlyAsWritten() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(TWO.getBytes(StandardCharsets.UTF_8), Optional.empty(), SOURCE, CHECKED));

        assertThat(new String(cache.entry(SOURCE, "a_1").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"cid\": \"QmA\", \"x\": {\"y\": [1, 2]}}");
        assertThat(new String(cache.entry(SOURCE, "b_2").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"cid\": \"QmB\", \"description\": \"caf\u00e9 \\\"quoted\\\" }\"}");
        assertThat(cache.entry(SOURCE, "c_3")).isEmpty();
        assertThat(cache.entry("other", "a_1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "phasic-traces registry index 1 0000 12\na_1\t0\t5\n", "damaged-ranges"})
    void aStaleOrDamagedIndexIsRebuilt(String index) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(DOCUMENT, Optional.empty(), SOURCE, CHECKED));
        Path dir = cache.folderOf(SOURCE);
        String header = Files.readAllLines(dir.resolve("registry.index")).get(0);
        Files.write(dir.resolve("registry.json"), TWO.getBytes(StandardCharsets.UTF_8));
        String written = index.equals("damaged-ranges") ? header + "\na_1\t3\t9\nb_2\t-1\tx\n" : index;
        Files.writeString(dir.resolve("registry.index"), written);

        assertThat(new String(cache.entry(SOURCE, "a_1").orElseThrow(), StandardCharsets.UTF_8)).startsWith("{\"cid\": \"QmA\"");
        String rebuilt = Files.readAllLines(dir.resolve("registry.index")).get(0);
        assertThat(rebuilt).isNotEqualTo(header);
        assertThat(rebuilt.split(" ")).as("document size and line count").contains(String.valueOf(TWO.getBytes(StandardCharsets.UTF_8).length), atIndex(5))
                .contains("2", atIndex(7));
    }

    @Test
    void summariesComeFromTheIndexMadeOnSaveWithoutReadingTheDocumentAgain() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(TWO.getBytes(StandardCharsets.UTF_8), Optional.empty(), SOURCE, CHECKED));
        int readsOnSave = codec.documentsRead;

        List<TraceSummary> listed = summaries(cache, SOURCE);

        assertThat(listed).isEqualTo(expectedSummaries(TWO));
        assertThat(listed.get(1).description()).isEqualTo("caf\u00e9 \"quoted\" }");
        assertThat(codec.documentsRead).as("listing reads the index only").isEqualTo(readsOnSave);
        assertThat(cache.summaries("other", summary -> { })).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "garbage", "cut-off", "changed-text", "bad-escape", "bad-number", "document-changed"})
    void aStaleDamagedOrCutOffSummaryIndexIsRebuiltFromTheDocument(String damage) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        String document = TWO;
        cache.save(new CachedRegistry(document.getBytes(StandardCharsets.UTF_8), Optional.empty(), SOURCE, CHECKED));
        Path index = cache.folderOf(SOURCE).resolve("registry.summaries");
        List<String> lines = Files.readAllLines(index);
        switch (damage) {
            case "missing" -> Files.delete(index);
            case "garbage" -> Files.writeString(index, "garbage");
            case "cut-off" -> Files.write(index, lines.subList(0, lines.size() - 1));
            case "changed-text" -> Files.write(index, List.of(lines.get(0), lines.get(1).replace("QmA", "QmZ"), lines.get(2)));
            case "bad-escape" -> Files.write(index, List.of(lines.get(0), lines.get(1), lines.get(2).replace("QmB", "Qm\\qB")));
            case "bad-number" -> Files.write(index, List.of(lines.get(0), lines.get(1).replace("a_1\t", "a_1\tx\tx\tx\tx\tx\tx\tx\tx\tx\tx\tnot-a-number\tx\t"), lines.get(2)));
            default -> {
                document = TWO.replace("QmB", "QmC");
                Path changed = Files.writeString(cache.folderOf(SOURCE).resolve("registry.json"), document);
                Files.setLastModifiedTime(changed, FileTime.from(CHECKED));
            }
        }
        int readsBefore = codec.documentsRead;

        assertThat(summaries(cache, SOURCE)).isEqualTo(expectedSummaries(document));
        assertThat(codec.documentsRead).isEqualTo(readsBefore + 1);
        assertThat(summaries(cache, SOURCE)).as("rebuilt once").isEqualTo(expectedSummaries(document));
        assertThat(codec.documentsRead).isEqualTo(readsBefore + 1);
    }

    @Test
    void aCopyThatDoesNotReadAsARegistryIsReportedWhenListedWhileItsOtherEntriesStayReachable() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        cache.save(new CachedRegistry(DOCUMENT, Optional.empty(), SOURCE, CHECKED));
        String broken = "{\"version\": \"1.0.0\", \"traces\": {\"a_1\": {\"cid\": \"QmA\"}, \"b_2\": {\"cid\": 5}}}";
        Files.writeString(cache.folderOf(SOURCE).resolve("registry.json"), broken);

        assertThatThrownBy(() -> cache.summaries(SOURCE, summary -> { }))
                .isInstanceOf(RegistryFormatException.class).hasMessageStartingWith("$.traces.b_2.cid: ");
        assertThat(cache.folderOf(SOURCE).resolve("registry.summaries")).doesNotExist();
        assertThat(new String(cache.entry(SOURCE, "a_1").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"cid\": \"QmA\"}");
    }

    @Test
    void aCopyInTheSingleSourceLayoutIsTakenOverByItsSourceOnly() throws Exception {
        Files.write(folder.resolve("registry.json"), DOCUMENT);
        Files.writeString(folder.resolve("registry.meta.json"), "{\"source\": \"" + SOURCE + "\", \"checkedAt\": \"" + CHECKED + "\"}");
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);

        assertThat(cache.load("another")).isEmpty();
        assertThat(cache.load(SOURCE).orElseThrow().bytes()).isEqualTo(DOCUMENT);
        assertThat(folder.resolve("registry.json")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"checkedAt\": \"garbage\"}", "{\"checkedAt\": ", "[]", ""})
    void aDamagedMetaFileFallsBackToTheDocumentsTimeInsteadOfFailing(String meta) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder, codec);
        Path dir = savedWithEtag(cache);
        Files.writeString(dir.resolve("registry.meta.json"), meta);
        Instant modified = Instant.parse("2026-11-20T08:00:00Z");
        Files.setLastModifiedTime(dir.resolve("registry.json"), FileTime.from(modified));

        CachedRegistry loaded = cache.load(SOURCE).orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.checkedAt()).isEqualTo(modified);
    }

    private static List<TraceSummary> summaries(DiskRegistryCache cache, String source) throws Exception {
        List<TraceSummary> summaries = new ArrayList<>();
        assertThat(cache.summaries(source, summaries::add)).isTrue();
        return summaries;
    }

    private static List<TraceSummary> expectedSummaries(String document) {
        return new JacksonRegistryCodec().read(document.getBytes(StandardCharsets.UTF_8)).traces().values().stream()
                .map(TraceSummary::of).toList();
    }

    /** The real codec, counting the whole documents it reads. */
    private static final class CountingCodec implements RegistryCodec {
        private final JacksonRegistryCodec real = new JacksonRegistryCodec();
        int documentsRead;

        @Override
        public Registry read(InputStream in) throws IOException {
            documentsRead++;
            return real.read(in);
        }

        @Override
        public TraceEntry readEntry(TraceId id, InputStream in) throws IOException {
            return real.readEntry(id, in);
        }

        @Override
        public void readEntries(InputStream in, Consumer<TraceEntry> consumer) throws IOException {
            documentsRead++;
            real.readEntries(in, consumer);
        }

        @Override
        public Registry scan(InputStream in, EntryVisitor entries) throws IOException {
            documentsRead++;
            return real.scan(in, entries);
        }

        @Override
        public void write(Registry registry, OutputStream out) throws IOException {
            real.write(registry, out);
        }

        @Override
        public String entrySnippet(TraceEntry entry) {
            return real.entrySnippet(entry);
        }

        @Override
        public TraceMetadata readMetadata(InputStream in) throws IOException {
            return real.readMetadata(in);
        }

        @Override
        public byte[] writeMetadata(TraceMetadata metadata) {
            return real.writeMetadata(metadata);
        }
    }

    @Test
    void nothingSavedLoadsEmpty() throws Exception {
        assertThat(new DiskRegistryCache(folder.resolve("new"), codec).load(SOURCE)).isEmpty();
    }
}
