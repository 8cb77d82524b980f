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
    private static final byte[] DOCUMENT = "{\"version\": \"1.0.0\", \"traces\": {}}".getBytes(StandardCharsets.UTF_8);
    private static final Instant CHECKED = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void savedCopyLoadsWithItsEtagSourceAndTime() throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), "https://example.invalid/registry.json", CHECKED));
        cache.touch(CHECKED.plusSeconds(60));

        CachedRegistry loaded = new DiskRegistryCache(folder).load().orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.etag()).contains("\"v1\"");
        assertThat(loaded.checkedAt()).isEqualTo(CHECKED.plusSeconds(60));
        try (var files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsOnly("registry.json", "registry.meta.json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"checkedAt\": \"garbage\"}", "{\"checkedAt\": ", "[]", ""})
    void aDamagedMetaFileFallsBackToTheDocumentsTimeInsteadOfFailing(String meta) throws Exception {
        DiskRegistryCache cache = new DiskRegistryCache(folder);
        cache.save(new CachedRegistry(DOCUMENT, Optional.of("\"v1\""), "source", CHECKED));
        Files.writeString(folder.resolve("registry.meta.json"), meta);
        Instant modified = Instant.parse("2026-11-20T08:00:00Z");
        Files.setLastModifiedTime(folder.resolve("registry.json"), FileTime.from(modified));

        CachedRegistry loaded = cache.load().orElseThrow();

        assertThat(loaded.bytes()).isEqualTo(DOCUMENT);
        assertThat(loaded.checkedAt()).isEqualTo(modified);
    }

    @Test
    void nothingSavedLoadsEmpty() throws Exception {
        assertThat(new DiskRegistryCache(folder.resolve("new")).load()).isEmpty();
    }
}
