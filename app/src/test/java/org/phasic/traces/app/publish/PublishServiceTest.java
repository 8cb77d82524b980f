package org.phasic.traces.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.bundle.BundledLibrary;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.app.store.DiskRegistryCache;
import org.phasic.traces.app.store.DiskTraceStore;
import org.phasic.traces.application.PackagedPublication;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.OperationFailedException;
import org.phasic.traces.ports.in.PublishRefusedException;
import org.phasic.traces.ports.in.PublishOptions;
import org.phasic.traces.ports.in.PublishRequest;
import org.phasic.traces.ports.in.PublishResult;
import org.phasic.traces.application.PublishService;
import org.phasic.traces.application.PublishSettings;
import org.phasic.traces.application.PublishTargets;
import org.phasic.traces.application.RegistryService;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.RegistryValidator;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;
import org.phasic.traces.ports.out.AccessToken;
import org.phasic.traces.ports.out.BlockFeed;
import org.phasic.traces.ports.out.ContentPublisher;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.PullRequestResult;
import org.phasic.traces.ports.out.RegistryChange;
import org.phasic.traces.ports.out.RegistryPullRequests;
import org.phasic.traces.ports.out.RemotePinning;
import org.phasic.traces.ports.out.RegistrySource;
import org.phasic.traces.ports.out.TraceStore;

class PublishServiceTest {
    static final Path N5_GZ = Path.of("src/bundle/kingman_n5_theta1/trace.json.gz");
    static final Path N5_METADATA = Path.of("src/bundle/kingman_n5_theta1/metadata.json");
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path tmp;

    private final JacksonRegistryCodec registryCodec = new JacksonRegistryCodec();
    private final JacksonTraceCodec traceCodec = new JacksonTraceCodec();
    private final List<String> notices = new ArrayList<>();
    private final RecordingPublisher daemon = new RecordingPublisher(true);
    private final RecordingPullRequests pullRequests = new RecordingPullRequests();
    private TraceStore store;
    private List<ContentSource> sources = List.of();
    private List<RemotePinning> remotePinning = List.of();
    private Registry bundled;

