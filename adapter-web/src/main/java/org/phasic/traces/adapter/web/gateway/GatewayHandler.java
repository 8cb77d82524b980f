package org.phasic.traces.adapter.web.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.ports.in.ServeContentUseCase;
import org.phasic.traces.ports.in.ServeContentUseCase.DagScope;
import org.phasic.traces.ports.in.ServedContent;

/**
 * {@code GET} and {@code HEAD /ipfs/{cid}[/path]} as the IPFS Trustless Gateway specification asks, over the store's
 * proven content only: {@code ?format=raw} or {@code Accept: application/vnd.ipld.raw} (one block),
 * {@code ?format=car} or {@code Accept: application/vnd.ipld.car} (CARv1, {@code dag-scope=block|entity|all}, path
 * blocks first, depth-first, no duplicates), otherwise the file's bytes or a small directory listing. 400 for an
 * invalid CID or path, 404 for content the store cannot prove, 406 for a format it does not serve. Requests outside
 * {@code /ipfs/} are left to the next handler.
 */
public final class GatewayHandler extends Handler.Abstract {
    /** The path prefix this handler serves. */
    public static final String PREFIX = "/ipfs/";
    /** What every successful response may be cached for: a year, as content under a CID never changes. */
    static final String IMMUTABLE = "public, max-age=29030400, immutable";
    private static final String CAR_CONTENT_TYPE = ResponseFormat.CAR_TYPE + "; version=1; order=dfs; dups=n";

    private final ServeContentUseCase content;

    public GatewayHandler(ServeContentUseCase content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String rawPath = request.getHttpURI().getPath();
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.VARY, "Accept");
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        if (!head && !HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            return error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "only GET and HEAD are served");
        }
        Optional<List<String>> segments = PathSegments.decode(rawPath.substring(PREFIX.length()));
        if (segments.isEmpty()) {
            return error(response, callback, HttpStatus.BAD_REQUEST_400, "invalid path");
        }
        Cid root;
        try {
            root = Cid.parse(segments.get().get(0));
        } catch (InvalidCidException e) {
            return error(response, callback, HttpStatus.BAD_REQUEST_400, "invalid CID");
        }
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Optional<ResponseFormat> format = ResponseFormat.negotiate(query.getValue("format"),
                request.getHeaders().get(HttpHeader.ACCEPT));
        if (format.isEmpty()) {
            return error(response, callback, HttpStatus.NOT_ACCEPTABLE_406,
                    "only application/vnd.ipld.raw, application/vnd.ipld.car (version=1) and file bytes are served");
        }
        Optional<DagScope> scope = scope(query.getValue("dag-scope"));
        if (scope.isEmpty()) {
            return error(response, callback, HttpStatus.BAD_REQUEST_400, "dag-scope must be block, entity or all");
        }
        List<String> path = segments.get().subList(1, segments.get().size());
        Optional<ServedContent> resolved = content.resolve(root, path);
        if (resolved.isEmpty()) {
            return error(response, callback, HttpStatus.NOT_FOUND_404, "not in this store");
        }
        ServedContent served = resolved.get();
        String etag = etag(served, format.get(), scope.get());
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, IMMUTABLE);
        response.getHeaders().put("X-Ipfs-Path", rawPath);
        response.getHeaders().put("X-Ipfs-Roots", String.join(",", roots(served)));
        if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return true;
        }
        switch (format.get()) {
            case RAW -> raw(served, head, response, callback);
            case CAR -> car(served, scope.get(), head, request, response, callback);
            case DESERIALIZED -> deserialized(served, segments.get(), head, request, response, callback);
        }
        return true;
    }

    private void raw(ServedContent served, boolean head, Response response, Callback callback) throws IOException {
        Optional<byte[]> block = content.block(served.target());
        if (block.isEmpty()) {
            error(response, callback, HttpStatus.NOT_FOUND_404, "not in this store");
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ResponseFormat.RAW_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + served.target() + ".bin\"");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, block.get().length);
        finish(head, response, callback, block.get());
    }

    private void car(ServedContent served, DagScope scope, boolean head, Request request, Response response, Callback callback)
            throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CAR_CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + served.target() + ".car\"");
        if (head) {
            callback.succeeded();
            return;
        }
        stream(request, response, callback, out -> content.writeCar(served, scope, out));
    }

    private void deserialized(ServedContent served, List<String> segments, boolean head, Request request, Response response,
                              Callback callback) throws IOException {
        if (served.kind() == ServedContent.Kind.DIRECTORY) {
            byte[] page = DirectoryListing.render(served, segments);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put("Content-Security-Policy", "default-src 'none'");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.length);
            finish(head, response, callback, page);
            return;
        }
        String name = segments.get(segments.size() - 1);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(segments.size() > 1 ? name : ""));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, served.size());
        if (head) {
            callback.succeeded();
            return;
        }
        stream(request, response, callback, out -> content.writeFile(served, out));
    }

    /** The type of a file by its name; content sniffing is off ({@code nosniff}), so unknown bytes stay opaque. */
    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".gz")) {
            return "application/gzip";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".md")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void finish(boolean head, Response response, Callback callback, byte[] body) {
        if (head) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** A body written by {@code writer} through a buffered, blocking stream; a failure half-way aborts the response. */
    private static void stream(Request request, Response response, Callback callback, BodyWriter writer) {
        OutputStream out = Response.asBufferedOutputStream(request, response);
        try {
            writer.write(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            // not closed: closing would complete the response, passing off a truncated body as whole
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static Optional<DagScope> scope(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(DagScope.ALL);
        }
        return switch (value) {
            case "block" -> Optional.of(DagScope.BLOCK);
            case "entity" -> Optional.of(DagScope.ENTITY);
            case "all" -> Optional.of(DagScope.ALL);
            default -> Optional.empty();
        };
    }

    private static String etag(ServedContent served, ResponseFormat format, DagScope scope) {
        return switch (format) {
            case RAW -> "\"" + served.target() + ".raw\"";
            case CAR -> "\"" + served.root() + ".car." + Integer.toHexString(
                    (served.path().toString() + served.target() + scope).hashCode()) + "\"";
            case DESERIALIZED -> "\"" + served.target() + (served.kind() == ServedContent.Kind.DIRECTORY ? ".html" : "") + "\"";
        };
    }

    private static List<String> roots(ServedContent served) {
        List<String> roots = new java.util.ArrayList<>();
        served.path().forEach(cid -> roots.add(cid.toString()));
        roots.add(served.target().toString());
        return roots;
    }

    /** A short plain-text error; errors are not cached. */
    static boolean error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
