package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * A client for the Kubo RPC API ({@code POST /api/v0/...}), also served by js-ipfs.
 *
 * <p>Every call carries a client-side deadline covering the whole exchange (body included) and passes
 * the same {@code timeout=} to the API, because the API waits forever for content it cannot find.
 * HTTP error statuses (JSON {@code {Message, Code}}) and errors reported after a 200 in the
 * {@code X-Stream-Error} trailer both surface as an {@link IpfsApiException} naming the call.
 * CIDs are validated as text ({@link CidText}) before they are sent.
 */
public final class KuboRpcClient {

    private static final String STREAM_ERROR_TRAILER = "X-Stream-Error";
    private static final int MAX_JSON_BYTES = 64 << 20;
    private static final int MAX_ERROR_BYTES = 64 << 10;
    private static final long MAX_TAR_TAIL_BYTES = 1 << 20;
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final ApiAddress address;
    private final Duration timeout;
    private final SafeTarExtractor tarExtractor;

    /**
     * @param http         the HTTP client (its read/write/call timeouts are replaced by this client's per-call deadline)
     * @param address      where the API listens
     * @param timeout      the deadline for each call, also sent as {@code timeout=}
     * @param tarExtractor extracts what {@code get} returns
     */
    public KuboRpcClient(OkHttpClient http, ApiAddress address, Duration timeout, SafeTarExtractor tarExtractor) {
        Objects.requireNonNull(http, "http");
        this.address = Objects.requireNonNull(address, "address");
        this.timeout = requirePositive(timeout);
        this.tarExtractor = Objects.requireNonNull(tarExtractor, "tarExtractor");
        this.http = http.newBuilder()
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build();
    }

    /** The same client with another per-call deadline (sharing connections). */
    public KuboRpcClient withTimeout(Duration newTimeout) {
        return new KuboRpcClient(http, address, newTimeout, tarExtractor);
    }

    public ApiAddress address() {
        return address;
    }

    public Duration timeout() {
        return timeout;
    }

    /** {@code version}: which implementation and version answers. */
    public VersionInfo version() throws IpfsApiException {
        JsonNode json = json("version", List.of());
        return new VersionInfo(requiredText("version", json, "Version"), json.path("Commit").asText(""),
                json.path("Repo").asText(""));
    }

    /** {@code id}: the peer identity; answers only once the daemon is ready. */
    public PeerIdentity id() throws IpfsApiException {
        JsonNode json = json("id", List.of());
        List<String> addresses = new ArrayList<>();
        json.path("Addresses").forEach(a -> addresses.add(a.asText()));
        return new PeerIdentity(requiredText("id", json, "ID"), json.path("AgentVersion").asText(""), addresses);
    }

