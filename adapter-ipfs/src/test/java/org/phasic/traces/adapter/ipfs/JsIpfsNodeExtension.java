package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one real js-ipfs node (ipfs@0.66.1, offline, 127.0.0.1 only) for the whole test run, before
 * the first test that uses this extension, and stops it by its PID at the end; tests get it as a
 * {@link JsIpfsNode} parameter.
 *
 * <p>{@code tools/ipfs-node/start-test-node.sh} installs its npm packages once per machine into the shared
 * test-peer cache ({@code tools/test-peers.sh}, also used by the other modules' tests), and starts it with a fresh
 * repository under {@code target/ipfs-node-run-*} on two free ports. The tests are skipped, with the reason, only
 * where it cannot run: no bash, node, npm or curl, or npm cannot reach its registry for the first install.
 */
public final class JsIpfsNodeExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JsIpfsNodeExtension.class);
    private static final Path NODE_RECIPE = Path.of("..", "tools", "ipfs-node");
    private static final int UNAVAILABLE = 75;
    private static final Pattern PID = Pattern.compile("(?m)^IPFS_PID=(\\d+)$");

    /** Why the node cannot run on this machine, once found out; the remaining tests skip at once. */
    private static volatile String unavailable;

    /** Starts the node, or skips the test, with the reason, when it cannot run here (a skip, not an error). */
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
        String reason = unavailable;
        if (reason != null) {
            throw new TestAbortedException(reason);
        }
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(RunningNode.class, type -> RunningNode.start(), RunningNode.class).node;
        } catch (TestAbortedException e) {
            unavailable = e.getMessage();
            throw e;
        }
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
            try {
                Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ipfs-node-run-")
                        .toAbsolutePath();
                int[] ports = freePorts();
                Path log = runDir.resolve("start.log");
                Process script = startScript(runDir, ports, log);
                script.getOutputStream().close();
                if (!script.waitFor(15, TimeUnit.MINUTES)) {
                    script.destroy();
                    throw new IllegalStateException("js-ipfs node did not install and start within 15 minutes; see "
                            + log);
                }
                String output = Files.readString(log);
                if (script.exitValue() == UNAVAILABLE) {
                    throw new TestAbortedException("js-ipfs test node unavailable: " + output.strip().lines()
                            .reduce((first, second) -> second).orElse(""));
                }
                Matcher pid = PID.matcher(output);
                if (script.exitValue() != 0 || !pid.find()) {
                    throw new IllegalStateException("starting the js-ipfs node failed (exit " + script.exitValue()
                            + "):\n" + output);
                }
                System.err.println("[js-ipfs test node] " + output.lines().filter(line -> line.startsWith("IPFS node"))
                        .findFirst().orElse("") + " in " + runDir);
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

        private static Process startScript(Path runDir, int[] ports, Path log) {
            try {
                return new ProcessBuilder("bash", NODE_RECIPE.resolve("start-test-node.sh").toAbsolutePath().toString(),
                        runDir.toString(), Integer.toString(ports[0]), Integer.toString(ports[1]))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException noBash) {
                throw new TestAbortedException("js-ipfs test node unavailable: cannot run bash (" + noBash.getMessage()
                        + ")");
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

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
