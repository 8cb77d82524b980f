package org.phasic.traces.adapter.ipfs.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the fake {@code ipfs daemon} runs (a separate JVM, JDK only): like Kubo it locks
 * {@code repo.lock}, becomes ready after a delay, listens on 127.0.0.1, writes the repository's
 * {@code api} file and answers {@code /api/v0/version} and {@code /api/v0/id} (POST only).
 * Arguments: repository folder, readiness delay in milliseconds.
 */
public final class FakeKuboDaemon {

    private FakeKuboDaemon() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        long delayMillis = Long.parseLong(args[1]);
        Files.createDirectories(repo);
        FileChannel lockChannel = FileChannel.open(repo.resolve("repo.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            System.out.println("Error: someone else has the lock on " + repo);
            System.exit(1);
        }
        System.out.println("Initializing daemon...");
        Thread.sleep(delayMillis);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v0/version", exchange -> answer(exchange,
                "{\"Version\":\"0.0.0-fake\",\"Commit\":\"\",\"Repo\":\"15\"}"));
        server.createContext("/api/v0/id", exchange -> answer(exchange,
                "{\"ID\":\"12D3KooWfake\",\"AgentVersion\":\"kubo/0.0.0-fake/\",\"Addresses\":[]}"));
        server.start();
        Path api = repo.resolve("api");
        Path tmp = repo.resolve("api.tmp");
        Files.writeString(tmp, "/ip4/127.0.0.1/tcp/" + server.getAddress().getPort());
        Files.move(tmp, api, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(api);
            } catch (IOException ignored) {
                // best effort, like a crashed daemon
            }
        }));
        System.out.println("Daemon is ready");
        Thread.currentThread().join();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int status = exchange.getRequestMethod().equals("POST") ? 200 : 405;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