    /**
     * {@code add}: uploads a file, or a folder's files (streamed from disk, never held in memory).
     * Symbolic links and special files are refused; empty folders are not uploaded.
     *
     * @param fileOrDirectory what to add; its name becomes the root entry's name
     * @param progress        told how many file bytes were sent
     * @return every entry the API reported, and the root
     */
    public AddResult add(Path fileOrDirectory, AddOptions options, AddProgressListener progress)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        UploadParts parts = UploadParts.of(fileOrDirectory);
        List<String> query = new ArrayList<>(List.of(
                "cid-version", Integer.toString(options.cidVersion()),
                "raw-leaves", Boolean.toString(options.rawLeaves()),
                "chunker", options.chunker(),
                "pin", Boolean.toString(options.pin()),
                "wrap-with-directory", Boolean.toString(options.wrapWithDirectory()),
                "only-hash", Boolean.toString(options.onlyHash()),
                "progress", "false"));
        if (options.cidVersion() == 1) {
            query.addAll(List.of("cid-base", "base32"));
        }
        List<AddedEntry> entries = new ArrayList<>();
        for (JsonNode node : ndjson("add", query, parts.body(progress))) {
            if (node.has("Hash")) {
                entries.add(new AddedEntry(node.path("Name").asText(""), requiredText("add", node, "Hash"),
                        node.path("Size").asLong(0)));
            }
        }
        String rootName = options.wrapWithDirectory() ? ""
                : fileOrDirectory.toAbsolutePath().normalize().getFileName().toString();
        AddedEntry root = null;
        for (AddedEntry entry : entries) {
            if (entry.name().equals(rootName)) {
                root = entry;
            }
        }
        if (root == null) {
            throw new IpfsApiException("add", IpfsApiException.Kind.IO,
                    "the answer names no entry for the root '" + UntrustedText.printable(rootName) + "' (" + entries.size() + " entries)");
        }
        return new AddResult(root, entries);
    }

    /**
     * {@code cat}: the bytes of a file. The stream reports a stream error or timeout as an
     * {@link IpfsApiException} from {@code read}; close it when done.
     *
     * @param ipfsPath {@code <cid>} or {@code <cid>/name/...}
     */
    public InputStream cat(String ipfsPath) throws IpfsApiException {
        return stream("cat", List.of("arg", CidText.requireIpfsPath(ipfsPath)));
    }

    /**
     * {@code get}: downloads a file or folder as tar and extracts it below {@code targetDirectory}
     * (the top entry is named after the CID or the path's last name), refusing unsafe entries.
     *
     * @return the files and folders written
     */
    public List<Path> get(String ipfsPath, Path targetDirectory) throws IOException {
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        try (InputStream tar = stream("get", List.of("arg", CidText.requireIpfsPath(ipfsPath)))) {
            List<Path> written = tarExtractor.extract(tar, targetDirectory);
            drainTail(tar);
            return written;
        }
    }

    /** {@code dag/export}: the DAG under {@code cid} as a CAR v1 stream (unverified; verify while reading). */
    public InputStream dagExport(String cid) throws IpfsApiException {
        return stream("dag/export", List.of("arg", CidText.requireCid(cid)));
    }

    /** {@code block/get}: one raw block (unverified; check it against its CID). */
    public InputStream blockGet(String cid) throws IpfsApiException {
        return stream("block/get", List.of("arg", CidText.requireCid(cid)));
    }

    /** {@code pin/add}: pins {@code cid} (recursively: the whole DAG) and returns the pinned CIDs. */
    public List<String> pinAdd(String cid, boolean recursive) throws IpfsApiException {
        return pins("pin/add", cid, recursive);
    }

    /** {@code pin/rm}: unpins {@code cid} and returns the unpinned CIDs. */
    public List<String> pinRm(String cid, boolean recursive) throws IpfsApiException {
        return pins("pin/rm", cid, recursive);
    }

    /**
     * {@code pin/ls}: local pins. With a CID, the API answers with an error if it is not pinned.
     *
     * @param cid  restrict to this CID, or empty for all pins of {@code type}
     */
    public List<PinnedCid> pinLs(Optional<String> cid, PinType type) throws IpfsApiException {
        Objects.requireNonNull(type, "type");
        List<String> query = new ArrayList<>(List.of("type", type.apiName()));
        cid.ifPresent(c -> {
            query.addAll(List.of("arg", CidText.requireCid(c)));
            addBase32IfV1(query, c);
        });
        JsonNode keys = json("pin/ls", query).path("Keys");
        List<PinnedCid> pins = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keys.properties()) {
            pins.add(new PinnedCid(entry.getKey(), entry.getValue().path("Type").asText("")));
        }
        return pins;
    }

    /** {@code repo/stat}: repository size and object count. */
    public RepoStat repoStat() throws IpfsApiException {
        JsonNode json = json("repo/stat", List.of());
        return new RepoStat(json.path("RepoSize").asLong(), json.path("StorageMax").asLong(),
                json.path("NumObjects").asLong(), json.path("RepoPath").asText(""), json.path("Version").asText(""));
    }

    private List<String> pins(String call, String cid, boolean recursive) throws IpfsApiException {
        List<String> query = new ArrayList<>(List.of("arg", CidText.requireCid(cid), "recursive", Boolean.toString(recursive)));
        addBase32IfV1(query, cid);
        List<String> pins = new ArrayList<>();
        json(call, query).path("Pins").forEach(p -> pins.add(p.asText()));
        return pins;
    }

    private static void addBase32IfV1(List<String> query, String cid) {
        if (CidText.isBase32V1(cid)) {
            query.addAll(List.of("cid-base", "base32"));
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private JsonNode json(String call, List<String> query) throws IpfsApiException {
        try (Response response = send(call, query, EMPTY)) {
            byte[] body = readBounded(call, response);
            checkTrailers(call, response);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                throw new IpfsApiException(call, IpfsApiException.Kind.IO, null,
                        "the answer is not valid JSON: " + e.getMessage(), e);
            }
            if (json == null || !json.isObject()) {
                throw new IpfsApiException(call, IpfsApiException.Kind.IO, "the answer is not a JSON object");
            }
            return json;
        }
    }

    private List<JsonNode> ndjson(String call, List<String> query, RequestBody body) throws IpfsApiException {
        try (Response response = send(call, query, body)) {
            byte[] bytes = readBounded(call, response);
            List<JsonNode> nodes = new ArrayList<>();
            try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(bytes)) {
                while (values.hasNextValue()) {
                    JsonNode node = values.nextValue();
                    if ("error".equals(node.path("Type").asText()) || (node.has("Message") && !node.has("Hash"))) {
                        throw new IpfsApiException(call, IpfsApiException.Kind.STREAM_ERROR,
                                UntrustedText.printable(node.path("Message").asText("unknown error")));
                    }
                    nodes.add(node);
                }
            } catch (IpfsApiException e) {
                throw e;
            } catch (IOException e) {
                throw new IpfsApiException(call, IpfsApiException.Kind.IO, null,
                        "the answer is not valid JSON lines: " + e.getMessage(), e);
            }
            checkTrailers(call, response);
            return nodes;
        }
    }

    private InputStream stream(String call, List<String> query) throws IpfsApiException {
        Response response = send(call, query, EMPTY);
        return new ApiResponseStream(call, response);
    }

    private Response send(String call, List<String> query, RequestBody body) throws IpfsApiException {
        HttpUrl.Builder url = Objects.requireNonNull(HttpUrl.get(address.rpcRoot().toString()))
                .newBuilder().addPathSegments(call);
        for (int i = 0; i < query.size(); i += 2) {
            url.addQueryParameter(query.get(i), query.get(i + 1));
        }
        url.addQueryParameter("timeout", timeout.toMillis() + "ms");
        Call httpCall = http.newCall(new Request.Builder().url(url.build()).post(body).build());
        httpCall.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = httpCall.execute();
        } catch (IOException e) {
            throw failure(call, e);
        }
        if (!response.isSuccessful()) {
            try (response) {
                throw new IpfsApiException(call, IpfsApiException.Kind.HTTP_ERROR, response.code(),
                        errorMessage(response), null);
            }
        }
        return response;
    }

    private String errorMessage(Response response) {
        byte[] bytes;
        try (InputStream in = response.body().byteStream()) {
            bytes = in.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            return "(no readable error message: " + e + ")";
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.hasNonNull("Message")) {
                return UntrustedText.printable(json.get("Message").asText())
                        + (json.has("Code") ? " (code " + json.get("Code").asText() + ")" : "");
            }
        } catch (IOException notJson) {
            // fall through: quote the text
        }
        return text.isEmpty() ? "(empty body)" : UntrustedText.printable(text);
    }

    private IpfsApiException failure(String call, IOException e) {
        if (e instanceof IpfsApiException api) {
            return api;
        }
        if (e instanceof InterruptedIOException) {
            return new IpfsApiException(call, IpfsApiException.Kind.TIMEOUT, null, "no complete answer within "
                    + timeout.toMillis() + " ms from " + address.baseUri()
                    + " (the daemon waits for content it cannot find; is it reachable by this node?)", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new IpfsApiException(call, IpfsApiException.Kind.UNREACHABLE, null,
                    "nothing answers at " + address + ": " + e.getMessage(), e);
        }
        return new IpfsApiException(call, IpfsApiException.Kind.IO, null, e.toString(), e);
    }

    private byte[] readBounded(String call, Response response) throws IpfsApiException {
        try (InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                throw new IpfsApiException(call, IpfsApiException.Kind.IO, "the answer exceeds " + MAX_JSON_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw failure(call, e);
        }
    }

    private void checkTrailers(String call, Response response) throws IpfsApiException {
        String error;
        try {
            error = response.trailers().get(STREAM_ERROR_TRAILER);
        } catch (IOException e) {
            throw failure(call, e);
        }
        if (error != null && !error.isBlank()) {
            throw new IpfsApiException(call, IpfsApiException.Kind.STREAM_ERROR, UntrustedText.printable(error));
        }
    }

    private static void drainTail(InputStream tar) throws IOException {
        long skipped = tar.transferTo(OutputStream.nullOutputStream());
        if (skipped > MAX_TAR_TAIL_BYTES) {
            throw new IpfsApiException("get", IpfsApiException.Kind.IO,
                    skipped + " unexpected bytes after the tar end-of-archive block");
        }
    }

    private static String requiredText(String call, JsonNode json, String field) throws IpfsApiException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IpfsApiException(call, IpfsApiException.Kind.IO, "the answer lacks the text field '" + field + "'");
        }
        return value.asText();
    }

    private static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /** A response body that turns I/O failures and the {@code X-Stream-Error} trailer into {@link IpfsApiException}s. */
    private final class ApiResponseStream extends InputStream {
        private final String call;
        private final Response response;
        private final InputStream body;
        private final byte[] single = new byte[1];
        private boolean trailersChecked;

        ApiResponseStream(String call, Response response) {
            this.call = call;
            this.response = response;
            this.body = response.body().byteStream();
        }

        @Override
        public int read() throws IOException {
            int n = read(single, 0, 1);
            return n < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = body.read(buffer, offset, length);
            } catch (IOException e) {
                throw failure(call, e);
            }
            if (n < 0 && !trailersChecked) {
                trailersChecked = true;
                checkTrailers(call, response);
            }
            return n;
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
