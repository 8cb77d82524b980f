package org.phasic.traces.adapter.web.site;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phasic.traces.domain.registry.Citation;
import org.phasic.traces.domain.registry.FileRef;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.domain.text.ByteSizes;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.ShowTraceUseCase;
import org.phasic.traces.ports.in.ShowTraceUseCase.TraceDetails;
import org.phasic.traces.ports.in.TraceAvailability;
import org.phasic.traces.ports.in.TraceAvailabilityUseCase;
import org.phasic.traces.ports.in.UseCaseException;

/**
 * The page of one trace: its registry entry (description, metadata, citation, licence, files with CIDs, sizes and
 * the checksum, earlier versions, the supersession warning), how to get it, the last recorded availability, and its
 * density at θ as a plot.
 */
final class TracePage {
    /** The entry member that lists the CIDs of earlier versions, newest first. */
    static final String PREVIOUS = "previous";
    /** Traces with more parameters get no θ form and no plot. */
    static final int MAX_PLOTTED_PARAMETERS = 32;
    /** What a CID has to look like to be put into a download link (base58 or base32 multibase text). */
    private static final Pattern CID_TEXT = Pattern.compile("[A-Za-z0-9]{8,256}");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A rendered page and the status it is sent with. */
    record Rendered(int status, String html) {
    }

    private final ShowTraceUseCase show;
    private final DensityPlot plot;
    private final TraceAvailabilityUseCase availability;

