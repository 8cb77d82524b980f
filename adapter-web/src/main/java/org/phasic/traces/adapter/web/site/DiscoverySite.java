package org.phasic.traces.adapter.web.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.ListTracesUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.in.UnknownTraceException;
import org.phasic.traces.ports.in.UseCaseException;

/**
 * The discovery site, a Jetty core handler: server-rendered HTML that works without JavaScript.
 * <ul>
 *   <li>{@code GET /} — search by text with filters (GET parameters {@code q}, {@code domain}, {@code model},
 *       {@code tag} (repeatable), {@code params}) and the number of matches;</li>
 *   <li>{@code GET /trace/{id}} — one trace: description, metadata, citation, licence, files with CIDs, sizes and the
 *       checksum, earlier versions, a supersession warning, copy-paste snippets, the availability the last pin-monitoring
 *       run recorded, download links into the server's {@code /ipfs/} gateway, and an SVG plot of the density at the
 *       default θ or at {@code ?theta=…} (once per parameter; checked against the declared domains, 400 with the
 *       reason when it does not fit);</li>
 *   <li>{@code GET /static/site.css}, {@code /static/site.js} — the stylesheet and the optional script.</li>
 * </ul>
 * Other paths are left to the next handler ({@link #handle} returns {@code false}); an unknown trace id is a 404 page.
 * {@code HEAD} is answered like {@code GET} without a body; other methods get 405. Every registry text is escaped, and
 * every response carries a strict Content-Security-Policy (no inline script or style; nothing from other origins),
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.
 */
public final class DiscoverySite extends Handler.Abstract {
    /** Sent with every response: scripts, styles and forms from this server only, no framing, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final System.Logger LOG = System.getLogger(DiscoverySite.class.getName());
    private static final String TRACE_PREFIX = "/trace/";
    private static final String HTML = "text/html; charset=utf-8";
    private static final Map<String, String> STATIC_TYPES = Map.of(
            Layout.STYLESHEET, "text/css; charset=utf-8",
            Layout.SCRIPT, "text/javascript; charset=utf-8");

    private final SearchPage search;
    private final TracePage trace;
    private final Map<String, byte[]> staticFiles;

    /**
     * @param list         searches the registry (the search page)
     * @param show         one trace's entry and local state (the trace page)
     * @param evaluate     densities for the plot, computed from the trace itself
     * @param availability what the last pin-monitoring run recorded (an empty map when there was none)
     */
    public DiscoverySite(ListTracesUseCase list, ShowTraceUseCase show, EvaluateTraceUseCase evaluate,
                         TraceAvailabilityUseCase availability) {
        this.search = new SearchPage(Objects.requireNonNull(list, "list"));
        this.trace = new TracePage(Objects.requireNonNull(show, "show"), Objects.requireNonNull(evaluate, "evaluate"),
                Objects.requireNonNull(availability, "availability"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        STATIC_TYPES.keySet().forEach(name -> files.put(name, resource(name)));
        this.staticFiles = Map.copyOf(files);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean page = path.equals("/") || path.isEmpty() || path.startsWith(TRACE_PREFIX);
        boolean asset = path.startsWith(Layout.STATIC) && STATIC_TYPES.containsKey(path.substring(Layout.STATIC.length()));
        if (!page && !asset) {
            return false;
        }
        securityHeaders(response);
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, HTML, false, message(HttpStatus.METHOD_NOT_ALLOWED_405,
                    base(request), "Method not allowed", "This page can only be read (GET or HEAD).").html());
            return true;
        }
        if (asset) {
            String name = path.substring(Layout.STATIC.length());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
            send(response, callback, HttpStatus.OK_200, STATIC_TYPES.get(name), head, staticFiles.get(name));
            return true;
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        TracePage.Rendered reply = page(request, path);
        send(response, callback, reply.status(), HTML, head, reply.html());
        return true;
    }

    private TracePage.Rendered page(Request request, String path) {
        String base = base(request);
        try {
            Map<String, List<String>> query = query(request);
            if (!path.startsWith(TRACE_PREFIX)) {
                return new TracePage.Rendered(HttpStatus.OK_200, search.render(base, SearchForm.from(query)));
            }
            String id = path.substring(TRACE_PREFIX.length());
            return TraceId.isValid(id) ? trace.render(base, TraceId.of(id), query.getOrDefault(Theta.PARAMETER, List.of()))
                    : notFound(base);
        } catch (UnknownTraceException e) {
            return notFound(base);
        } catch (BadRequestException e) {
            return message(HttpStatus.BAD_REQUEST_400, base, "Bad request", Html.escape(e.getMessage()));
        } catch (UseCaseException e) {
            return message(HttpStatus.SERVICE_UNAVAILABLE_503, base, "Registry unavailable",
                    "The registry cannot be read just now: " + Html.escape(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the discovery site could not render " + path, e);
            return message(HttpStatus.INTERNAL_SERVER_ERROR_500, base, "Internal error",
                    "This page could not be made; the server's log says why.");
        }
    }

    /** The path the site is mounted under: {@code ""} at the root, else {@code /name} without a trailing slash. */
    private static String base(Request request) {
        String context = Request.getContextPath(request);
        return context == null || context.equals("/") ? "" : context;
    }

    private static TracePage.Rendered notFound(String base) {
        return message(HttpStatus.NOT_FOUND_404, base, "Trace not found", "No registry lists a trace with this id. "
                + "Look for it on the <a href=\"" + base + "/\">search page</a>.");
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new BadRequestException("the query string is not valid percent-encoded UTF-8");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues());
        }
        return query;
    }

    private static void securityHeaders(Response response) {
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
    }

    private static TracePage.Rendered message(int status, String base, String title, String bodyHtml) {
        return new TracePage.Rendered(status, Layout.page(base, title, "<h1>" + Html.escape(title) + "</h1>\n<p>"
                + bodyHtml + "</p>\n"));
    }

    private static void send(Response response, Callback callback, int status, String type, boolean head, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }

    private static void send(Response response, Callback callback, int status, String type, boolean head, String html) {
        send(response, callback, status, type, head, html.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DiscoverySite.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the site's resource " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
