package org.phasic.traces.adapter.web.site;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * The search page's GET parameters: {@code q} (text in the id, descriptions and tags), {@code domain},
 * {@code model} (model type), {@code tag} (repeated; every one must match) and {@code params} (number of parameters).
 * Blank values mean "any".
 */
record SearchForm(Optional<String> text, Optional<String> domain, Optional<String> modelType, List<String> tags,
                  OptionalInt parameters) {
    static final String TEXT = "q";
    static final String DOMAIN = "domain";
    static final String MODEL_TYPE = "model";
    static final String TAG = "tag";
    static final String PARAMETERS = "params";
    /** The most parameters a filter may ask for; more is surely a mistake. */
    static final int MAX_PARAMETERS = 10_000;

    SearchForm {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(modelType, "modelType");
        tags = List.copyOf(tags);
        Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Reads the form from query parameters (name to values, in request order).
     *
     * @throws BadRequestException when {@code params} is not a whole number from 0 to {@value #MAX_PARAMETERS}
     */
    static SearchForm from(Map<String, List<String>> query) {
        OptionalInt parameters = OptionalInt.empty();
        Optional<String> count = first(query, PARAMETERS);
        if (count.isPresent()) {
            try {
                int value = Integer.parseInt(count.get());
                if (value < 0 || value > MAX_PARAMETERS) {
                    throw new NumberFormatException();
                }
                parameters = OptionalInt.of(value);
            } catch (NumberFormatException e) {
                throw new BadRequestException("the number of parameters must be a whole number from 0 to "
                        + MAX_PARAMETERS + ", not '" + UntrustedText.printable(count.get()) + "'");
            }
        }
        List<String> tags = query.getOrDefault(TAG, List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .distinct().toList();
        return new SearchForm(first(query, TEXT), first(query, DOMAIN), first(query, MODEL_TYPE), tags, parameters);
    }

    /** The registry query for every criterion but the number of parameters. */
    RegistryQuery query() {
        return new RegistryQuery(domain, modelType, tags, text);
    }

    /** Whether {@code entry} has the asked number of parameters (always, when none was asked). */
    boolean matchesParameters(TraceEntry entry) {
        return parameters.isEmpty() || parameterCount(entry).equals(OptionalInt.of(parameters.getAsInt()));
    }

    /** Whether any criterion is set. */
    boolean filtered() {
        return text.isPresent() || domain.isPresent() || modelType.isPresent() || !tags.isEmpty() || parameters.isPresent();
    }

    /** An entry's number of parameters: its declared {@code param_length} (unless negative), else the parameters it describes. */
    static OptionalInt parameterCount(TraceEntry entry) {
        if (entry.metadata() == null) {
            return OptionalInt.empty();
        }
        Integer declared = entry.metadata().paramLength();
        if (declared != null && declared >= 0) {
            return OptionalInt.of(declared);
        }
        return entry.metadata().parameters().isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(entry.metadata().parameters().size());
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).findFirst();
    }
}