    TracePage(ShowTraceUseCase show, EvaluateTraceUseCase evaluate, TraceAvailabilityUseCase availability) {
        this.show = Objects.requireNonNull(show, "show");
        this.plot = new DensityPlot(Objects.requireNonNull(evaluate, "evaluate"));
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /**
     * The page of trace {@code id}; {@code thetaValues} are the θ form's values (empty: the default θ). A θ that does
     * not fit the trace gives the page with the form and its message, status 400.
     *
     * @throws org.phasic.traces.ports.in.UnknownTraceException when no registry lists the id
     */
    Rendered render(String base, TraceId id, List<String> thetaValues) {
        TraceDetails details = show.show(id);
        TraceEntry entry = details.entry();
        StringBuilder main = new StringBuilder(8192);
        main.append("<h1>").append(Html.escape(id.value())).append("</h1>\n<p class=\"lead\">")
                .append(Html.escape(entry.description())).append("</p>\n");
        warning(main, base, entry);
        local(main, details);
        int status = density(main, base, entry, thetaValues);
        about(main, entry);
        files(main, entry);
        previous(main, entry);
        availability(main, id);
        snippets(main, entry);
        return new Rendered(status, Layout.page(base, id.value(), main.toString()));
    }

    private static void warning(StringBuilder out, String base, TraceEntry entry) {
        Optional<String> warning = entry.warning();
        if (warning.isEmpty()) {
            return;
        }
        boolean superseded = entry.supersededBy() != null && !entry.supersededBy().isBlank();
        out.append("<section class=\"notice warning\" aria-labelledby=\"warning-heading\"><h2 id=\"warning-heading\">")
                .append(superseded ? "Superseded" : "Known defect").append("</h2><p>").append(Html.escape(warning.get()))
                .append("</p>");
        if (superseded && TraceId.isValid(entry.supersededBy())) {
            out.append("<p>Use <a href=\"").append(base).append("/trace/").append(Html.urlPart(entry.supersededBy()))
                    .append("\">").append(Html.escape(entry.supersededBy())).append("</a> instead.</p>");
        }
        out.append("</section>\n");
    }

    private static void local(StringBuilder out, TraceDetails details) {
        out.append("<ul class=\"local\">");
        if (details.bundled()) {
            out.append("<li>Bundled with phasic-traces: works offline.</li>");
        }
        out.append("<li>").append(details.stored().isPresent() ? "Held, verified, in this server's store."
                : "Not in this server's store yet.").append("</li></ul>\n");
    }

    private static void about(StringBuilder out, TraceEntry entry) {
        out.append("<section aria-labelledby=\"about-heading\"><h2 id=\"about-heading\">About</h2>\n");
        TraceMetadata metadata = entry.metadata();
        StringBuilder facts = new StringBuilder();
        if (metadata != null) {
            Html.fact(facts, "Model type", metadata.modelType());
            Html.fact(facts, "Domain", metadata.domain());
            Html.fact(facts, "Variant", metadata.variant());
            SearchForm.parameterCount(entry).ifPresent(n -> Html.fact(facts, "Parameters", Integer.toString(n)));
            Html.fact(facts, "Vertices", metadata.vertices() == null ? null : metadata.vertices().toString());
            Html.fact(facts, "Created", metadata.created());
            Html.fact(facts, "Author", metadata.author());
            Html.fact(facts, "Tags", String.join(", ", metadata.tags()));
        }
        String license = entry.license() != null && !entry.license().isBlank() ? entry.license()
                : metadata == null ? null : metadata.license();
        Html.fact(facts, "Licence", license);
        Html.fact(facts, "Graph hash", entry.graphHash());
        out.append("<dl class=\"facts\">").append(facts).append("</dl>\n");
        if (metadata != null && metadata.description() != null && !metadata.description().isBlank()
                && !metadata.description().equals(entry.description())) {
            out.append("<p>").append(Html.escape(metadata.description())).append("</p>\n");
        }
        if (metadata != null && !metadata.parameters().isEmpty()) {
            out.append("<table class=\"parameters\"><caption>Parameters</caption><thead><tr><th scope=\"col\">θ</th>")
                    .append("<th scope=\"col\">Name</th><th scope=\"col\">Description</th>")
                    .append("<th scope=\"col\">Domain</th></tr></thead><tbody>");
            List<Parameter> parameters = metadata.parameters();
            for (int k = 0; k < parameters.size(); k++) {
                Parameter parameter = parameters.get(k);
                out.append("<tr><td>θ").append(Theta.subscript(k)).append("</td><td>").append(Html.escape(parameter.name()))
                        .append("</td><td>").append(Html.escape(parameter.description())).append("</td><td>")
                        .append(Html.escape(parameter.domain())).append("</td></tr>");
            }
            out.append("</tbody></table>\n");
        }
        citation(out, metadata == null ? null : metadata.citation());
        out.append("</section>\n");
    }

    private static void citation(StringBuilder out, Citation citation) {
        out.append("<h3>Citation</h3>\n");
        if (citation == null || (blank(citation.text()) && blank(citation.doi()) && blank(citation.url()))) {
            out.append("<p>The registry gives no citation.</p>\n");
            return;
        }
        out.append("<p class=\"citation\">");
        if (!blank(citation.text())) {
            out.append(Html.escape(citation.text()));
        }
        if (!blank(citation.doi())) {
            out.append(" DOI: <a href=\"https://doi.org/").append(Html.escape(citation.doi().strip()))
                    .append("\" rel=\"noopener noreferrer\">").append(Html.escape(citation.doi())).append("</a>");
        }
        if (!blank(citation.url()) && !citation.url().strip().equalsIgnoreCase("https://doi.org/" + citation.doi())) {
            out.append(' ').append(Html.isHttpUrl(citation.url().strip()) ? "<a href=\"" + Html.escape(citation.url().strip())
                    + "\" rel=\"noopener noreferrer\">" + Html.escape(citation.url()) + "</a>" : Html.escape(citation.url()));
        }
        out.append("</p>\n");
    }

    private static void files(StringBuilder out, TraceEntry entry) {
        out.append("<section aria-labelledby=\"files-heading\"><h2 id=\"files-heading\">Files</h2>\n<dl class=\"facts\">");
        out.append("<div><dt>Directory CID</dt><dd><code class=\"cid\">").append(Html.escape(entry.cid()))
                .append("</code></dd></div>");
        out.append("<div><dt>SHA-256 of ").append(TraceEntry.TRACE_FILE).append("</dt><dd><code class=\"checksum\">")
                .append(Html.escape(entry.checksum())).append("</code></dd></div></dl>\n");
        boolean linkable = entry.cid() != null && CID_TEXT.matcher(entry.cid()).matches();
        out.append("<table class=\"files\"><caption>Files of the trace directory</caption><thead><tr>")
                .append("<th scope=\"col\">File</th><th scope=\"col\">Size</th><th scope=\"col\">CID</th>")
                .append("<th scope=\"col\">Download</th></tr></thead><tbody>");
        for (Map.Entry<String, FileRef> file : entry.files().entrySet()) {
            String name = file.getKey();
            FileRef ref = file.getValue();
            out.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
                    .append(ref == null || ref.sizeBytes() == null ? "unknown" : size(ref.sizeBytes())).append("</td><td><code>")
                    .append(Html.escape(ref == null ? null : ref.cid())).append("</code></td><td>");
            if (linkable && plainName(name)) {
                out.append("<a href=\"/ipfs/").append(entry.cid()).append('/').append(Html.urlPart(name))
                        .append("\" download>").append("Download <span class=\"visually-hidden\">")
                        .append(Html.escape(name)).append("</span></a>");
            } else {
                out.append("not linkable");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>\n");
        if (linkable) {
            out.append("<p>Downloads come from this server's gateway, verified against the CID; any IPFS gateway serves ")
                    .append("the same bytes at <code>/ipfs/").append(Html.escape(entry.cid())).append("/…</code>.</p>\n");
        }
        out.append("</section>\n");
    }

    private static boolean plainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        ByteSizes.Scaled scaled = ByteSizes.scale(bytes);
        return Html.number(scaled.value(), 3) + " " + scaled.unit() + " (" + bytes + " bytes)";
    }

    private static void previous(StringBuilder out, TraceEntry entry) {
        if (!(entry.extra().get(PREVIOUS) instanceof List<?> previous) || previous.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"previous-heading\"><h2 id=\"previous-heading\">Previous versions</h2>\n")
                .append("<p>Earlier content published under this id, newest first:</p><ol class=\"previous\">");
        for (Object cid : previous) {
            String text = String.valueOf(cid);
            out.append("<li><code>").append(Html.escape(text)).append("</code>");
            if (CID_TEXT.matcher(text).matches()) {
                out.append(" <a href=\"/ipfs/").append(text).append("/\">browse <span class=\"visually-hidden\">")
                        .append(Html.escape(text)).append("</span></a>");
            }
            out.append("</li>");
        }
        out.append("</ol></section>\n");
    }

    private void availability(StringBuilder out, TraceId id) {
        out.append("<section aria-labelledby=\"availability-heading\"><h2 id=\"availability-heading\">Availability</h2>\n<p>");
        TraceAvailability known = availability.lastKnown().get(id.value());
        if (known == null) {
            out.append("No pin-monitoring run has been recorded for this trace.");
        } else if (known.reachable()) {
            out.append("Served by ").append(known.gatewaysServing()).append(" of ").append(known.gatewaysProbed())
                    .append(known.gatewaysProbed() == 1 ? " gateway" : " gateways").append(" at the last check, ")
                    .append(WHEN.format(known.checkedAt())).append('.');
        } else {
            out.append("<strong>Unreachable:</strong> none of ").append(known.gatewaysProbed())
                    .append(known.gatewaysProbed() == 1 ? " gateway" : " gateways").append(" served it at the last check, ")
                    .append(WHEN.format(known.checkedAt()));
            known.unreachableSince().ifPresent(since -> out.append("; unreachable since ").append(WHEN.format(since)));
            out.append('.');
        }
        out.append("</p></section>\n");
    }

    private int density(StringBuilder out, String base, TraceEntry entry, List<String> thetaValues) {
        out.append("<section aria-labelledby=\"density-heading\"><h2 id=\"density-heading\">Density</h2>\n");
        int length = Theta.length(entry);
        if (length > MAX_PLOTTED_PARAMETERS) {
            out.append("<p>This trace has ").append(length).append(" parameters, too many for a form here; evaluate it with ")
                    .append("<code>phasic-traces eval</code>.</p></section>\n");
            return 200;
        }
        double[] theta;
        String problem = null;
        List<String> shown;
        try {
            theta = thetaValues.isEmpty() ? Theta.defaults(entry) : Theta.parse(entry, thetaValues);
            shown = Theta.texts(theta);
        } catch (BadRequestException e) {
            theta = null;
            problem = e.getMessage();
            shown = thetaValues;
        }
        thetaForm(out, base, entry, shown, problem);
        if (theta == null) {
            out.append("</section>\n");
            return 400;
        }
        int status = 200;
        try {
            DensityPlot.Curve curve = plot.curve(entry, theta);
            String title = "Density of " + entry.id() + " at θ = (" + String.join(", ", Theta.texts(theta)) + ")";
            out.append("<figure class=\"plot\">").append(DensityPlot.svg(curve, title)).append("<figcaption>")
                    .append(Html.escape(title)).append(". ").append(Html.escape(DensityPlot.methodText(curve)))
                    .append("</figcaption></figure>\n<details><summary>Values</summary>")
                    .append(DensityPlot.table(curve)).append("</details>\n");
        } catch (InvalidInputException e) {
            status = thetaValues.isEmpty() ? 200 : 400;
            out.append("<p class=\"error\" role=\"alert\">The density cannot be evaluated at this θ: ")
                    .append(Html.escape(e.getMessage())).append("</p>\n");
        } catch (UseCaseException | IllegalStateException | ArithmeticException e) {
            out.append("<p class=\"error\">No plot: ").append(Html.escape(e.getMessage())).append("</p>\n");
        }
        out.append("</section>\n");
        return status;
    }

    private static void thetaForm(StringBuilder out, String base, TraceEntry entry, List<String> shown, String problem) {
        out.append("<form class=\"theta\" method=\"get\" action=\"").append(base).append("/trace/")
                .append(Html.urlPart(entry.id().value())).append("#density-heading\" aria-label=\"Parameter values\">")
                .append("<fieldset><legend>Parameter values θ</legend>");
        List<Parameter> parameters = Theta.parameters(entry);
        int length = Theta.length(entry);
        for (int k = 0; k < length; k++) {
            Parameter parameter = k < parameters.size() ? parameters.get(k) : null;
            String id = "theta-" + k;
            out.append("<div class=\"field\"><label for=\"").append(id).append("\">θ").append(Theta.subscript(k));
            if (parameter != null && !blank(parameter.name())) {
                out.append(" (").append(Html.escape(parameter.name())).append(')');
            }
            out.append("</label><input type=\"text\" inputmode=\"decimal\" id=\"").append(id).append("\" name=\"")
                    .append(Theta.PARAMETER).append("\" value=\"").append(Html.escape(k < shown.size() ? shown.get(k) : ""))
                    .append('"');
            if (problem != null) {
                out.append(" aria-invalid=\"true\" aria-describedby=\"theta-error\"");
            } else if (parameter != null && !blank(parameter.domain())) {
                out.append(" aria-describedby=\"").append(id).append("-domain\"");
            }
            out.append('>');
            if (parameter != null && !blank(parameter.domain())) {
                out.append("<small id=\"").append(id).append("-domain\">domain ").append(Html.escape(parameter.domain()))
                        .append("</small>");
            }
            out.append("</div>");
        }
        out.append("<button type=\"submit\">Plot</button></fieldset>");
        if (problem != null) {
            out.append("<p class=\"error\" id=\"theta-error\" role=\"alert\">").append(Html.escape(problem)).append("</p>");
        }
        out.append("</form>\n");
    }

    private static void snippets(StringBuilder out, TraceEntry entry) {
        String id = entry.id().value();
        String theta = String.join(", ", Theta.texts(Theta.defaults(entry)).stream()
                .map(v -> v.contains(".") || v.contains("e") ? v : v + ".0").toList());
        out.append("<section aria-labelledby=\"use-heading\"><h2 id=\"use-heading\">Use it</h2>\n");
        snippet(out, "snippet-cli", "Command line", "phasic-traces get " + id);
        snippet(out, "snippet-java", "Java (phasic-traces-library)", "PhasicTrace trace = PhasicTraces.get(\"" + id + "\");\n"
                + "double density = trace.pdf(new double[] {" + theta + "}, 1.0, 0);");
        snippet(out, "snippet-python", "Python (phasic)", "from phasic import get_trace\ntrace = get_trace(\"" + id + "\")");
        out.append("</section>\n");
    }

    private static void snippet(StringBuilder out, String id, String caption, String code) {
        out.append("<figure class=\"snippet\"><figcaption id=\"").append(id).append("-caption\">").append(caption)
                .append("</figcaption><pre id=\"").append(id).append("\" aria-labelledby=\"").append(id)
                .append("-caption\"><code>").append(Html.escape(code)).append("</code></pre></figure>\n");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