    @BeforeEach
    void setUp() throws IOException {
        store = new DiskTraceStore(tmp.resolve("store"), Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC));
        bundled = new BundledLibrary(registryCodec).registry();
    }

    private PublishService service(Optional<AccessToken> token, ContentPublisher... publishers) throws IOException {
        RegistrySource offlineSource = new RegistrySource() {
            @Override
            public String location() {
                return "nowhere";
            }

            @Override
            public RegistryDownload fetch(Optional<String> etag) throws IOException {
                throw new IOException("offline test");
            }
        };
        RegistryService registry = new RegistryService(offlineSource, registryCodec, new DiskRegistryCache(tmp.resolve("registry"), registryCodec),
                bundled, notices::add, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1), true);
        PublishSettings settings = new PublishSettings("munch-group/phasic-traces", "master", ImportProfile.KUBO, token);
        return new PublishService(traceCodec, registryCodec, registry, store, new PublishTargets(List.of(publishers), remotePinning,
                sources), pullRequests, settings, notices::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private PublishService service() throws IOException {
        return service(Optional.empty(), daemon);
    }

    static TraceMetadata metadata() throws IOException {
        return new JacksonRegistryCodec().readMetadata(Files.newInputStream(N5_METADATA));
    }

    static TraceMetadata withFields(TraceMetadata m, String modelType, String license, Integer paramLength, Integer vertices) {
        return new TraceMetadata(modelType, m.domain(), m.variant(), paramLength, vertices, m.description(), m.parameters(),
                m.created(), m.author(), m.citation(), m.tags(), license, m.extra());
    }

    private static PublishRequest request(String id, TraceMetadata metadata) throws IOException {
        return new PublishRequest(TraceId.of(id), Files.readAllBytes(N5_GZ), metadata, Map.of(), false);
    }

    private PublishRefusedException refusal(PublishRequest request) {
        try {
            service().prepare(request);
        } catch (PublishRefusedException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void preparesAValidEntryWithRealCidsAndSizesOfEveryFile() throws Exception {
        PackagedPublication prepared = service().prepare(request("kingman_n5_copy", metadata()));
        TraceEntry entry = prepared.entry();

        assertThat(entry.cid()).startsWith("Qm").isEqualTo(prepared.root().toString());
        assertThat(entry.files().keySet()).containsExactly("trace.json.gz", "metadata.json", "checksum.sha256");
        Path folder = Files.createDirectories(tmp.resolve("by-hand"));
        prepared.traceDirectory().writeTo(folder);
        for (Map.Entry<String, byte[]> file : prepared.traceDirectory().files().entrySet()) {
            Cid fileCid = new UnixFsImporter(ImportProfile.KUBO).importFile(new java.io.ByteArrayInputStream(file.getValue())).cid();
            assertThat(entry.files().get(file.getKey()).cid()).isEqualTo(fileCid.toString());
            assertThat(entry.files().get(file.getKey()).sizeBytes()).isEqualTo(file.getValue().length);
        }
        assertThat(new UnixFsImporter(ImportProfile.KUBO).importPath(folder).root()).isEqualTo(prepared.root());
        byte[] gzip = prepared.traceDirectory().files().get("trace.json.gz");
        String sha = Sha256.hex(gzip);
        assertThat(entry.checksum()).isEqualTo("sha256:" + sha);
        assertThat(new String(prepared.traceDirectory().files().get("checksum.sha256"), StandardCharsets.UTF_8))
                .isEqualTo(sha + "  trace.json.gz\n");
        assertThat(entry.license()).isEqualTo("MIT");
        assertThat(entry.metadata().vertices()).isEqualTo(5);
        assertThat(entry.metadata().paramLength()).isEqualTo(1);
        assertThat(new RegistryValidator().validate(bundled.with(entry, "2026-11-25T10:00:00Z"))).isEmpty();
        assertThat(prepared.mode()).isEqualTo(RegistryChange.Mode.ADD);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void theCidIsDeterministicAndIndependentOfTheInputEncoding() throws Exception {
        byte[] plainJson = DeterministicGzip.openContent(Files.newInputStream(N5_GZ), 1 << 24, "trace").readAllBytes();
        byte[] slowGzip = gzipWithMtime(plainJson);
        TraceMetadata metadata = metadata();

        Cid fromGzip = service().prepare(request("kingman_n5_copy", metadata)).root();
        Cid again = service().prepare(request("kingman_n5_copy", metadata)).root();
        Cid fromJson = service().prepare(new PublishRequest(TraceId.of("kingman_n5_copy"), plainJson, metadata, Map.of(), false)).root();
        Cid fromOtherGzip = service().prepare(new PublishRequest(TraceId.of("kingman_n5_copy"), slowGzip, metadata, Map.of(), false))
                .root();

        assertThat(again).isEqualTo(fromGzip);
        assertThat(fromJson).isEqualTo(fromGzip);
        assertThat(fromOtherGzip).isEqualTo(fromGzip);
    }

    private static byte[] gzipWithMtime(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        byte[] result = out.toByteArray();
        result[4] = 0x12;
        result[5] = 0x34;
        return result;
    }

    @Test
    void republishingIdenticalContentAsANewVersionIsRefused() throws Exception {
        TraceEntry published = service().prepare(request("kingman_n5_copy", metadata())).entry();
        bundled = bundled.with(published, "2026-11-25T10:00:00Z");
        PublishRequest sameContent = new PublishRequest(TraceId.of("kingman_n5_copy"), Files.readAllBytes(N5_GZ), metadata(),
                Map.of(), true);

        assertThatThrownBy(() -> service().prepare(sameContent)).isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("already published with exactly this content (CID " + published.cid() + ")");
    }

    @Test
    void missingRequiredMetadataIsListedFieldByField() throws IOException {
        PublishRefusedException refused = refusal(request("kingman_n5_copy", withFields(metadata(), null, " ", null, null)));

        assertThat(refused.problems()).containsExactly("metadata model_type is missing (e.g. coalescent)",
                "metadata license is missing (e.g. MIT)");
        assertThat(refused.hint()).isEqualTo(Hint.of(Hint.Kind.GIVE_METADATA));
    }

    @Test
    void verticesMustNotCountTheStartingVertex() throws IOException {
        PublishRefusedException refused = refusal(request("kingman_n5_copy", withFields(metadata(), "coalescent", "MIT", 1, 6)));

        assertThat(refused.problems()).singleElement().asString()
                .contains("vertices is 6 but the trace has 5 vertices besides the starting vertex (n_vertices 6)");
    }

    @Test
    void paramLengthMustAgreeWithTheTrace() throws IOException {
        PublishRefusedException refused = refusal(request("kingman_n5_copy", withFields(metadata(), "coalescent", "MIT", 2, null)));

        assertThat(refused.problems()).singleElement().asString()
                .isEqualTo("metadata param_length is 2 but the trace has param_length 1");
    }

    @Test
    void parametersMustMatchParamLength() throws IOException {
        TraceMetadata m = metadata();
        TraceMetadata twoParameters = new TraceMetadata(m.modelType(), m.domain(), m.variant(), null, null, m.description(),
                List.of(new Parameter("a", null, null, Map.of()), new Parameter("b", null, null, Map.of())), m.created(), m.author(),
                m.citation(), m.tags(), m.license(), m.extra());

        PublishRefusedException refused = refusal(request("kingman_n5_copy", twoParameters));

        assertThat(refused.problems()).singleElement().asString().contains("parameters").contains("lists 2 parameters");
    }

    @Test
    void anInvalidTraceIsRefusedWithTheReadersMessage() throws IOException {
        byte[] broken = "{\"operations\": [{\"op_type\": \"ADD\", \"operands\": [3]}]}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> service().prepare(new PublishRequest(TraceId.of("broken"), broken, metadata(), Map.of(), false)))
                .isInstanceOf(PublishRefusedException.class).hasMessageStartingWith("the trace file is not a valid trace: ");
    }

    @Test
    void codeFilesArePackagedAndListedWithTheirCids() throws Exception {
        byte[] code = "import phasic\n".getBytes(StandardCharsets.UTF_8);
        PublishRequest request = new PublishRequest(TraceId.of("kingman_n5_copy"), Files.readAllBytes(N5_GZ), metadata(),
                Map.of("build_graph.py", code), false);

        PackagedPublication prepared = service().prepare(request);

        assertThat(prepared.traceDirectory().files()).containsKey("build_graph.py");
        assertThat(prepared.entry().files().keySet()).containsExactly("trace.json.gz", "metadata.json", "checksum.sha256",
                "build_graph.py");
        assertThat(prepared.entry().files().get("build_graph.py").sizeBytes()).isEqualTo(code.length);
        assertThat(prepared.root()).isNotEqualTo(service().prepare(request("kingman_n5_copy", metadata())).root());
    }

    @Test
    void reservedOrUnsafeCodeFileNamesAreRefused() throws IOException {
        PublishRequest request = new PublishRequest(TraceId.of("kingman_n5_copy"), Files.readAllBytes(N5_GZ), metadata(),
                Map.of("metadata.json", new byte[1], "../evil.py", new byte[1]), false);

        assertThat(refusal(request).problems()).hasSize(2).anyMatch(p -> p.contains("'metadata.json' is reserved"))
                .anyMatch(p -> p.contains("'../evil.py' cannot be a file name"));
    }

    @Test
    void anExistingIdNeedsNewVersion() throws IOException {
        PublishRefusedException refused = refusal(request("kingman_n3_theta1", metadata()));

        assertThat(refused.problems()).singleElement().asString().startsWith("trace kingman_n3_theta1 already exists in the registry (CID Qm");
        assertThat(refused.hint()).isEqualTo(Hint.of(Hint.Kind.ANOTHER_ID_OR_NEW_VERSION, "kingman_n3_theta1"));
    }

    @Test
    void aNewVersionRecordsThePreviousCidsAndReplaces() throws Exception {
        TraceEntry old = bundled.find(TraceId.of("kingman_n3_theta1")).orElseThrow();
        TraceMetadata m = metadata();
        PublishRequest request = new PublishRequest(TraceId.of("kingman_n3_theta1"), Files.readAllBytes(N5_GZ), m, Map.of(), true);

        PackagedPublication prepared = service().prepare(request);

        assertThat(prepared.mode()).isEqualTo(RegistryChange.Mode.REPLACE);
        assertThat(prepared.entry().extra()).containsEntry(PublishService.PREVIOUS, List.of(old.cid()));
        assertThat(prepared.entry().cid()).isNotEqualTo(old.cid());
        String written = new String(registryCodec.toBytes(bundled.with(prepared.entry(), "2026-11-25T10:00:00Z")), StandardCharsets.UTF_8);
        Registry reread = registryCodec.read(written.getBytes(StandardCharsets.UTF_8));
        assertThat(reread.find(TraceId.of("kingman_n3_theta1")).orElseThrow().extra()).containsEntry("previous", List.of(old.cid()));
        assertThat(written).contains("\"previous\": [");
    }

    @Test
    void publishStoresPinsAndOpensThePullRequest() throws Exception {
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), new RecordingPublisher(false), daemon);
        PackagedPublication prepared = service.prepare(request("kingman_n5_copy", metadata()));

        PublishResult result = service.publish(prepared, PublishOptions.DEFAULTS);

        TraceStore.StoredTrace stored = store.find(TraceId.of("kingman_n5_copy"), prepared.root().toString()).orElseThrow();
        assertThat(stored.files().keySet()).containsExactlyInAnyOrder("trace.json.gz", "metadata.json", "checksum.sha256");
        assertThat(Files.readAllBytes(stored.file("trace.json.gz").orElseThrow().path()))
                .isEqualTo(prepared.traceDirectory().files().get("trace.json.gz"));
        assertThat(daemon.published).containsExactly(prepared.root());
        assertThat(daemon.directoryFiles).containsExactlyInAnyOrder("trace.json.gz", "metadata.json", "checksum.sha256");
        assertThat(notices).anyMatch(n -> n.startsWith("no answer from the offline node"));
        assertThat(pullRequests.submitted).singleElement().satisfies(change -> {
            assertThat(change.entry()).isEqualTo(prepared.entry());
            assertThat(change.mode()).isEqualTo(RegistryChange.Mode.ADD);
            assertThat(change.repository()).isEqualTo("munch-group/phasic-traces");
            assertThat(change.verification()).anyMatch(v -> v.contains("computed locally"))
                    .anyMatch(v -> v.contains("pinned on the recording node"));
        });
        assertThat(result.pullRequest()).map(PublishResult.PullRequest::number).contains(12);
        assertThat(result.manualInstructions()).isEmpty();
    }

    @Test
    void remotePinningServicesAreAskedToPinTheCidAndAFailureStopsThePullRequest() throws Exception {
        List<String> pinned = new ArrayList<>();
        RemotePinning queued = new RemotePinning() {
            @Override
            public String name() {
                return "pinata";
            }

            @Override
            public String pin(Cid root, String name) {
                pinned.add(root + " " + name);
                return "queued";
            }

            @Override
            public Optional<String> status(Cid root) {
                return Optional.empty();
            }
        };
        RemotePinning refusing = new RemotePinning() {
            @Override
            public String name() {
                return "web3storage";
            }

            @Override
            public String pin(Cid root, String name) throws IOException {
                throw new IOException("pinning service web3storage: HTTP 401 (check its token)");
            }

            @Override
            public Optional<String> status(Cid root) throws IOException {
                throw new IOException("pinning service web3storage: HTTP 401 (check its token)");
            }
        };
        remotePinning = List.of(queued);
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), daemon);
        PackagedPublication prepared = service.prepare(request("kingman_n5_copy", metadata()));

        PublishResult result = service.publish(prepared, PublishOptions.DEFAULTS);

        assertThat(pinned).containsExactly(prepared.root() + " kingman_n5_copy");
        assertThat(result.verification()).contains("pin requested on pinata (queued)");
        remotePinning = List.of(queued, refusing);
        PublishService failing = service(Optional.of(AccessToken.of("ghp_secret")), daemon);
        assertThatThrownBy(() -> failing.publish(prepared, PublishOptions.DEFAULTS)).hasMessageContaining("HTTP 401");
        assertThat(pullRequests.submitted).hasSize(1);
    }

    @Test
    void withoutATokenThePullRequestIsDescribedNotOpened() throws Exception {
        PublishService service = service(Optional.empty(), daemon);
        PackagedPublication prepared = service.prepare(request("kingman_n5_copy", metadata()));

        PublishResult result = service.publish(prepared, PublishOptions.DEFAULTS);

        assertThat(result.served()).isTrue();
        assertThat(pullRequests.submitted).isEmpty();
        assertThat(result.manualInstructions()).contains("manual: Add trace kingman_n5_copy");
        assertThat(store.findAny(TraceId.of("kingman_n5_copy"))).isPresent();
    }

    @Test
    void whenNothingServesTheContentItIsStoredButNothingIsProposed() throws Exception {
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), new RecordingPublisher(false));
        PackagedPublication prepared = service.prepare(request("kingman_n5_copy", metadata()));

        PublishResult result = service.publish(prepared, PublishOptions.DEFAULTS);

        assertThat(result.served()).isFalse();
        assertThat(result.pullRequest()).isEmpty();
        assertThat(result.manualInstructions()).isEmpty();
        assertThat(pullRequests.submitted).isEmpty();
        assertThat(notices).anyMatch(n -> n.startsWith("no answer from the offline node"));
        assertThat(store.findAny(TraceId.of("kingman_n5_copy"))).isPresent();
    }

    @Test
    void aPublisherFailureStopsBeforeThePullRequest() throws Exception {
        ContentPublisher wrong = new RecordingPublisher(true) {
            @Override
            public Cid publish(Path directory, Cid expected) throws IOException {
                throw new IOException("the node computed another CID");
            }
        };
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), wrong);
        PackagedPublication prepared = service.prepare(request("kingman_n5_copy", metadata()));

        assertThatThrownBy(() -> service.publish(prepared, PublishOptions.DEFAULTS)).hasMessage("the node computed another CID");
        assertThat(pullRequests.submitted).isEmpty();
    }

    @Test
    void checkRetrievableFetchesTheTraceBackThroughAGatewayBeforeThePullRequest() throws Exception {
        PackagedPublication prepared = service().prepare(request("kingman_n5_copy", metadata()));
        sources = List.of(new ServingSource("gateway empty", null), new ServingSource("gateway good", prepared));
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), daemon);

        PublishResult result = service.publish(prepared, new PublishOptions(true, true));

        assertThat(result.verification()).contains(
                "trace.json.gz fetched back from gateway good and verified against the CID and checksum");
        assertThat(pullRequests.submitted).singleElement().satisfies(change -> assertThat(change.verification())
                .contains("trace.json.gz fetched back from gateway good and verified against the CID and checksum"));
    }

    @Test
    void checkRetrievableFailsWithoutAnyServingGatewayAndOpensNoPullRequest() throws Exception {
        PackagedPublication prepared = service().prepare(request("kingman_n5_copy", metadata()));
        sources = List.of(new ServingSource("own daemon", prepared, ContentSource.Tier.DAEMON), new ServingSource("gateway empty", null));
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), daemon);

        assertThatThrownBy(() -> service.publish(prepared, new PublishOptions(true, true)))
                .isInstanceOfSatisfying(OperationFailedException.class,
                        e -> assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.KEEP_CONTENT_ONLINE)))
                .hasMessageStartingWith("no gateway serves " + prepared.root() + " yet (gateway empty: does not have it)")
                .hasMessageContaining("pull request was not opened");
        assertThat(pullRequests.submitted).isEmpty();
        assertThat(store.findAny(TraceId.of("kingman_n5_copy"))).isPresent();
    }

    @Test
    void checkRetrievableRejectsAGatewayServingOtherContent() throws Exception {
        PackagedPublication other = service().prepare(request("kingman_n5_other", withFields(metadata(), "other", "MIT", null, null)));
        PackagedPublication prepared = service().prepare(request("kingman_n5_copy", metadata()));
        sources = List.of(new ServingSource("gateway liar", other));
        PublishService service = service(Optional.of(AccessToken.of("ghp_secret")), daemon);

        assertThatThrownBy(() -> service.publish(prepared, new PublishOptions(true, true)))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("gateway liar: ");
        assertThat(pullRequests.submitted).isEmpty();
    }

    /** A network source serving the blocks of {@code served}'s package (whatever root is asked for), or nothing. */
    private final class ServingSource implements ContentSource {
        private final String name;
        private final PackagedPublication served;
        private final int order;

        ServingSource(String name, PackagedPublication served) {
            this(name, served, Tier.GATEWAY);
        }

        ServingSource(String name, PackagedPublication served, int order) {
            this.name = name;
            this.served = served;
            this.order = order;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean usesNetwork() {
            return true;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public Optional<BlockFeed> open(Cid root, String path) throws IOException {
            if (served == null) {
                return Optional.empty();
            }
            MemoryBlockStore blocks = new MemoryBlockStore();
            Path folder = Files.createTempDirectory(tmp, "served");
            served.traceDirectory().writeTo(folder);
            new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(folder);
            return Optional.of(BlockFeed.Lookup.of(blocks));
        }
    }

    private List<Path> storedFiles() throws IOException {
        Path root = tmp.resolve("store");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static class RecordingPublisher implements ContentPublisher {
        final boolean answers;
        final List<Cid> published = new ArrayList<>();
        final List<String> directoryFiles = new ArrayList<>();

        RecordingPublisher(boolean answers) {
            this.answers = answers;
        }

        @Override
        public String name() {
            return answers ? "recording node" : "offline node";
        }

        @Override
        public boolean available() {
            return answers;
        }

        @Override
        public Cid publish(Path directory, Cid expected) throws IOException {
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(file -> directoryFiles.add(file.getFileName().toString()));
            }
            assertThat(new UnixFsImporter(ImportProfile.KUBO).importPath(directory).root()).isEqualTo(expected);
            published.add(expected);
            return expected;
        }
    }

    static final class RecordingPullRequests implements RegistryPullRequests {
        final List<RegistryChange> submitted = new ArrayList<>();

        @Override
        public PullRequestResult submit(RegistryChange change, AccessToken token) {
            submitted.add(change);
            return new PullRequestResult(java.net.URI.create("https://github.com/munch-group/phasic-traces/pull/12"), 12,
                    change.repository(), "phasic-traces/add", false);
        }

        @Override
        public String manualInstructions(RegistryChange change) {
            return "manual: " + change.title();
        }
    }
}
