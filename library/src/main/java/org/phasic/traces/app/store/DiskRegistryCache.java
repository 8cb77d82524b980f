package org.phasic.traces.app.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * CRC-32C, so a stale, damaged or cut-off one is noticed and rebuilt. Every file is replaced atomically; the copies of the
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
        Path dir = Files.createDirectories(folderOf(registry.source()));
        String sha256 = Sha256.hex(registry.bytes());
        AtomicFiles.write(dir, dir.resolve(DOCUMENT), registry.bytes());
        writeMeta(dir, new Meta(registry.etag().orElse(null), registry.source(), registry.checkedAt().toString(), sha256));
        String stamp = stampOf(dir, sha256);
        writeIndex(dir, registry.bytes(), stamp);
        try {
            writeSummaries(dir, registry.bytes(), stamp);
        } catch (RegistryFormatException e) {
            // callers save validated documents only; should one not read, listing it reports why
        }
        forgetOldSources(dir);
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
        Snapshot snapshot = snapshot(dir);
        writeIndex(dir, snapshot.bytes(), snapshot.stamp());
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
            Snapshot snapshot = snapshot(dir);
            writeSummaries(dir, snapshot.bytes(), snapshot.stamp()).forEach(each);
        }
        return true;
    }

    /** The document as read now, with the stamp its derived files get; its SHA-256 is put right in the meta file. */
    private record Snapshot(byte[] bytes, String stamp) {
    }

    private Snapshot snapshot(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(DOCUMENT));
        Meta info = readMeta(dir);
        String sha256 = Sha256.hex(bytes);
        if (!sha256.equals(info.sha256())) {
            writeMeta(dir, new Meta(info.etag(), info.source(), info.checkedAt(), sha256));
        }
        return new Snapshot(bytes, stampOf(dir, sha256));
    }

    /** What a derived file must carry to match the document: its recorded SHA-256, its size and its modification time. */
    private static String stampOf(Path dir, String sha256) throws IOException {
        BasicFileAttributes document = Files.readAttributes(dir.resolve(DOCUMENT), BasicFileAttributes.class);
        return sha256 + " " + document.size() + " " + document.lastModifiedTime().toMillis();
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
        String expected = header + " " + stampOf(dir, readMeta(dir).sha256()) + " " + count + " " + crc(bytes, headerEnd + 1);
        boolean matches = new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).equals(expected);
        return matches ? Optional.of(new Lines(bytes, Arrays.copyOf(starts, count + 1))) : Optional.empty();
    }

    private static void writeDerived(Path dir, String name, String header, String stamp, int count, CharSequence body)
            throws IOException {
        byte[] lines = body.toString().getBytes(StandardCharsets.UTF_8);
        byte[] head = (header + " " + stamp + " " + count + " " + crc(lines, 0) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] text = Arrays.copyOf(head, head.length + lines.length);
        System.arraycopy(lines, 0, text, head.length, lines.length);
        AtomicFiles.write(dir, dir.resolve(name), text);
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

    /** Reads every entry of {@code document} with the codec and writes their summaries; a document that does not read has none. */
    private List<TraceSummary> writeSummaries(Path dir, byte[] document, String stamp) throws IOException {
        List<TraceSummary> summaries = new ArrayList<>();
        try {
            codec.readEntries(new ByteArrayInputStream(document), entry -> summaries.add(TraceSummary.of(entry)));
        } catch (RegistryFormatException e) {
            Files.deleteIfExists(dir.resolve(SUMMARIES));
            throw e;
        }
        StringBuilder body = new StringBuilder(summaries.size() * 256);
        summaries.forEach(summary -> SummaryLines.append(body, summary));
        writeDerived(dir, SUMMARIES, SUMMARIES_HEADER, stamp, summaries.size(), body);
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

    /** Writes the byte range of every member of {@code traces}; a document that does not stream is indexed as empty. */
    private static void writeIndex(Path dir, byte[] document, String stamp) throws IOException {
        StringBuilder index = new StringBuilder();
        int count = 0;
        try (JsonParser parser = STREAMING.createParser(document)) {
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
                                index.append(id).append('\t').append(start).append('\t').append(end - start).append('\n');
                                count++;
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
        writeDerived(dir, INDEX, INDEX_HEADER, stamp, count, index);
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
            try {
                Files.deleteIfExists(old);
            } catch (IOException notEmpty) {
                // another process is writing into it; it is pruned next time
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
