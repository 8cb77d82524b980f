package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.phasic.traces.domain.cid.Cid;

/**
 * A real js-ipfs node (ipfs@0.66.1, offline, 127.0.0.1 only) for the tests of a class: started before them with
 * the project's recipe ({@code tools/ipfs-node/start-test-node.sh} at the repository root) and stopped, by its pid,
 * after them. Its node_modules are installed once per machine into the shared test-peer cache
 * ({@code tools/test-peers.sh}, also used by the other modules' tests); each run gets its own repository and free
 * ports. The tests are skipped, with the reason, only where the node cannot run: no bash, node, npm or curl, or npm
 * cannot reach its registry for the first install.
 */
final class JsIpfsNode implements BeforeAllCallback, AfterAllCallback {
    private static final int UNAVAILABLE = 75;
    private static final Pattern ADDED = Pattern.compile("\\{\"Name\":\"([^\"]*)\",\"Hash\":\"([^\"]*)\"");

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();
    private Path script;
    private Path dir;
    private int apiPort;
    private int gatewayPort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path recipe = Path.of("..", "tools", "ipfs-node").toAbsolutePath().normalize();
        script = recipe.resolve("start-ipfs-node.sh");
        dir = Files.createTempDirectory("phasic-traces-js-ipfs-");
        apiPort = freePort();
        gatewayPort = freePort();
        Run start = runIn(dir, Duration.INSTALL_AND_START, "bash", recipe.resolve("start-test-node.sh").toString(),
                dir.toString(), String.valueOf(apiPort), String.valueOf(gatewayPort));
        if (start.exit() == UNAVAILABLE) {
            Assumptions.abort("js-ipfs test node unavailable: " + start.lastLine());
        }
        start.requireSuccess();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir == null) {
            return;
        }
        try {
            run(Duration.STOP, "bash", script.toString(), "stop", dir.toString());
        } finally {
            Files.deleteIfExists(dir.resolve("node_modules"));
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /**
     * Adds {@code files} as the directory {@code name} ({@code add?cid-version=..}, not wrapped).
     *
     * @return the directory's CID as the node computed it
     */
    Cid addDirectory(String name, Map<String, byte[]> files, int cidVersion) throws IOException {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        files.forEach((file, bytes) -> body.addFormDataPart("file", name + "/" + file,
                RequestBody.create(bytes, MediaType.get("application/octet-stream"))));
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + apiPort + "/api/v0/add?pin=true&wrap-with-directory=false&cid-version="
                        + cidVersion + (cidVersion == 1 ? "&cid-base=base32" : ""))
                .post(body.build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("add failed: HTTP " + response.code() + " " + text);
            }
            Matcher added = ADDED.matcher(text);
            while (added.find()) {
                if (added.group(1).equals(name)) {
                    return Cid.parse(added.group(2));
                }
            }
            throw new IOException("add did not report " + name + ": " + text);
        }
    }

    private enum Duration {
        INSTALL_AND_START(900), STOP(30);

        final long seconds;

        Duration(long seconds) {
            this.seconds = seconds;
        }
    }

    private void run(Duration limit, String... command) throws IOException, InterruptedException {
        runIn(dir, limit, command).requireSuccess();
    }

    /** A finished command: its exit code and output. */
    private record Run(List<String> command, int exit, String output) {
        String lastLine() {
            return output.strip().lines().reduce((first, second) -> second).orElse("");
        }

        void requireSuccess() throws IOException {
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + exit + "):\n" + output);
            }
        }
    }

    private static Run runIn(Path directory, Duration limit, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("phasic-traces-js-ipfs-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + limit.seconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(List.of(command), process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
