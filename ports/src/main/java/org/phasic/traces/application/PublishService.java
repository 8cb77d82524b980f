package org.phasic.traces.application;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.io.TemporaryFolder;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryValidator;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.InvalidTraceException;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.PreparedPublication;
import org.phasic.traces.ports.in.PublishOptions;
import org.phasic.traces.ports.in.PublishRefusedException;
import org.phasic.traces.ports.in.PublishRequest;
import org.phasic.traces.ports.in.PublishResult;
import org.phasic.traces.ports.in.PublishTraceUseCase;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.out.RegistryFormatException;
import org.phasic.traces.ports.out.ContentPublisher;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.out.PullRequestResult;
import org.phasic.traces.ports.out.RegistryChange;
import org.phasic.traces.ports.out.RegistryCodec;
import org.phasic.traces.ports.out.RegistryPullRequests;
import org.phasic.traces.ports.out.RemotePinning;
import org.phasic.traces.ports.out.TraceCodec;
import org.phasic.traces.ports.out.TraceStore.StagedFile;
import org.phasic.traces.ports.out.TraceStore.VerifiedStagedFile;
import org.phasic.traces.ports.out.TraceStore;

/**
 * Publishes a trace: {@link #prepare} checks and packages it and computes every CID locally (nothing is
 * written anywhere, so {@code --dry-run} is just this step); {@link #publish} stores the package in the local store
 * (verified), adds and pins it on every reachable {@link ContentPublisher} (each must compute the same CID), asks every
 * {@link RemotePinning} service to pin it, optionally fetches it back through a gateway, and opens the registry pull
 * request, or produces manual instructions when there is no token. When no node took the content, no pinning service is
 * configured and no gateway was seen serving it, nothing serves it: the result says so and proposes nothing.
 *
 * <p>Conventions checked against the trace: {@code param_length} equals the trace's {@code param_length};
 * {@code vertices} counts the graph's vertices <em>without</em> the starting vertex, i.e. the trace's
 * {@code n_vertices - 1} (every published entry counts them so: Kingman n=5 has 6 trace vertices and
 * {@code vertices: 5}). Absent, both are taken from the trace. The trace is published in the canonical format
 * (upper-case op names, the codec's field order), gzip'd deterministically, whatever format it was given in.
 *
 * <p>A new version of an existing id ({@code newVersion}) replaces the entry and records the older directory CIDs,
 * newest first, in the extra entry member {@code previous} (a JSON array of CID strings); readers that do not know
 * the member keep it unread, so old readers keep working.
 */
public final class PublishService implements PublishTraceUseCase {
    /** The extra entry member listing the directory CIDs of earlier versions, newest first. */
    public static final String PREVIOUS = "previous";
    private static final String PACKAGE_FOLDER = "trace";
    private static final String VALIDATION_STAMP = "1970-01-01T00:00:00Z";

    private final TracePackager packager;
    private final TraceCodec traceCodec;
    private final RegistryCodec registryCodec;
    private final RegistryService registry;
    private final TraceStore store;
    private final List<ContentPublisher> publishers;
    private final List<RemotePinning> remotePinning;
    private final RegistryPullRequests pullRequests;
    private final RetrievabilityCheck retrievability;
    private final PublishSettings settings;
    private final Notices notices;
    private final Clock clock;

