package org.phasic.traces.app.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.ports.out.RegistryCache;

/** The last good registry in {@code <home>/registry/}: {@code registry.json} and {@code registry.meta.json}, each replaced atomically. */
public final class DiskRegistryCache implements RegistryCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path document;
    private final Path meta;

    record Meta(String etag, String source, String checkedAt) {
    }

    public DiskRegistryCache(Path folder) throws IOException {
        this.folder = Files.createDirectories(Objects.requireNonNull(folder, "folder"));
        this.document = folder.resolve("registry.json");
        this.meta = folder.resolve("registry.meta.json");
    }

    @Override
    public Optional<CachedRegistry> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(document);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Meta info = readMeta();
        Instant checkedAt = parseInstant(info.checkedAt()).orElse(Files.getLastModifiedTime(document).toInstant());
        return Optional.of(new CachedRegistry(bytes, Optional.ofNullable(info.etag()), info.source() == null ? "" : info.source(), checkedAt));
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException damaged) {
            return Optional.empty();
        }
    }

    private Meta readMeta() {
        try {
            return JSON.readValue(meta.toFile(), Meta.class);
        } catch (IOException | RuntimeException missingOrDamaged) {
            return new Meta(null, null, null);
        }
    }

    @Override
    public void save(CachedRegistry registry) throws IOException {
        AtomicFiles.write(folder, document, registry.bytes());
        writeMeta(new Meta(registry.etag().orElse(null), registry.source(), registry.checkedAt().toString()));
    }

    @Override
    public void touch(Instant checkedAt) throws IOException {
        Meta info = readMeta();
        writeMeta(new Meta(info.etag(), info.source(), checkedAt.toString()));
    }

    private void writeMeta(Meta info) throws IOException {
        AtomicFiles.write(folder, meta, JSON.writeValueAsBytes(info));
    }
}
