package org.phasic.traces.app.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.application.TracePackage;
import org.phasic.traces.application.TracePackager;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceCollection;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.TraceCodec;

/**
 * Builds the bundled starter library from its sources ({@value KingmanTraces#SOURCE_DIR}): every folder there
 * becomes a trace directory ({@code trace.json.gz}, {@code metadata.json}, {@code checksum.sha256}) imported
 * with Kubo's defaults, all of them in one CAR ({@value BundledLibrary#CAR_RESOURCE}) with a registry listing them
 * ({@value BundledLibrary#REGISTRY_RESOURCE}). The output depends only on the sources, so the committed resources
 * can be rebuilt byte for byte; {@code BundleBuilderTest} fails when they drift. A build tool, kept out of the
 * runtime jar; rebuild (after {@link KingmanTraces}) from the repository root with
 *
 * <pre>./mvnw -q -pl app -am process-test-classes -Pbundle</pre>
 *
 * A folder may hold {@code trace.json} (gzipped here, deterministically) or {@code trace.json.gz}, and an
 * optional {@code registry-description.txt} that replaces the registry entry's description; {@code superseded-by.txt}
 * (a trace id) and {@code defect.txt} (one line) mark the entry as superseded ({@code superseded_by}, {@code defect}).
 */
public final class BundleBuilder {
    /** The file every bundled trace directory carries beside the trace: {@code sha256sum} format. */
    public static final String CHECKSUM_FILE = TracePackager.CHECKSUM_FILE;
    /** The collection of correct Kingman traces. */
    public static final String KINGMAN_COLLECTION = "kingman";
    static final String UPDATED = KingmanTraces.CREATED + "T00:00:00Z";
    static final String DESCRIPTION_OVERRIDE = "registry-description.txt";
    static final String SUPERSEDED_BY = "superseded-by.txt";
    static final String DEFECT = "defect.txt";
    private static final ImportProfile PROFILE = ImportProfile.KUBO;
    private static final List<String> LISTED_FILES = List.of(TraceEntry.TRACE_FILE, TraceEntry.METADATA_FILE);

    private final RegistryCodec registryCodec;
    private final TracePackager packager;

    public BundleBuilder(RegistryCodec registryCodec, TraceCodec traceCodec) {
        this.registryCodec = Objects.requireNonNull(registryCodec, "registryCodec");
        this.packager = new TracePackager(Objects.requireNonNull(traceCodec, "traceCodec"));
    }

    /**
     * The built bundle.
     *
     * @param registry     the registry listing every bundled trace
     * @param registryJson its JSON
     * @param car          the CAR holding every trace directory (roots: the whole library, the Kingman collection)
     */
    public record Bundle(Registry registry, byte[] registryJson, byte[] car) {
    }

    /** Builds the bundle from the trace folders under {@code sources}. */
    public Bundle build(Path sources) throws IOException {
        try (TemporaryFolder staging = new TemporaryFolder("phasic-traces-bundle")) {
            Path library = Files.createDirectories(staging.path().resolve("library"));
            Path kingman = Files.createDirectories(staging.path().resolve(KINGMAN_COLLECTION));
            Map<TraceId, TraceMetadata> metadata = new LinkedHashMap<>();
            Map<TraceId, String> descriptions = new LinkedHashMap<>();
            Map<TraceId, Path> folders = new LinkedHashMap<>();
            Map<TraceId, TracePackage> packages = new LinkedHashMap<>();
            List<String> kingmanIds = new ArrayList<>();
            for (Path folder : traceFolders(sources)) {
                TraceId id = TraceId.of(folder.getFileName().toString());
                TracePackage files = packageFiles(folder);
                TraceMetadata meta = registryCodec.readMetadata(new ByteArrayInputStream(files.files().get(TraceEntry.METADATA_FILE)));
                packages.put(id, files);
                folders.put(id, folder);
                metadata.put(id, meta);
                Path override = folder.resolve(DESCRIPTION_OVERRIDE);
                descriptions.put(id, optionalText(override).orElse(meta.description()));
                files.writeTo(library.resolve(id.toString()));
                if (id.toString().startsWith("kingman_")) {
                    kingmanIds.add(id.toString());
                    files.writeTo(kingman.resolve(id.toString()));
                }
            }
            MemoryBlockStore blocks = new MemoryBlockStore();
            UnixFsImporter importer = new UnixFsImporter(PROFILE, blocks);
            ImportResult imported = importer.importPath(library);
            Cid collectionRoot = importer.importPath(kingman).root();

            Map<TraceId, TraceEntry> entries = new LinkedHashMap<>();
            for (Map.Entry<TraceId, TraceMetadata> trace : metadata.entrySet()) {
                TraceId id = trace.getKey();
                TraceEntry entry = packages.get(id).entry(id, descriptions.get(id), trace.getValue(), imported, id.value(),
                        LISTED_FILES, Map.of());
                Optional<String> supersededBy = optionalText(folders.get(id).resolve(SUPERSEDED_BY));
                if (supersededBy.isPresent()) {
                    entry = entry.supersede(TraceId.of(supersededBy.get()), optionalText(folders.get(id).resolve(DEFECT)).orElse(null));
                }
                entries.put(id, entry);
            }
            Map<String, TraceCollection> collections = Map.of(KINGMAN_COLLECTION, new TraceCollection(
                    "Correct Kingman coalescent traces (n=3 to n=20), each rate counted once", collectionRoot.toString(),
                    kingmanIds, Map.of()));
            Registry registry = new Registry(Registry.CURRENT_VERSION, UPDATED, entries, collections, Map.of(), Map.of());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            registryCodec.write(registry, json);
            return new Bundle(registry, json.toByteArray(), car(List.of(imported.root(), collectionRoot), blocks));
        }
    }

    private static Optional<String> optionalText(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    private static List<Path> traceFolders(Path sources) throws IOException {
        try (Stream<Path> children = Files.list(sources)) {
            return children.filter(Files::isDirectory).sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
    }

    private TracePackage packageFiles(Path folder) throws IOException {
        Path plain = folder.resolve("trace.json");
        byte[] gzip = TracePackager.gzipAsGiven(Files.readAllBytes(Files.exists(plain) ? plain : folder.resolve(TraceEntry.TRACE_FILE)));
        return packager.pack(gzip, Files.readAllBytes(folder.resolve(TraceEntry.METADATA_FILE)), Map.of());
    }

    private static byte[] car(List<Cid> roots, MemoryBlockStore blocks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, roots)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        return out.toByteArray();
    }

    /** Where the committed bundle resources live, relative to the app module: the library module ships them. */
    public static final String RESOURCES = "../library/src/main/resources";

    /** Rebuilds the committed bundle resources from the sources of the app module at {@code args[0]} (default {@code app}). */
    public static void main(String[] args) throws IOException {
        Path app = Path.of(args.length > 0 ? args[0] : "app");
        Bundle bundle = new BundleBuilder(new JacksonRegistryCodec(), new JacksonTraceCodec())
                .build(app.resolve(KingmanTraces.SOURCE_DIR));
        Path resources = Files.createDirectories(app.resolve(RESOURCES).resolve(BundledLibrary.RESOURCE_DIR).normalize());
        Files.write(resources.resolve("registry.json"), bundle.registryJson());
        Files.write(resources.resolve("traces.car"), bundle.car());
        System.out.println("wrote " + bundle.registry().traces().size() + " traces to " + resources.toAbsolutePath());
    }
}
