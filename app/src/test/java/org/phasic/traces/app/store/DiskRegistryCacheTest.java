package org.phasic.traces.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phasic.traces.ports.out.RegistryCache.CachedRegistry;

class DiskRegistryCacheTest {
    private static final String SOURCE = "https://example.invalid/registry.json";
    private static final byte[] DOCUMENT = "{\"version\": \"1.0.0\", \"traces\": {}}".getBytes(StandardCharsets.UTF_8);
    private static final String TWO = "{\"version\": \"1.0.0\", \"traces\": {\n  \"a_1\": {\"cid\": \"QmA\", \"x\": {\"y\": [1, 2]}},\n"
            + "  \"b_2\": {\"cid\": \"QmB\", \"description\": \"caf\u00e9 \\\"quoted\\\" }\"}\n}}";
    private static final Instant CHECKED = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void savedCopyLoadsWithItsEtagSourceAndTime() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), SOURCE, CHECKED));
        cache.touch(SOURCE, CHECKED.plusSeconds(60));

        CachedRegistry loaded = new DiskRegistryCache(folder).load(SOURCE).orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.etag()).contains("\"v1\"");
        assertThat(loaded.checkedAt()).isEqualTo(CHECKED.plusSeconds(60));
        assertThat(cache.stamp(SOURCE).orElseThrow().checkedAt()).isEqualTo(CHECKED.plusSeconds(60));
        try (var files = Files.list(cache.folderOf(SOURCE))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsOnly("registry.json", "registry.meta.json", "registry.index");
        }
    }

    @Test
    void eachSourceHasItsOwnCopyAndOnlyTheLastFewAreKept() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
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
    void anEntryIsReadThroughTheIndexExactlyAsWritten() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
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
        DiskRegistryCache cache = new DiskRegistryCache(folder);
        cache.save(new CachedRegistry(DOCUMENT, Optional.empty(), SOURCE, CHECKED));
        Path dir = cache.folderOf(SOURCE);
        String header = Files.readAllLines(dir.resolve("registry.index")).get(0);
        Files.write(dir.resolve("registry.json"), TWO.getBytes(StandardCharsets.UTF_8));
        String written = index.equals("damaged-ranges") ? header + "\na_1\t3\t9\nb_2\t-1\tx\n" : index;
        Files.writeString(dir.resolve("registry.index"), written);

        assertThat(new String(cache.entry(SOURCE, "a_1").orElseThrow(), StandardCharsets.UTF_8)).startsWith("{\"cid\": \"QmA\"");
        assertThat(Files.readAllLines(dir.resolve("registry.index")).get(0)).isNotEqualTo(header).endsWith(" " + TWO.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aCopyInTheSingleSourceLayoutIsTakenOverByItsSourceOnly() throws Exception {
        Files.write(folder.resolve("registry.json"), DOCUMENT);
        Files.writeString(folder.resolve("registry.meta.json"), "{\"source\": \"" + SOURCE + "\", \"checkedAt\": \"" + CHECKED + "\"}");
        DiskRegistryCache cache = new DiskRegistryCache(folder);

        assertThat(cache.load("another")).isEmpty();
        assertThat(cache.load(SOURCE).orElseThrow().bytes()).isEqualTo(DOCUMENT);
        assertThat(folder.resolve("registry.json")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"checkedAt\": \"garbage\"}", "{\"checkedAt\": ", "[]", ""})
    void aDamagedMetaFileFallsBackToTheDocumentsTimeInsteadOfFailing(String meta) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), SOURCE, CHECKED));
        Path dir = cache.folderOf(SOURCE);
        Files.writeString(dir.resolve("registry.meta.json"), meta);
        Instant modified = Instant.parse("2026-11-20T08:00:00Z");
        Files.setLastModifiedTime(dir.resolve("registry.json"), FileTime.from(modified));

        CachedRegistry loaded = cache.load(SOURCE).orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.checkedAt()).isEqualTo(modified);
    }

    @Test
    void nothingSavedLoadsEmpty() throws Exception {
        assertThat(new DiskRegistryCache(folder.resolve("new")).load(SOURCE)).isEmpty();
    }
}
