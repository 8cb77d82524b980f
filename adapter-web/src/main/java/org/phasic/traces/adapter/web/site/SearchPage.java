package org.phasic.traces.adapter.web.site;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;
import org.phasic.traces.ports.in.ListTracesUseCase;

/** The search page: a GET form with text and filters, the number of matches, and the matching traces. */
final class SearchPage {
    private final ListTracesUseCase traces;

    SearchPage(ListTracesUseCase traces) {
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    /** The traces matching every criterion of {@code form}, by id. */
    List<TraceEntry> search(SearchForm form) {
        return traces.list(form.query()).stream().filter(form::matchesParameters).toList();
    }

    /** The whole page for {@code form}; {@code base} is the path the site is mounted under. */
    String render(String base, SearchForm form) {
        List<TraceEntry> all = traces.list(RegistryQuery.all());
        List<TraceEntry> found = form.filtered() ? search(form) : all;
        StringBuilder main = new StringBuilder(4096);
        main.append("<h1>Find a trace</h1>\n");
        form(main, base, form, all);
        main.append("<section aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\">Results</h2>\n")
                .append("<p class=\"count\" id=\"result-count\" role=\"status\">")
                .append(count(found.size(), all.size(), form.filtered())).append("</p>\n");
        if (!found.isEmpty()) {
            main.append("<ul class=\"results\">\n");
            found.forEach(entry -> result(main, base, entry));
            main.append("</ul>\n");
        }
        main.append("</section>\n");
        return Layout.page(base, form.filtered() ? "Search results" : "Find a trace", main.toString());
    }

    private static String count(int found, int total, boolean filtered) {
        String traces = total == 1 ? " trace" : " traces";
        if (!filtered) {
            return total + traces + " in the registry.";
        }
        return found + " of " + total + traces + " match.";
    }

    private static void form(StringBuilder out, String base, SearchForm form, List<TraceEntry> all) {
        out.append("<form class=\"search\" method=\"get\" action=\"").append(base).append("/\" role=\"search\" ")
                .append("aria-label=\"Search traces\">\n")
                .append("<div class=\"field wide\"><label for=\"q\">Search text</label>")
                .append("<input type=\"search\" id=\"q\" name=\"").append(SearchForm.TEXT).append("\" value=\"")
                .append(Html.escape(form.text().orElse(""))).append("\" aria-describedby=\"q-help\">")
                .append("<small id=\"q-help\">Matches the id, the descriptions and the tags.</small></div>\n");
        select(out, SearchForm.DOMAIN, "Domain", "Any domain", values(all, TraceMetadata::domain),
                form.domain().orElse(""));
        select(out, SearchForm.MODEL_TYPE, "Model type", "Any model type", values(all, TraceMetadata::modelType),
                form.modelType().orElse(""));
        TreeSet<String> counts = new TreeSet<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        all.forEach(entry -> SearchForm.parameterCount(entry).ifPresent(n -> counts.add(Integer.toString(n))));
        form.parameters().ifPresent(n -> counts.add(Integer.toString(n)));
        select(out, SearchForm.PARAMETERS, "Number of parameters", "Any number", counts,
                form.parameters().isPresent() ? Integer.toString(form.parameters().getAsInt()) : "");
        TreeSet<String> tags = new TreeSet<>(form.tags());
        all.stream().filter(e -> e.metadata() != null).forEach(e -> tags.addAll(e.metadata().tags()));
        if (!tags.isEmpty()) {
            out.append("<fieldset class=\"tags\"><legend>Tags (a trace must have every one checked)</legend>\n");
            int i = 0;
            for (String tag : tags) {
                String id = "tag-" + i++;
                out.append("<span class=\"tag\"><input type=\"checkbox\" id=\"").append(id).append("\" name=\"")
                        .append(SearchForm.TAG).append("\" value=\"").append(Html.escape(tag)).append('"')
                        .append(form.tags().contains(tag) ? " checked" : "").append("><label for=\"").append(id)
                        .append("\">").append(Html.escape(tag)).append("</label></span>\n");
            }
            out.append("</fieldset>\n");
        }
        out.append("<div class=\"actions\"><button type=\"submit\">Search</button> <a href=\"").append(base)
                .append("/\">Clear search and filters</a></div>\n</form>\n");
    }

    private static void select(StringBuilder out, String name, String label, String any, Collection<String> values,
                               String selected) {
        TreeSet<String> options = new TreeSet<>(values.stream().filter(v -> !v.isBlank()).toList());
        out.append("<div class=\"field\"><label for=\"").append(name).append("\">").append(label).append("</label>")
                .append("<select id=\"").append(name).append("\" name=\"").append(name).append("\">")
                .append("<option value=\"\"").append(selected.isEmpty() ? " selected" : "").append('>').append(any)
                .append("</option>");
        Stream.concat(options.stream(), Stream.of(selected).filter(s -> !s.isEmpty() && !options.contains(s)))
                .forEach(value -> out.append("<option value=\"").append(Html.escape(value)).append('"')
                        .append(value.equals(selected) ? " selected" : "").append('>').append(Html.escape(value))
                        .append("</option>"));
        out.append("</select></div>\n");
    }

    private static List<String> values(List<TraceEntry> entries, Function<TraceMetadata, String> field) {
        return entries.stream().map(TraceEntry::metadata).filter(Objects::nonNull).map(field).filter(Objects::nonNull)
                .toList();
    }

    private static void result(StringBuilder out, String base, TraceEntry entry) {
        out.append("<li class=\"result\"><h3><a href=\"").append(base).append("/trace/")
                .append(Html.urlPart(entry.id().value())).append("\">").append(Html.escape(entry.id().value()))
                .append("</a></h3>");
        if (entry.warning().isPresent()) {
            out.append("<p class=\"badge warning\">").append(entry.supersededBy() != null && !entry.supersededBy().isBlank()
                    ? "Superseded" : "Known defect").append("</p>");
        }
        out.append("<p>").append(Html.escape(entry.description())).append("</p>");
        TraceMetadata metadata = entry.metadata();
        if (metadata != null) {
            StringBuilder facts = new StringBuilder();
            Html.fact(facts, "Model type", metadata.modelType());
            Html.fact(facts, "Domain", metadata.domain());
            OptionalInt parameters = SearchForm.parameterCount(entry);
            if (parameters.isPresent()) {
                Html.fact(facts, "Parameters", Integer.toString(parameters.getAsInt()));
            }
            if (!metadata.tags().isEmpty()) {
                Html.fact(facts, "Tags", String.join(", ", metadata.tags()));
            }
            if (!facts.isEmpty()) {
                out.append("<dl class=\"facts\">").append(facts).append("</dl>");
            }
        }
        out.append("</li>\n");
    }
}
