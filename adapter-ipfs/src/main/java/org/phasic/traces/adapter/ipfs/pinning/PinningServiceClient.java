package org.phasic.traces.adapter.ipfs.pinning;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.phasic.traces.domain.text.UntrustedText;

/**
 * A client for the IPFS Pinning Service API ({@code /pins}): add, list, get and remove pin requests,
 * and wait until a request is {@code pinned} or {@code failed}. The bearer token is sent in the
 * {@code Authorization} header only; it never appears in messages or {@link #toString()}.
 */
public final class PinningServiceClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16 << 20;

    private final OkHttpClient http;
    private final String serviceName;
    private final HttpUrl pinsUrl;
    private final PinningToken token;

    /**
     * @param http        the HTTP client
     * @param serviceName a name for messages (for example the registry's {@code pinning_services} key)
     * @param endpoint    the service's API URL (the part before {@code /pins})
     * @param token       the access token
     * @param timeout     the deadline for each call
     */
    public PinningServiceClient(OkHttpClient http, String serviceName, URI endpoint, PinningToken token,
                                Duration timeout) {
        Objects.requireNonNull(http, "http");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.token = Objects.requireNonNull(token, "token");
        Objects.requireNonNull(timeout, "timeout");
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint").toString());
        if (base == null || base.query() != null || !base.username().isEmpty()) {
            throw new IllegalArgumentException("pinning service '" + UntrustedText.printable(serviceName)
                    + "': API URL must be http(s)://host[:port][/path] without query or user info");
        }
        this.pinsUrl = base.newBuilder().addPathSegment("pins").build();
        this.http = http.newBuilder().callTimeout(timeout).build();
    }

    /** Creates a pin request ({@code POST /pins}); the service usually answers {@code queued}. */
    public PinStatus add(Pin pin) throws PinningServiceException {
        Objects.requireNonNull(pin, "pin");
        ObjectNode body = JSON.createObjectNode().put("cid", pin.cid());
        pin.name().ifPresent(name -> body.put("name", name));
        if (!pin.origins().isEmpty()) {
            pin.origins().forEach(body.putArray("origins")::add);
        }
        if (!pin.meta().isEmpty()) {
            ObjectNode meta = body.putObject("meta");
            pin.meta().forEach(meta::put);
        }
        RequestBody requestBody = RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON_TYPE);
        return parseStatus("add", call("add", new Request.Builder().url(pinsUrl).post(requestBody)));
    }

    /** Lists pin requests ({@code GET /pins}) by CID and status. */
    public PinResults list(PinQuery query) throws PinningServiceException {
        Objects.requireNonNull(query, "query");
        HttpUrl.Builder url = pinsUrl.newBuilder();
        if (!query.cids().isEmpty()) {
            url.addQueryParameter("cid", String.join(",", query.cids()));
        }
        url.addQueryParameter("status", Arrays.stream(PinState.values()).filter(query.statuses()::contains)
                .map(PinState::apiName).collect(Collectors.joining(",")));
        url.addQueryParameter("limit", Integer.toString(query.limit()));
        JsonNode json = call("list", new Request.Builder().url(url.build()).get());
        JsonNode results = json.path("results");
        if (!json.path("count").canConvertToInt() || !results.isArray()) {
            throw malformed("list", "it lacks 'count' or 'results'");
        }
        List<PinStatus> statuses = new ArrayList<>();
        for (JsonNode result : results) {
            statuses.add(parseStatus("list", result));
        }
        return new PinResults(json.path("count").asInt(), statuses);
    }

    /** The current state of one request ({@code GET /pins/{requestid}}). */
    public PinStatus get(String requestId) throws PinningServiceException {
        return parseStatus("get", call("get", new Request.Builder().url(requestUrl(requestId)).get()));
    }

    /** Removes a pin request ({@code DELETE /pins/{requestid}}). */
    public void remove(String requestId) throws PinningServiceException {
        call("remove", new Request.Builder().url(requestUrl(requestId)).delete());
    }

    /**
     * Polls a request until it is {@code pinned}.
     *
     * @param deadline     how long to wait in total
     * @param pollInterval the pause between polls
     * @return the {@code pinned} status
     * @throws PinningServiceException if it ends {@code failed} or is not pinned before the deadline
     */
    public PinStatus awaitPinned(String requestId, Duration deadline, Duration pollInterval)
            throws PinningServiceException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            PinStatus status = get(requestId);
            switch (status.status()) {
                case PINNED -> {
                    return status;
                }
                case FAILED -> throw new PinningServiceException(describe() + ": pinning " + status.pin().cid()
                        + " failed (request " + requestId + ")" + (status.info().isEmpty() ? "" : ": " + status.info()),
                        null, null);
                default -> {
                }
            }
            long remaining = end - System.nanoTime();
            if (remaining <= 0) {
                throw new PinningServiceException(describe() + ": " + status.pin().cid() + " is still "
                        + status.status().apiName() + " after " + deadline.toSeconds() + " s (request " + requestId
                        + "); it may finish later", null, null);
            }
            try {
                Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, remaining / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PinningServiceException(describe() + ": interrupted while waiting for " + requestId, null, e);
            }
        }
    }

    /** {@link #add} then {@link #awaitPinned}. */
    public PinStatus pinAndWait(Pin pin, Duration deadline, Duration pollInterval) throws PinningServiceException {
        PinStatus status = add(pin);
        return status.status() == PinState.PINNED ? status : awaitPinned(status.requestId(), deadline, pollInterval);
    }

    private HttpUrl requestUrl(String requestId) {
        return pinsUrl.newBuilder().addPathSegment(requireRequestId(requestId)).build();
    }

    private static String requireRequestId(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId.isEmpty() || requestId.length() > 256 || !requestId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("invalid pin request id '" + UntrustedText.printable(requestId) + "'");
        }
        return requestId;
    }

    private JsonNode call(String call, Request.Builder request) throws PinningServiceException {
        Request built = request.header("Authorization", token.authorizationHeader())
                .header("Accept", "application/json").build();
        try (Response response = http.newCall(built).execute();
             InputStream in = response.body().byteStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw malformed(call, "it exceeds " + MAX_BODY_BYTES + " bytes");
            }
            if (!response.isSuccessful()) {
                throw new PinningServiceException(describe() + " call '" + call + "' failed with HTTP " + response.code()
                        + ": " + failureText(bytes) + (response.code() == 401 ? " (check the access token)" : ""),
                        response.code(), null);
            }
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            return JSON.readTree(bytes);
        } catch (PinningServiceException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw new PinningServiceException(describe() + " call '" + call + "' timed out", null, e);
        } catch (IOException e) {
            throw new PinningServiceException(describe() + " call '" + call + "' failed: " + e.getMessage(), null, e);
        }
    }

    private static String failureText(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.has("reason")) {
                String reason = UntrustedText.printable(error.path("reason").asText());
                return error.has("details") ? reason + " (" + UntrustedText.printable(error.path("details").asText()) + ")" : reason;
            }
        } catch (IOException notJson) {
            // quote the text below
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(empty body)" : UntrustedText.printable(text);
    }

    private PinStatus parseStatus(String call, JsonNode json) throws PinningServiceException {
        try {
            JsonNode pin = json.path("pin");
            String requestId = requireRequestId(text(json, "requestid"));
            PinState state = PinState.fromApi(text(json, "status"));
            Optional<String> name = pin.hasNonNull("name") ? Optional.of(pin.get("name").asText()) : Optional.empty();
            List<String> origins = new ArrayList<>();
            pin.path("origins").forEach(o -> origins.add(o.asText()));
            List<String> delegates = new ArrayList<>();
            json.path("delegates").forEach(d -> delegates.add(d.asText()));
            return new PinStatus(requestId, state, json.path("created").asText(""),
                    new Pin(text(pin, "cid"), name, origins, stringMap(pin.path("meta"))), delegates,
                    stringMap(json.path("info")));
        } catch (IllegalArgumentException e) {
            throw malformed(call, e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return value.asText();
    }

    private static Map<String, String> stringMap(JsonNode json) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            map.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString());
        }
        return map;
    }

    private PinningServiceException malformed(String call, String why) {
        return new PinningServiceException(describe() + " call '" + call + "' returned an invalid answer: " + why,
                null, null);
    }

    private String describe() {
        return "pinning service '" + UntrustedText.printable(serviceName) + "' (" + pinsUrl + ")";
    }

    @Override
    public String toString() {
        return "PinningServiceClient[" + describe() + "]";
    }
}
