package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
import org.phasic.traces.adapter.ipfs.daemon.ExecutableLookup;
import org.phasic.traces.domain.io.Sha256;

/**
 * Starts one real js-ipfs node (ipfs@0.66.1, offline, 127.0.0.1 only) for the whole test run, before
 * the first test that uses this extension, and stops it by its PID at the end; tests get it as a
 * {@link JsIpfsNode} parameter.
 *
 * <p>Its npm packages are installed once per machine with {@code npm ci} from the lock file in
 * {@code tools/ipfs-node/} (shared by the modules whose tests run the node) into {@code ~/.cache/phasic-traces/ipfs-node} (override with the
 * {@code PHASIC_TRACES_IPFS_NODE_CACHE} environment variable); each run gets a fresh repository under
 * {@code target/ipfs-node-run-*} on two free ports. Without node, npm, bash or curl the tests are
 * skipped with a loud message.
 */
public final class JsIpfsNodeExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JsIpfsNodeExtension.class);
    private static final Path NODE_RECIPE = Path.of("..", "tools", "ipfs-node");
    private static final String MARKER = "installed-lock.sha256";
    private static final Pattern PID = Pattern.compile("(?m)^IPFS_PID=(\\d+)$");

    /** Starts the node, or skips the test when node/npm are missing (a skip, not an error). */
    @Override
    public void beforeEach(ExtensionContext context) {
        node(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JsIpfsNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return node(context);
    }

    private static JsIpfsNode node(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningNode.class, type -> RunningNode.start(), RunningNode.class).node;
    }

    /** The node for this run; JUnit closes it (stopping the process by PID) when the run ends. */
    static final class RunningNode implements AutoCloseable {
        private final JsIpfsNode node;
        private final Thread shutdownHook;

        private RunningNode(JsIpfsNode node) {
            this.node = node;
            this.shutdownHook = new Thread(() -> stop(node.pid()));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }

        static RunningNode start() {
            requireTools();
            try {
                Path recipe = NODE_RECIPE.toAbsolutePath();
                Path cache = cacheDir();
                install(recipe, cache);
                Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ipfs-node-run-")
                        .toAbsolutePath();
                Files.createSymbolicLink(runDir.resolve("node_modules"), cache.resolve("node_modules"));
                int[] ports = freePorts();
                Path log = runDir.resolve("start.log");
                Process script = new ProcessBuilder("bash", recipe.resolve("start-ipfs-node.sh").toString(), "start",
                        runDir.toString(), Integer.toString(ports[0]), Integer.toString(ports[1]))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                script.getOutputStream().close();
                if (!script.waitFor(150, TimeUnit.SECONDS)) {
                    script.destroy();
                    throw new IllegalStateException("js-ipfs node did not start within 150 s; see " + log);
                }
                String output = Files.readString(log);
                Matcher pid = PID.matcher(output);
                if (script.exitValue() != 0 || !pid.find()) {
                    throw new IllegalStateException("starting the js-ipfs node failed (exit " + script.exitValue()
                            + "):\n" + output);
                }
                System.err.println("[js-ipfs test node] " + output.lines().findFirst().orElse("") + " in " + runDir);
                return new RunningNode(new JsIpfsNode(
                        ApiAddress.parse("/ip4/127.0.0.1/tcp/" + ports[0], ApiAddress.Source.EXPLICIT),
                        URI.create("http://127.0.0.1:" + ports[1]), Long.parseLong(pid.group(1)), runDir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the js-ipfs test node", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the js-ipfs test node", e);
            }
        }

        @Override
        public void close() {
            stop(node.pid());
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway; stopping twice is harmless
            }
        }

        private static void stop(long pid) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                return;
            }
            handle.get().destroy();
            try {
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                handle.get().destroyForcibly();
            }
        }
    }

    private static void requireTools() {
        ExecutableLookup path = ExecutableLookup.fromSystemPath();
        List<String> missing = List.of("node", "npm", "bash", "curl").stream().filter(t -> path.find(t).isEmpty()).toList();
        if (!missing.isEmpty()) {
            String message = "\n##########\n# SKIPPING js-ipfs integration tests: " + String.join(", ", missing)
                    + " not on PATH.\n# Install Node.js >= 18 with npm (and bash, curl) to run them; CI must.\n##########";
            System.err.println(message);
            throw new TestAbortedException(message);
        }
    }

    private static Path cacheDir() {
        String configured = System.getenv("PHASIC_TRACES_IPFS_NODE_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "phasic-traces", "ipfs-node");
    }

    /** {@code npm ci} into the cache unless it already holds exactly this lock file's packages. */
    private static void install(Path recipe, Path cache) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        try (FileChannel channel = FileChannel.open(cache.resolve("install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                installHoldingLock(recipe, cache);
            } finally {
                lock.release();
            }
        }
    }

    private static void installHoldingLock(Path recipe, Path cache) throws IOException, InterruptedException {
        String wanted = Sha256.hex(Files.readAllBytes(recipe.resolve("package-lock.json")));
        Path marker = cache.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker).strip().equals(wanted)
                && Files.exists(cache.resolve("node_modules/ipfs/src/cli.js"))) {
            return;
        }
        Files.deleteIfExists(marker);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(recipe.resolve(file), cache.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = cache.resolve("npm-install.log");
        System.err.println("[js-ipfs test node] installing ipfs@0.66.1 with npm ci into " + cache + " (once)");
        Process npm = new ProcessBuilder("npm", "ci", "--omit=optional", "--no-audit", "--no-fund")
                .directory(cache.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        npm.getOutputStream().close();
        if (!npm.waitFor(15, TimeUnit.MINUTES)) {
            npm.destroy();
            throw new IllegalStateException("npm ci did not finish within 15 minutes; see " + log);
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed (exit " + npm.exitValue() + "):\n" + Files.readString(log));
        }
        Files.writeString(marker, wanted + "\n", StandardCharsets.US_ASCII);
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