    /**
     * @param traceCodec    reads (and so checks) the trace; writes the published {@code trace.json.gz}
     * @param registryCodec writes {@code metadata.json}
     * @param registry      the registry, to refuse ids that exist
     * @param store         the local store the package is kept in
     * @param targets       nodes that add and pin the content, remote pinning services, sources to check retrievability
     * @param pullRequests  opens the registry pull request
     * @param settings      repository, branch, import profile, token
     * @param notices       one-line messages
     * @param clock         for the default {@code created} date
     */
    public PublishService(TraceCodec traceCodec, RegistryCodec registryCodec, RegistryService registry, TraceStore store,
                          PublishTargets targets, RegistryPullRequests pullRequests, PublishSettings settings, Notices notices,
                          Clock clock) {
        this.traceCodec = Objects.requireNonNull(traceCodec, "traceCodec");
        this.packager = new TracePackager(traceCodec);
        this.registryCodec = Objects.requireNonNull(registryCodec, "registryCodec");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.publishers = targets.publishers();
        this.remotePinning = targets.remotePinning();
        this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
        this.retrievability = new RetrievabilityCheck(targets.sources(), FetchSettings.DEFAULTS.maxFileBytes());
        this.settings = Objects.requireNonNull(settings, "settings");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the request and packages it; writes nothing.
     *
     * @throws PublishRefusedException naming every problem: an invalid trace, missing or disagreeing metadata, a bad
     *                                 code file name, an id that exists (without {@code newVersion}), identical content
     */
    @Override
    public PackagedPublication prepare(PublishRequest request) throws IOException {
        EliminationTrace trace;
        try {
            trace = traceCodec.read(new ByteArrayInputStream(request.traceFile()));
        } catch (InvalidTraceException e) {
            throw new PublishRefusedException(List.of("the trace file is not a valid trace: " + e.getMessage()),
                    Hint.of(Hint.Kind.CHECK_TRACE_FILE));
        }
        List<String> problems = new ArrayList<>();
        TraceMetadata metadata = completeMetadata(request.metadata(), trace, problems);
        request.codeFiles().keySet().forEach(name -> {
            try {
                TracePackager.checkExtraName(name);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        Optional<TraceEntry> existing = registry.current().find(request.id());
        if (existing.isPresent() && !request.newVersion()) {
            problems.add("trace " + request.id() + " already exists in the registry (CID " + existing.get().cid() + ")");
        }
        refuseIfAny(problems, existing.isPresent() && !request.newVersion()
                ? Hint.of(Hint.Kind.ANOTHER_ID_OR_NEW_VERSION, request.id().value()) : Hint.of(Hint.Kind.GIVE_METADATA));

        TracePackage traceDirectory = packager.pack(traceCodec.toGzip(trace), registryCodec.writeMetadata(metadata),
                request.codeFiles());
        ImportResult imported = importLocally(traceDirectory);
        Map<String, Object> extra = new LinkedHashMap<>();
        existing.filter(old -> request.newVersion()).ifPresent(old -> extra.put(PREVIOUS, previousVersions(old)));
        TraceEntry entry = traceDirectory.entry(request.id(), metadata.description(), metadata, imported, "",
                List.copyOf(traceDirectory.files().keySet()), extra);
        if (existing.isPresent() && existing.get().cid().equals(entry.cid())) {
            throw new PublishRefusedException(List.of("trace " + request.id() + " is already published with exactly this content (CID "
                    + entry.cid() + ")"), Hint.of(Hint.Kind.NOTHING_TO_PUBLISH));
        }
        new RegistryValidator().validate(Registry.empty(VALIDATION_STAMP).with(entry, VALIDATION_STAMP))
                .forEach(defect -> problems.add(defect.toString()));
        refuseIfAny(problems, Hint.of(Hint.Kind.FIX_METADATA));
        if (existing.isEmpty() && request.newVersion()) {
            notices.notice(request.id() + " is not in the registry yet; publishing it as a new trace");
        }
        RegistryChange.Mode mode = existing.isPresent() ? RegistryChange.Mode.REPLACE : RegistryChange.Mode.ADD;
        return new PackagedPublication(entry, imported.root(), traceDirectory, mode);
    }

    /**
     * Stores, uploads and proposes a prepared trace.
     *
     * @param options whether to open the pull request and to check retrievability first
     * @throws IOException when storing fails, a reachable publisher fails or computes another CID, no gateway serves the
     *                     content (with {@link PublishOptions#checkRetrievable()}), or the pull request cannot be opened
     *                     (the content is stored by then)
     */
    @Override
    public PublishResult publish(PreparedPublication draft, PublishOptions options) throws IOException {
        if (!(draft instanceof PackagedPublication prepared)) {
            throw new IllegalArgumentException("publish what prepare returned");
        }
        List<String> verification = new ArrayList<>();
        verification.add("directory CID " + prepared.root() + " computed locally (" + describe(settings.profile()) + ")");
        store(prepared);
        verification.add("stored in the local store and read back (size and SHA-256 of every file)");
        boolean served = false;
        for (ContentPublisher publisher : publishers) {
            if (!publisher.available()) {
                notices.notice("no answer from the " + publisher.name() + "; not added there (the trace is in the local store)");
                continue;
            }
            try (TemporaryFolder folder = new TemporaryFolder("phasic-traces-publish")) {
                Path directory = folder.path().resolve(PACKAGE_FOLDER);
                prepared.traceDirectory().writeTo(directory);
                publisher.publish(directory, prepared.root());
            }
            verification.add("added and pinned on the " + publisher.name() + ", which computed the same CID");
            served = true;
        }
        for (RemotePinning service : remotePinning) {
            String status = service.pin(prepared.root(), prepared.entry().id().value());
            verification.add("pin requested on " + service.name() + " (" + status + ")");
            served = true;
        }
        if (options.checkRetrievable()) {
            verification.add("trace.json.gz fetched back from " + retrievability.firstServing(prepared.root(), prepared.entry().checksum())
                    + " and verified against the CID and checksum");
            served = true;
        }
        if (!served) {
            return new PublishResult(prepared.entry(), verification, Optional.empty(), Optional.empty(), false);
        }
        if (!options.openPullRequest()) {
            return new PublishResult(prepared.entry(), verification, Optional.empty(), Optional.empty(), true);
        }
        RegistryChange change = RegistryChange.of(settings.repository(), settings.baseBranch(), prepared.entry(), prepared.mode(),
                verification);
        if (settings.token().isEmpty()) {
            return new PublishResult(prepared.entry(), verification, Optional.empty(),
                    Optional.of(pullRequests.manualInstructions(change)), true);
        }
        PullRequestResult opened = pullRequests.submit(change, settings.token().get());
        return new PublishResult(prepared.entry(), verification,
                Optional.of(new PublishResult.PullRequest(opened.url(), opened.number())), Optional.empty(), true);
    }

    /** The CIDs of the package, computed here with the registry's import profile; nothing is kept. */
    private ImportResult importLocally(TracePackage traceDirectory) throws IOException {
        try (TemporaryFolder folder = new TemporaryFolder("phasic-traces-publish")) {
            Path directory = folder.path().resolve(PACKAGE_FOLDER);
            traceDirectory.writeTo(directory);
            return new UnixFsImporter(settings.profile()).importPath(directory);
        }
    }

    private void store(PackagedPublication prepared) throws IOException {
        TraceEntry entry = prepared.entry();
        Map<String, VerifiedStagedFile> staged = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> file : prepared.traceDirectory().files().entrySet()) {
                StagedFile stage = store.stage();
                staged.put(file.getKey(), new VerifiedStagedFile(stage, entry.files().get(file.getKey()).cid()));
                stage.output().write(file.getValue());
                stage.close();
                if (stage.size() != file.getValue().length || !stage.sha256().equals(Sha256.hex(file.getValue()))) {
                    throw new IOException("the local store did not keep " + file.getKey() + " intact while staging it");
                }
            }
            store.commit(entry.id(), prepared.root().toString(), staged);
            staged.clear();
        } finally {
            staged.values().forEach(file -> file.staged().discard());
        }
        if (store.find(entry.id(), prepared.root().toString()).isEmpty()) {
            throw new IOException("the local store lost " + entry.id() + " right after storing it: " + store.problems());
        }
    }

    private TraceMetadata completeMetadata(TraceMetadata given, EliminationTrace trace, List<String> problems) {
        requireText(given.modelType(), "model_type", "e.g. coalescent", problems);
        requireText(given.domain(), "domain", "e.g. population-genetics", problems);
        requireText(given.description(), "description", "one line", problems);
        requireText(given.license(), "license", "e.g. MIT", problems);
        int traceVertices = trace.nVertices() - 1;
        if (given.paramLength() != null && given.paramLength() != trace.paramLength()) {
            problems.add("metadata param_length is " + given.paramLength() + " but the trace has param_length " + trace.paramLength());
        }
        if (given.vertices() != null && given.vertices() != traceVertices) {
            problems.add("metadata vertices is " + given.vertices() + " but the trace has " + traceVertices
                    + " vertices besides the starting vertex (n_vertices " + trace.nVertices() + "); registry entries do not count"
                    + " the starting vertex");
        }
        String created = given.created() != null ? given.created() : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        return new TraceMetadata(given.modelType(), given.domain(), given.variant(), trace.paramLength(), traceVertices,
                given.description(), given.parameters(), created, given.author(), given.citation(), given.tags(), given.license(),
                given.extra());
    }

    private static void requireText(String value, String field, String example, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add("metadata " + field + " is missing (" + example + ")");
        }
    }

    @Override
    public String entryJson(TraceEntry entry) {
        return "{\n" + registryCodec.entrySnippet(entry) + "}";
    }

    @Override
    public TraceMetadata readMetadata(byte[] json) throws IOException {
        try {
            return registryCodec.readMetadata(new ByteArrayInputStream(json));
        } catch (RegistryFormatException e) {
            throw new InvalidInputException(e.getMessage(), Hint.of(Hint.Kind.CHECK_INPUT, "metadata"));
        }
    }

    private static void refuseIfAny(List<String> problems, Hint hint) {
        if (!problems.isEmpty()) {
            throw new PublishRefusedException(problems, hint);
        }
    }

    private static List<String> previousVersions(TraceEntry old) {
        List<String> previous = new ArrayList<>();
        previous.add(old.cid());
        if (old.extra().get(PREVIOUS) instanceof List<?> earlier) {
            earlier.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(cid -> !previous.contains(cid)).forEach(previous::add);
        }
        return previous;
    }

    private static String describe(org.phasic.traces.domain.unixfs.ImportProfile profile) {
        return "CIDv" + profile.cidVersion() + (profile.rawLeaves() ? ", raw leaves" : ", dag-pb leaves") + ", "
                + profile.chunkSize() + "-byte chunks, " + profile.maxLinks() + " links per node";
    }
}
