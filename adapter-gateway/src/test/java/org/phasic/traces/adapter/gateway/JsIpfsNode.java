package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * the project's recipe ({@code tools/ipfs-node/} at the repository root) and stopped, by its pid,
 * after them. Its node_modules are installed once per machine into {@code java.io.tmpdir} (about 30 s) and shared;
 * each run gets its own repository and free ports. Without node and npm the tests are skipped, loudly.
 */
final class JsIpfsNode implements BeforeAllCallback, AfterAllCallback {
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir"), "phasic-traces-js-ipfs-0.66.1");
    private static final Pattern ADDED = Pattern.compile("\\{\"Name\":\"([^\"]*)\",\"Hash\":\"([^\"]*)\"");

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS).build();
    private Path script;
    private Path dir;
    private int apiPort;
    private int gatewayPort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!works("node", "--version") || !works("npm", "--version")) {
            String message = "SKIPPED " + context.getDisplayName() + ": node and npm are needed to run the js-ipfs"
                    + " test gateway (apt-get install nodejs npm)";
            System.err.println("\n*** " + message + " ***\n");
            Assumptions.abort(message);
        }
        Path recipe = Path.of("..", "tools", "ipfs-node").toAbsolutePath().normalize();
        script = recipe.resolve("start-ipfs-node.sh");
        installOnce(recipe);
        dir = Files.createTempDirectory("phasic-traces-js-ipfs-");
        Files.createSymbolicLink(dir.resolve("node_modules"), CACHE.resolve("node_modules"));
        apiPort = freePort();
        gatewayPort = freePort();
        run(Duration.START, "bash", script.toString(), "start", dir.toString(), String.valueOf(apiPort),
                String.valueOf(gatewayPort));
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
        INSTALL(600), START(120), STOP(30);

        final long seconds;

        Duration(long seconds) {
            this.seconds = seconds;
        }
    }

    /** npm ci into the shared cache, once per machine; a file lock keeps parallel builds from racing. */
    private static void installOnce(Path recipe) throws IOException, InterruptedException {
        Files.createDirectories(CACHE);
        try (FileChannel channel = FileChannel.open(CACHE.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                if (Files.exists(CACHE.resolve("node_modules/ipfs/src/cli.js"))) {
                    return;
                }
                for (String file : List.of("package.json", "package-lock.json")) {
                    Files.copy(recipe.resolve(file), CACHE.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                System.err.println("installing the js-ipfs test node into " + CACHE + " (once, about 30 s)");
                runIn(CACHE, Duration.INSTALL, "npm", "ci", "--omit=optional", "--no-audit", "--no-fund");
            } finally {
                lock.release();
            }
        }
    }

    private void run(Duration limit, String... command) throws IOException, InterruptedException {
        runIn(dir, limit, command);
    }

    private static void runIn(Path directory, Duration limit, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("phasic-traces-js-ipfs-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + limit.seconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
