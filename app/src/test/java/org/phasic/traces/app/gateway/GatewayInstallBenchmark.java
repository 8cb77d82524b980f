package org.phasic.traces.app.gateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.phasic.traces.app.Main;

/**
 * Benchmark command (not a test): {@code install} of N traces that only loopback gateways serve, with
 * {@code --jobs 1} and {@code --jobs 8}, each on an empty home, over two MockWebServer gateways that answer
 * every request after a simulated latency. Prints traces per second. Arguments: {@code [traces] [latencyMs]
 * [rounds]}, default {@code 500 20 2}. See docs/benchmarks.md for the command line.
 */
public final class GatewayInstallBenchmark {
    private static final String CAR_TYPE = "application/vnd.ipld.car; version=1; order=dfs; dups=y";

    private GatewayInstallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int traces = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = Files.createTempDirectory("gateway-install-bench");
        Map<String, byte[]> carsByRoot = new HashMap<>();
        List<GatewayTraces.Published> published = new ArrayList<>();
        for (int i = 0; i < traces; i++) {
            GatewayTraces.Published trace = GatewayTraces.publish(work.resolve("src"), "bench_" + i, "trace number " + i);
            published.add(trace);
            carsByRoot.put(trace.root().toString(), trace.car());
        }
        Path registry = GatewayTraces.writeRegistry(work.resolve("registry.json"), published);
        List<String> ids = published.stream().map(trace -> trace.entry().id().toString()).toList();
        try (MockWebServer first = gateway(carsByRoot, latencyMs); MockWebServer second = gateway(carsByRoot, latencyMs)) {
            String urls = "http://127.0.0.1:" + first.getPort() + ",http://127.0.0.1:" + second.getPort();
            System.out.printf(Locale.ROOT, "%d traces, %d ms gateway latency, 2 loopback gateways, %d cores%n", traces,
                    latencyMs, Runtime.getRuntime().availableProcessors());
            for (int round = 1; round <= rounds; round++) {
                for (int jobs : new int[] {1, 8}) {
                    Path home = work.resolve("home-" + round + "-" + jobs);
                    long start = System.nanoTime();
                    int code = install(home, urls, registry, jobs, ids);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d  --jobs %d: %.2f s, %.1f traces/s (exit %d)%n", round, jobs,
                            seconds, traces / seconds, code);
                }
            }
        }
    }

    private static int install(Path home, String urls, Path registry, int jobs, List<String> ids) {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "-q", "--set", "gateway.urls=" + urls,
                "--set", "gateway.hedgeDelay=5s", "--set", "registry.url=" + registry.toUri(), "install", "--jobs",
                String.valueOf(jobs)));
        args.addAll(ids);
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                Map.of(), home);
        if (code != 0) {
            System.out.println(err);
        }
        return code;
    }

    private static MockWebServer gateway(Map<String, byte[]> carsByRoot, long latencyMs) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                String root = path.startsWith("/ipfs/") ? path.substring(6).split("/")[0] : "";
                byte[] car = carsByRoot.get(root);
                if (car == null) {
                    return new MockResponse.Builder().code(404).build();
                }
                MockResponse.Builder response = new MockResponse.Builder().code(200).setHeader("Content-Type", CAR_TYPE)
                        .body(new Buffer().write(car));
                return (latencyMs > 0 ? response.headersDelay(latencyMs, TimeUnit.MILLISECONDS) : response).build();
            }
        });
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        server.start();
        return server;
    }

    /**
     * Accepted sockets with {@code TCP_NODELAY}: MockWebServer writes headers and body separately, and with Nagle's
     * algorithm on loopback every response would wait ~40 ms for the client's delayed ACK — a test-server artefact
     * real gateways do not show.
     */
    private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = new Socket();
                    implAccept(socket);
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            throw new UnsupportedOperationException();
        }
    }
}
