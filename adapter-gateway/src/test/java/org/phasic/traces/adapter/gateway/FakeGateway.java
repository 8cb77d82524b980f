package org.phasic.traces.adapter.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.phasic.traces.domain.cid.Cid;

/**
 * A gateway made of rules: each request goes to the first rule that answers it, else 404. Requests are recorded as
 * {@code format path} lines ({@code car /ipfs/Qm../trace.json.gz}, {@code raw /ipfs/Qm..}, {@code - /ipfs/Qm../}).
 */
final class FakeGateway extends Dispatcher {
    private final List<Function<RecordedRequest, Optional<MockResponse>>> rules;
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeGateway(List<Function<RecordedRequest, Optional<MockResponse>>> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        String format = url.queryParameter("format");
        requests.add((format == null ? "-" : format) + " " + url.encodedPath());
        for (Function<RecordedRequest, Optional<MockResponse>> rule : rules) {
            Optional<MockResponse> response = rule.apply(request);
            if (response.isPresent()) {
                return response.get();
            }
        }
        return Responses.status(404).build();
    }

    /** Raw block requests answered from {@code blocks} (the fixture blocks unless altered). */
    static Function<RecordedRequest, Optional<MockResponse>> rawBlocks(Map<Cid, byte[]> blocks) {
        return request -> {
            if (!"raw".equals(request.getUrl().queryParameter("format"))) {
                return Optional.empty();
            }
            List<String> segments = request.getUrl().pathSegments();
            if (segments.size() != 2) {
                return Optional.of(Responses.status(400).build());
            }
            byte[] block = blocks.get(Cid.parse(segments.get(1)));
            return Optional.of(block == null ? Responses.status(404).build() : Responses.raw(block).build());
        };
    }

    /** Every request whose path is {@code /ipfs/{root}/{name}} answered with {@code bytes}, whatever it asks for. */
    static Function<RecordedRequest, Optional<MockResponse>> file(Cid root, String name, String type, byte[] bytes) {
        String path = "/ipfs/" + root + "/" + name;
        return request -> request.getUrl().encodedPath().equals(path)
                ? Optional.of(Responses.bytes(type, bytes).build()) : Optional.empty();
    }

    /** Like js-ipfs: {@code /ipfs/{root}} redirects to {@code /ipfs/{root}/}, which is an HTML listing. */
    static Function<RecordedRequest, Optional<MockResponse>> listing(Cid root, String html) {
        return request -> {
            String path = request.getUrl().encodedPath();
            if (path.equals("/ipfs/" + root)) {
                return Optional.of(new MockResponse.Builder().code(301)
                        .setHeader("Location", "/ipfs/" + root + "/").build());
            }
            return path.equals("/ipfs/" + root + "/") ? Optional.of(Responses.html(html).build()) : Optional.empty();
        };
    }
}
