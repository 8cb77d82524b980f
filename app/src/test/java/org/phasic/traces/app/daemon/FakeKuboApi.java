package org.phasic.traces.app.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Kubo RPC API (JDK only, so it also runs as the fake {@code ipfs daemon} process):
 * {@code version}, {@code id}, {@code repo/stat} and {@code block/get} over the blocks it was given,
 * answering "not found" (HTTP 500, Kubo's JSON) for others. POST only, like Kubo.
 */
public final class FakeKuboApi implements AutoCloseable {
    public static final String VERSION = "0.29.0-fake";

    private final HttpServer server;
    private final Map<String, byte[]> blocks = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private FakeKuboApi(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free 127.0.0.1 port. */
    public static FakeKuboApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeKuboApi api = new FakeKuboApi(server);
        server.createContext("/api/v0/", api::handle);
        server.start();
        return api;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:4711}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code data} as the block {@code cid}. */
    public void put(String cid, byte[] data) {
        blocks.put(cid, data);
    }

    /** The calls received, e.g. {@code block/get QmX...}, oldest first. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String call = exchange.getRequestURI().getPath().substring("/api/v0/".length());
        String arg = queryParameter(exchange.getRequestURI().getRawQuery(), "arg");
        calls.add(arg == null ? call : call + " " + arg);
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, "{\"Message\":\"405 - Method Not Allowed\",\"Code\":0,\"Type\":\"error\"}");
            return;
        }
        switch (call) {
            case "version" -> answer(exchange, 200, "{\"Version\":\"" + VERSION + "\",\"Commit\":\"\",\"Repo\":\"15\"}");
            case "id" -> answer(exchange, 200, "{\"ID\":\"12D3KooWfake\",\"AgentVersion\":\"kubo/" + VERSION + "/\"}");
            case "repo/stat" -> answer(exchange, 200, "{\"RepoSize\":2097152,\"StorageMax\":10000000000,\"NumObjects\":"
                    + blocks.size() + ",\"RepoPath\":\"/fake\",\"Version\":\"fs-repo@15\"}");
            case "block/get" -> {
                byte[] data = arg == null ? null : blocks.get(arg);
                if (data == null) {
                    answer(exchange, 500, "{\"Message\":\"block was not found locally (offline): ipld: could not find "
                            + arg + "\",\"Code\":0,\"Type\":\"error\"}");
                } else {
                    answer(exchange, 200, data);
                }
            }
            case "pin/add" -> answer(exchange, 200, "{\"Pins\":[\"" + arg + "\"]}");
            default -> answer(exchange, 404, "404 page not found");
        }
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        answer(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * A fake {@code ipfs} command in {@code folder/bin}: records its arguments in
     * {@code folder/ipfs-arguments.txt}, creates {@code $IPFS_PATH/config} on {@code init}, and on
     * {@code daemon} runs {@link #main} (a fake daemon) in a new JVM serving the blocks in {@code folder/blocks}
     * (files named by their CID).
     *
     * @return the bin folder, for {@code PATH}
     */
    public static Path installIpfsCommand(Path folder) throws IOException {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(FakeKuboApi.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String script = "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + folder.resolve("ipfs-arguments.txt") + "'\n"
                + "case \"$1\" in\n"
                + "  init) mkdir -p \"$IPFS_PATH\" && printf '{}\\n' > \"$IPFS_PATH/config\" ;;\n"
                + "  daemon) exec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + classes + "' "
                + FakeKuboApi.class.getName() + " \"$IPFS_PATH\" '" + folder.resolve("blocks") + "' ;;\n"
                + "  *) echo \"fake ipfs: unexpected arguments: $*\" >&2; exit 2 ;;\n"
                + "esac\n";
        Path ipfs = bin.resolve("ipfs");
        Files.writeString(ipfs, script);
        Files.setPosixFilePermissions(ipfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /**
     * The fake daemon: locks {@code repo.lock} like Kubo, serves the API and writes the repository's api file.
     * Arguments: the repository, a folder of blocks to serve (files named by CID; may be missing).
     */
    public static void main(String[] args) throws Exception {
        Path repo = Files.createDirectories(Path.of(args[0]));
        FileChannel lockChannel = FileChannel.open(repo.resolve("repo.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            System.out.println("Error: someone else has the lock on " + repo);
            System.exit(1);
        }
        FakeKuboApi api = start();
        Path blocks = Path.of(args[1]);
        if (Files.isDirectory(blocks)) {
            try (var files = Files.list(blocks)) {
                for (Path file : files.toList()) {
                    api.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        Path tmp = repo.resolve("api.tmp");
        Files.writeString(tmp, "/ip4/127.0.0.1/tcp/" + api.server.getAddress().getPort());
        Files.move(tmp, repo.resolve("api"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Daemon is ready");
        Thread.currentThread().join();
    }
}
