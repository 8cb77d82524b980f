package org.phasic.traces.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.cli.Main;
import org.phasic.traces.app.testing.CliRun;
import org.phasic.traces.domain.dag.MemoryBlockStore;
import org.phasic.traces.domain.unixfs.ImportProfile;

/**
 * {@code get} and {@code install} started on C1 alone, as the launcher starts them, with its variable set: a trace
 * whose registry size reaches {@code relaunch.bytes} is fetched by a second JVM with the given options (here {@code
 * -XX:+PrintFlagsFinal}, so that JVM shows itself and its compiler on standard output); the first JVM asks the gateway
 * for nothing, the second inherits the streams and its exit code is the command's.
 */
class BulkRelaunchProcessTest {
    private static final String ID = "bulk_relaunch";
    private static final String KINGMAN = "bulk_relaunch_kingman";
    private static final int SIZE = 2 << 20;
    private static final Pattern TIERED = Pattern.compile("(?m)^\\s*intx TieredStopAtLevel\\s+= 4\\b");
    private static final String NOTE = " to fetch and verify: continuing in a JVM with the optimizing compiler";

    @TempDir
    Path work;
    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private Path registry;
    private GatewayTraces.Published kingman;

    /** Two traces: {@link #ID}, 2 MiB of random bytes (for install), and {@link #KINGMAN}, a real one (for get). */
    @BeforeEach
    void publishTraces() throws IOException {
        GatewayTraces.Published random = GatewayTraces.publishRandom(work, ID, SIZE, 7, ImportProfile.KUBO,
                new MemoryBlockStore(), "2 MiB");
        kingman = GatewayTraces.publish(work, KINGMAN, "relaunched");
        registry = GatewayTraces.writeRegistry(work.resolve("registry.json"), List.of(random, kingman));
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                byte[] car = request.getTarget().contains(kingman.root().toString()) ? kingman.car() : random.car();
                return new MockResponse.Builder().code(200).setHeader("Content-Type", GatewayTraces.CAR_TYPE)
                        .body(new Buffer().write(car)).build();
            }
        });
    }

    @Test
    void anInstallThatReachesTheSizeIsFetchedByAJvmWithTheOptimizingCompiler() throws Exception {
        CliRun run = run(SIZE, "install", ID);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(TIERED.matcher(run.out()).find()).as("the relaunched JVM's flags").isTrue();
        assertThat(run.out()).contains("installed 1 trace(s): 1 fetched");
        assertThat(run.err()).contains("2.0 MiB" + NOTE);
        assertThat(requests).as("only the relaunched JVM asked the gateway").hasSize(1);
        assertThat(GatewayTraces.filesOfSize(work.resolve("home").resolve("store"), SIZE)).hasSize(1);
    }

    @Test
    void aPlainGetIsRelaunchedTooAndPrintsThePathOnce() throws Exception {
        int traceSize = kingman.traceBytes().length;
        CliRun run = run(traceSize, "get", KINGMAN);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(TIERED.matcher(run.out()).find()).isTrue();
        List<Path> stored = GatewayTraces.filesOfSize(work.resolve("home").resolve("store"), traceSize);
        assertThat(stored).isNotEmpty();
        assertThat(run.out().lines().filter(line -> line.startsWith(work.resolve("home").toString()))).hasSize(1)
                .allSatisfy(path -> assertThat(Files.readAllBytes(Path.of(path))).isEqualTo(kingman.traceBytes()));
        assertThat(run.err()).contains(KINGMAN + ": ").contains("verified");
        assertThat(requests).hasSize(1);

        CliRun storeHit = run(traceSize, "get", KINGMAN);
        assertThat(storeHit.code()).as(storeHit.err()).isZero();
        assertThat(TIERED.matcher(storeHit.out()).find()).as("a store hit stays in its JVM").isFalse();
        assertThat(storeHit.err()).doesNotContain(NOTE);
        assertThat(requests).hasSize(1);
    }

    @Test
    void getIntoAFolderIsRelaunchedThroughTheFullCommandLine() throws Exception {
        Path folder = work.resolve("folder");
        CliRun run = run(1, "get", KINGMAN, "--dir", folder.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(TIERED.matcher(run.out()).find()).isTrue();
        assertThat(folder.resolve("trace.json.gz")).hasBinaryContent(kingman.traceBytes());
        assertThat(requests).hasSize(1);
    }

    @Test
    void belowTheSizeTheCommandStaysInItsJvm() throws Exception {
        CliRun run = run(SIZE + 1L, "install", ID);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(TIERED.matcher(run.out()).find()).isFalse();
        assertThat(run.err()).doesNotContain(NOTE);
        assertThat(requests).hasSize(1);
    }

    @Test
    void quietRelaunchesSilently() throws Exception {
        CliRun run = run(1, "-q", "get", KINGMAN);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(TIERED.matcher(run.out()).find()).isTrue();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theRelaunchedJvmsFailureIsTheCommandsFailure() throws Exception {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getTarget());
                return new MockResponse.Builder().code(404).build();
            }
        });

        CliRun run = run(SIZE, "get", ID);

        assertThat(run.code()).isEqualTo(1);
        assertThat(TIERED.matcher(run.out()).find()).isTrue();
        assertThat(run.err().lines().filter(line -> line.startsWith("phasic-traces: could not fetch " + ID))).hasSize(1);
    }

    /**
     * {@code phasic-traces args} in a JVM on C1 alone with the launcher's variable, relaunching from {@code bytes}
     * ({@code relaunch.bytes}, from the environment).
     */
    private CliRun run(long bytes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Duser.home=" + Files.createDirectories(work.resolve("user")),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--home", work.resolve("home").toString(), "--set", "registry.url=" + registry.toUri(),
                "--set", "gateway.urls=" + gateway.url("/").toString().replaceAll("/$", "")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PHASIC_TRACES"));
        builder.environment().put("PHASIC_TRACES_RELAUNCH_BYTES", Long.toString(bytes));
        builder.environment().put("PHASIC_TRACES_RELAUNCH_JIT", "-XX:+PrintFlagsFinal");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new CliRun(process.exitValue(), Files.readString(work.resolve("out.txt")), Files.readString(work.resolve("err.txt")));
    }
}
