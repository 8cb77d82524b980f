package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.github.JacksonRegistryCodec;
import org.phasic.traces.app.Main;
import org.phasic.traces.app.bundle.KingmanTraces;
import org.phasic.traces.app.codec.JacksonTraceCodec;
import org.phasic.traces.domain.car.CarWriter;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Registry;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.ImportResult;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/** {@code get} through the {@code gateway} profile against a local trustless gateway (MockWebServer). */
class GatewayGetTest {
    private static final String ID = "gateway_kingman_n5";
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    @TempDir
    Path userHome;
    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private byte[] traceBytes;
    private byte[] car;
    private Cid root;
    private Path registryFile;

    @BeforeEach
    void publishATraceOnlyTheGatewayHas() throws Exception {
        Map<String, byte[]> files = KingmanTraces.files(5, new JacksonTraceCodec());
        traceBytes = files.get(TraceEntry.TRACE_FILE);
        Path folder = Files.createDirectories(work.resolve(ID));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(folder.resolve("note.txt"), "only on the gateway");
        MemoryBlockStore blocks = new MemoryBlockStore();
        ImportResult imported = new UnixFsImporter(ImportProfile.KUBO, blocks).importPath(folder);
        root = imported.root();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CarWriter writer = new CarWriter(out, root)) {
            for (Block block : blocks.blocks()) {
                writer.accept(block);
            }
        }
        car = out.toByteArray();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(traceBytes));
        TraceEntry entry = new TraceEntry(TraceId.of(ID), root.toString(), "Kingman n=5 served by a gateway", null,
                Map.of(TraceEntry.TRACE_FILE, new FileRef(imported.entry(TraceEntry.TRACE_FILE).orElseThrow().cid().toString(),
                        (long) traceBytes.length, Map.of())), "sha256:" + sha256, "MIT", null, Map.of());
        Registry registry = Registry.empty("2026-11-25T00:00:00Z").with(entry, "2026-11-25T00:00:00Z");
        registryFile = work.resolve("registry.json");
        try (var stream = Files.newOutputStream(registryFile)) {
            new JacksonRegistryCodec().write(registry, stream);
        }
    }

    private void serve(byte[] carBytes) {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                return new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(carBytes)).build();
            }
        });
    }

    private record Run(int code, String out, String err) {
    }

    private Run get(String... extra) {
        List<String> args = new ArrayList<>(List.of("--home", userHome.resolve("home").toString(), "--profile", "gateway",
                "--set", "gateway.urls=http://127.0.0.1:" + gateway.getPort(), "--set", "gateway.retries=0",
                "--set", "registry.url=" + registryFile.toUri(), "get", ID));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                userHome);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aTraceOnlyTheGatewayHasIsFetchedVerifiedAndStored() throws IOException {
        serve(car);

        Run run = get();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("from gateways http://127.0.0.1:" + gateway.getPort(), "verified");
        Path stored = Path.of(run.out().strip());
        assertThat(Files.readAllBytes(stored)).isEqualTo(traceBytes);
        assertThat(requests).anySatisfy(target -> assertThat(target).startsWith("/ipfs/" + root + "/trace.json.gz"));

        requests.clear();
        Run again = get();
        assertThat(again.code()).isZero();
        assertThat(again.err()).contains("from local store");
        assertThat(requests).as("a store hit makes no request").isEmpty();
    }

    @Test
    void aTamperedCarIsRefusedAndNothingIsStored() throws IOException {
        byte[] tampered = car.clone();
        int inTrace = indexOf(tampered, Arrays.copyOfRange(traceBytes, 100, 140));
        assertThat(inTrace).isPositive();
        tampered[inTrace] ^= 0x01;
        serve(tampered);

        Run run = get();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("could not fetch " + ID);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anHtmlPageWithStatus200IsNotATrace() throws IOException {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                        .body("<html><body>rate limited</body></html>").build();
            }
        });

        Run run = get();

        assertThat(run.code()).isEqualTo(1);
        assertThat(storedFiles()).isEmpty();
    }

    private List<Path> storedFiles() throws IOException {
        Path objects = userHome.resolve("home/store/objects");
        if (!Files.exists(objects)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
