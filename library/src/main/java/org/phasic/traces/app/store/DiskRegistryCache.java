package org.phasic.traces.app.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceSummary;
import org.phasic.traces.ports.out.RegistryCache;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryFormatException;

/**
 * The last good registry of each source in {@code <home>/registry/<key>/}, where the key is derived from the source's
 * location: {@code registry.json}, {@code registry.meta.json} (entity tag, source, time, the document's SHA-256),
 * {@code registry.index} (each trace's byte range in the document) and {@code registry.summaries} (each trace's
 * {@link TraceSummary}, made with the registry codec, so its rules and errors apply once, when the copy changes). Both
 * derived files are stamped with the document's SHA-256, size and modification time and with their own line count and
 * CRC-32C, so a stale, damaged or cut-off one is noticed and rebuilt. A new copy is {@linkplain #stage staged} beside the
 * last good one and its derived files are made in the one pass that reads it; only {@link #load} holds a whole document
 * in memory. Every file is replaced atomically; the copies of the
 * {@value #KEPT_SOURCES} most recently saved sources are kept.
 */
public final class DiskRegistryCache implements RegistryCache {
    /** How many sources keep a copy. */
    static final int KEPT_SOURCES = 4;
    private static final JsonFactory STREAMING = new JsonFactory();
    private static final String DOCUMENT = "registry.json";
    private static final String META = "registry.meta.json";
    private static final String INDEX = "registry.index";
    private static final String INDEX_HEADER = "phasic-traces registry index 2";
    private static final String SUMMARIES = "registry.summaries";
    private static final String SUMMARIES_HEADER = "phasic-traces registry summaries 1";
    /** How the names of staging files end. */
    static final String STAGED = ".staged";
    /** How long a staging file is left alone before it counts as left behind by a killed process. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path folder;
    private final RegistryCodec codec;

    record Meta(String etag, String source, String checkedAt, String sha256) {
    }

    private record Range(long offset, int length) {
    }

    /**
     * @param folder where the copies are kept
     * @param codec  reads the entries of a copy when its summaries are made
     */
    public DiskRegistryCache(Path folder, RegistryCodec codec) throws IOException {
        this.folder = Files.createDirectories(Objects.requireNonNull(folder, "folder"));
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** The folder holding the copy of {@code source}. */
    Path folderOf(String source) {
        return folder.resolve(Sha256.hex(source.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }

    @Override
    public Optional<CachedRegistry> load(String source) throws IOException {
        Path dir = existing(source);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(DOCUMENT));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Meta info = readMeta(dir);
        return Optional.of(new CachedRegistry(bytes, Optional.ofNullable(info.etag()), source, checkedAt(dir, info)));
    }

    @Override
    public Optional<Stamp> stamp(String source) throws IOException {
        Path dir = existing(source);
        if (!Files.isRegularFile(dir.resolve(DOCUMENT))) {
            return Optional.empty();
        }
        Meta info = readMeta(dir);
        return Optional.of(new Stamp(Optional.ofNullable(info.etag()), checkedAt(dir, info)));
    }

    @Override
    public Optional<InputStream> open(String source) throws IOException {
        try {
            return Optional.of(new BufferedInputStream(Files.newInputStream(existing(source).resolve(DOCUMENT)), 1 << 16));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(CachedRegistry registry) throws IOException {
        try (Staging staging = stage(registry.source())) {
            staging.document().write(registry.bytes());
            try {
                staging.read(entry -> { });
            } catch (RegistryFormatException e) {
                // callers save validated documents only; should one not read, listing it reports why
            }
            staging.commit(registry.etag(), registry.checkedAt());
        }
    }

    /**
     * A staging in the source's folder: the document goes to a uniquely named file beside {@code registry.json}
     * (hashed as it is written), the index and the summaries are made in the one pass of {@link Staging#read}, and
     * {@link Staging#commit} renames each into place (the document first, then its meta file, then the derived files,
     * which carry the document's stamp: a crash in between leaves the last good copy or the new one, and derived files
     * that are noticed as stale).
     */
    @Override
    public Staging stage(String source) throws IOException {
        Objects.requireNonNull(source, "source");
        Path dir = Files.createDirectories(existing(source));
        deleteStaged(dir);
        return new DiskStaging(dir, source);
    }

    private final class DiskStaging implements Staging {
        private final Path dir;
        private final String source;
        private final Path document;
        private final MessageDigest sha256 = Sha256.newDigest();
        private final OutputStream out;
        private final List<DerivedFile> derived = new ArrayList<>();
        private String hex;
        private boolean complete;

        DiskStaging(Path dir, String source) throws IOException {
            this.dir = dir;
            this.source = source;
            this.document = dir.resolve(DOCUMENT + "-" + AtomicFiles.uniqueSuffix() + STAGED);
            this.out = new DigestOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(document, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16), sha256);
        }

        @Override
        public OutputStream document() {
            return out;
        }

        /** Ends the document's writing; its SHA-256. */
        private String sealed() throws IOException {
            if (hex == null) {
                out.close();
                hex = Sha256.finishHex(sha256);
            }
            return hex;
        }

        @Override
        public Registry read(Consumer<TraceEntry> check) throws IOException {
            Objects.requireNonNull(check, "check");
            String stamp = stampOf(document, sealed());
            DerivedFile index = derive(INDEX, INDEX_HEADER);
            DerivedFile summaries = derive(SUMMARIES, SUMMARIES_HEADER);
            StringBuilder line = new StringBuilder(1024);
            Registry rest;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(document), 1 << 16)) {
                rest = codec.scan(in, (entry, offset, length) -> {
                    check.accept(entry);
                    line.setLength(0);
                    index.line(line.append(entry.id().value()).append('\t').append(offset).append('\t').append(length).append('\n'));
                    line.setLength(0);
                    SummaryLines.append(line, TraceSummary.of(entry));
                    summaries.line(line);
                });
            }
            index.finish(stamp);
            summaries.finish(stamp);
            complete = true;
            return rest;
        }

        private DerivedFile derive(String name, String header) throws IOException {
            DerivedFile file = new DerivedFile(dir, name, header);
            derived.add(file);
            return file;
        }

        /** Commits the document; the index and the summaries too when it was read in full, else they are removed (made again on first need). */
        @Override
        public void commit(Optional<String> etag, Instant checkedAt) throws IOException {
            String sha = sealed();
            AtomicFiles.sync(document);
            AtomicFiles.move(document, dir.resolve(DOCUMENT));
            writeMeta(dir, new Meta(etag.orElse(null), source, checkedAt.toString(), sha));
            if (complete) {
                for (DerivedFile file : derived) {
                    file.commit();
                }
            } else {
                Files.deleteIfExists(dir.resolve(INDEX));
                Files.deleteIfExists(dir.resolve(SUMMARIES));
            }
            forgetOldSources(dir);
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(document);
                for (DerivedFile file : derived) {
                    file.close();
                }
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException kept) {
                    // the source has a copy, or another process is staging one
                }
            }
        }
    }

    @Override
    public void touch(String source, Instant checkedAt) throws IOException {
        Path dir = existing(source);
        if (Files.isRegularFile(dir.resolve(DOCUMENT))) {
            Meta info = readMeta(dir);
            writeMeta(dir, new Meta(info.etag(), source, checkedAt.toString(), info.sha256()));
        }
    }

    @Override
    public Optional<byte[]> entry(String source, String id) throws IOException {
        Path dir = existing(source);
        if (!Files.isRegularFile(dir.resolve(DOCUMENT))) {
            return Optional.empty();
        }
        Optional<Optional<byte[]>> found = lookUp(dir, id);
        if (found.isPresent()) {
            return found.get();
        }
        writeIndex(dir, currentStamp(dir));
        return lookUp(dir, id).orElseThrow(() -> new IOException("the registry index in " + dir + " cannot be rebuilt"));
    }

    @Override
    public boolean summaries(String source, Consumer<TraceSummary> each) throws IOException {
        Objects.requireNonNull(each, "each");
        Path dir = existing(source);
        if (!Files.isRegularFile(dir.resolve(DOCUMENT))) {
            return false;
        }
        Optional<List<TraceSummary>> indexed = readSummaries(dir);
        if (indexed.isPresent()) {
            indexed.get().forEach(each);
        } else {
            writeSummaries(dir, currentStamp(dir)).forEach(each);
        }
        return true;
    }

    /** The stamp the derived files of the document as it is now get; its SHA-256 is put right in the meta file. */
    private static String currentStamp(Path dir) throws IOException {
        Path document = dir.resolve(DOCUMENT);
        String sha256;
        try (InputStream in = Files.newInputStream(document)) {
            sha256 = Sha256.hex(in);
        }
        Meta info = readMeta(dir);
        if (!sha256.equals(info.sha256())) {
            writeMeta(dir, new Meta(info.etag(), info.source(), info.checkedAt(), sha256));
        }
        return stampOf(document, sha256);
    }

    /** What a derived file must carry to match {@code document}: its recorded SHA-256, its size and its modification time. */
    private static String stampOf(Path document, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(document, BasicFileAttributes.class);
        return sha256 + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
    }

    /** The lines after the header of a derived file: line {@code i} is {@code bytes[start(i), end(i))}, without its line feed. */
    private record Lines(byte[] bytes, int[] starts) {
        int size() {
            return starts.length - 1;
        }

        int start(int line) {
            return starts[line];
        }

        int end(int line) {
            return starts[line + 1] - 1;
        }
    }

    /**
     * The lines after the header of derived file {@code name}; empty when it is missing, stale, damaged or cut off: the
     * header names the document's stamp, the number of lines and their CRC-32C.
     */
    private static Optional<Lines> derived(Path dir, String name, String header) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int headerEnd = indexOf(bytes, 0, '\n');
        if (headerEnd < 0 || bytes[bytes.length - 1] != '\n') {
            return Optional.empty();
        }
        int[] starts = new int[1024];
        int count = 0;
        for (int at = headerEnd + 1; at < bytes.length; at = indexOf(bytes, at, '\n') + 1) {
            if (count + 1 == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = at;
        }
        starts[count] = bytes.length;
        String expected = header + " " + stampOf(dir.resolve(DOCUMENT), readMeta(dir).sha256()) + " " + count + " " + crc(bytes, headerEnd + 1);
        boolean matches = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).equals(expected);
        return matches ? Optional.of(new Lines(bytes, Arrays.copyOf(starts, count + 1))) : Optional.empty();
    }

    private static String crc(byte[] bytes, int from) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, bytes.length - from);
        return Long.toHexString(crc.getValue());
    }

    private static int indexOf(byte[] bytes, int from, char wanted) {
        for (int at = from; at < bytes.length; at++) {
            if (bytes[at] == wanted) {
                return at;
            }
        }
        return -1;
    }

    /** The entry through the index; empty when the index is missing, stale or damaged. */
    private static Optional<Optional<byte[]>> lookUp(Path dir, String id) throws IOException {
        Optional<Lines> index = derived(dir, INDEX, INDEX_HEADER);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        Lines lines = index.get();
        byte[] prefix = (id + "\t").getBytes(StandardCharsets.UTF_8);
        for (int line = 0; line < lines.size(); line++) {
            int start = lines.start(line);
            if (lines.end(line) - start >= prefix.length
                    && Arrays.equals(lines.bytes(), start, start + prefix.length, prefix, 0, prefix.length)) {
                int rangeStart = start + prefix.length;
                Optional<Range> range = range(new String(lines.bytes(), rangeStart, lines.end(line) - rangeStart, StandardCharsets.UTF_8));
                if (range.isEmpty()) {
                    return Optional.empty();
                }
                byte[] bytes = slice(dir.resolve(DOCUMENT), range.get());
                boolean whole = bytes.length > 1 && bytes[0] == '{' && bytes[bytes.length - 1] == '}';
                return whole ? Optional.of(Optional.of(bytes)) : Optional.empty();
            }
        }
        return Optional.of(Optional.empty());
    }

    /** The summaries through their index; empty when it is missing, stale or damaged. */
    private static Optional<List<TraceSummary>> readSummaries(Path dir) throws IOException {
        Optional<Lines> index = derived(dir, SUMMARIES, SUMMARIES_HEADER);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        Lines lines = index.get();
        List<TraceSummary> summaries = new ArrayList<>(lines.size());
        SummaryLines.Parser parser = new SummaryLines.Parser(lines.bytes());
        try {
            for (int line = 0; line < lines.size(); line++) {
                summaries.add(parser.parse(lines.start(line), lines.end(line)));
            }
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
        return Optional.of(summaries);
    }

    /** Reads every entry of the document with the codec and writes their summaries; a document that does not read has none. */
    private List<TraceSummary> writeSummaries(Path dir, String stamp) throws IOException {
        List<TraceSummary> summaries = new ArrayList<>();
        try (DerivedFile file = new DerivedFile(dir, SUMMARIES, SUMMARIES_HEADER);
             InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(DOCUMENT)), 1 << 16)) {
            StringBuilder line = new StringBuilder(1024);
            try {
                codec.scan(in, (entry, offset, length) -> {
                    TraceSummary summary = TraceSummary.of(entry);
                    summaries.add(summary);
                    line.setLength(0);
                    SummaryLines.append(line, summary);
                    file.line(line);
                });
            } catch (RegistryFormatException e) {
                Files.deleteIfExists(dir.resolve(SUMMARIES));
                throw e;
            }
            file.finish(stamp);
            file.commit();
        }
        return summaries;
    }

    private static Optional<Range> range(String text) {
        String[] parts = text.split("\t");
        try {
            return parts.length == 2 ? Optional.of(new Range(Long.parseLong(parts[0]), Integer.parseInt(parts[1]))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] slice(Path document, Range range) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(document.toFile(), "r")) {
            if (range.offset() < 0 || range.length() < 0 || range.offset() + range.length() > file.length()) {
                return new byte[0];
            }
            byte[] bytes = new byte[range.length()];
            file.seek(range.offset());
            file.readFully(bytes);
            return bytes;
        }
    }

    /**
     * Writes the byte range of every member of {@code traces} without the codec (so that the entries of a copy the codec
     * refuses stay reachable); a top level that is not an object is indexed as empty, malformed JSON fails.
     */
    private static void writeIndex(Path dir, String stamp) throws IOException {
        try (DerivedFile index = new DerivedFile(dir, INDEX, INDEX_HEADER)) {
            StringBuilder line = new StringBuilder();
            try (JsonParser parser = STREAMING.createParser(new BufferedInputStream(Files.newInputStream(dir.resolve(DOCUMENT)), 1 << 16))) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean traces = parser.currentName().equals("traces");
                        JsonToken value = parser.nextToken();
                        if (traces && value == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String id = parser.currentName();
                                if (parser.nextToken() == JsonToken.START_OBJECT) {
                                    long start = parser.currentTokenLocation().getByteOffset();
                                    parser.skipChildren();
                                    long end = parser.currentTokenLocation().getByteOffset() + 1;
                                    line.setLength(0);
                                    index.line(line.append(id).append('\t').append(start).append('\t').append(end - start).append('\n'));
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            index.finish(stamp);
            index.commit();
        }
    }

    /** The folder of {@code source}, taking over a copy from the single-source layout when it belongs to {@code source}. */
    private Path existing(String source) throws IOException {
        Path dir = folderOf(source);
        Path legacy = folder.resolve(DOCUMENT);
        if (!Files.isDirectory(dir) && Files.isRegularFile(legacy) && source.equals(readMeta(folder).source())) {
            Files.createDirectories(dir);
            AtomicFiles.move(folder.resolve(META), dir.resolve(META));
            AtomicFiles.move(legacy, dir.resolve(DOCUMENT));
        }
        return dir;
    }

    private void forgetOldSources(Path kept) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(Files::isDirectory).filter(dir -> !dir.equals(kept)).forEach(sources::add);
        }
        if (sources.size() < KEPT_SOURCES) {
            return;
        }
        sources.sort(Comparator.comparing(DiskRegistryCache::lastUsed).reversed());
        for (Path old : sources.subList(KEPT_SOURCES - 1, sources.size())) {
            for (String name : List.of(SUMMARIES, INDEX, META, DOCUMENT)) {
                Files.deleteIfExists(old.resolve(name));
            }
            deleteStaged(old);
            try {
                Files.deleteIfExists(old);
            } catch (IOException notEmpty) {
                // another process is writing into it; it is pruned next time
            }
        }
    }

    /** Removes the staging files in {@code dir} that a killed process left behind (those not written to for an hour). */
    private static void deleteStaged(Path dir) throws IOException {
        Instant abandoned = Instant.now().minus(ABANDONED);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(path -> path.getFileName().toString().endsWith(STAGED)).toList()) {
                try {
                    if (Files.getLastModifiedTime(child).toInstant().isBefore(abandoned)) {
                        Files.deleteIfExists(child);
                    }
                } catch (NoSuchFileException gone) {
                    // committed or removed by its writer meanwhile
                }
            }
        }
    }

    private static Instant lastUsed(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(META)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static Instant checkedAt(Path dir, Meta info) throws IOException {
        Optional<Instant> parsed = parseInstant(info.checkedAt());
        return parsed.isPresent() ? parsed.get() : Files.getLastModifiedTime(dir.resolve(DOCUMENT)).toInstant();
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException damaged) {
            return Optional.empty();
        }
    }

    private static Meta readMeta(Path dir) {
        try {
            return StoreJson.readMeta(dir.resolve(META));
        } catch (IOException | RuntimeException missingOrDamaged) {
            return new Meta(null, null, null, null);
        }
    }

    private static void writeMeta(Path dir, Meta info) throws IOException {
        AtomicFiles.write(dir, dir.resolve(META), StoreJson.write(info));
    }
}
