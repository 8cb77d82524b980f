package org.phasic.traces.adapter.web.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.phasic.traces.domain.registry.Parameter;
import org.phasic.traces.domain.registry.ParameterDomain;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * The parameter values θ a trace page plots the density at: a default inside every declared domain, or the values of
 * the page's θ form (GET parameter {@code theta}, once per parameter, in order), checked against the entry.
 */
final class Theta {
    static final String PARAMETER = "theta";
    /** The longest θ value text accepted. */
    private static final int MAX_TEXT = 64;

    private Theta() {
    }

    /** How many values θ has for {@code entry}: its number of parameters, or 1 when the entry does not say. */
    static int length(TraceEntry entry) {
        OptionalInt count = SearchForm.parameterCount(entry);
        return count.isPresent() ? count.getAsInt() : 1;
    }

    /** The parameters the entry describes (possibly fewer than {@link #length}). */
    static List<Parameter> parameters(TraceEntry entry) {
        return entry.metadata() == null ? List.of() : entry.metadata().parameters();
    }

    /**
     * A default θ: 1 for each parameter whose declared domain holds 1 (or that declares none a reader understands),
     * otherwise a value inside its domain.
     */
    static double[] defaults(TraceEntry entry) {
        double[] theta = new double[length(entry)];
        List<Parameter> parameters = parameters(entry);
        for (int k = 0; k < theta.length; k++) {
            Optional<ParameterDomain> domain = k < parameters.size() ? parameters.get(k).parsedDomain() : Optional.empty();
            theta[k] = domain.map(Theta::inside).orElse(1.0);
        }
        return theta;
    }

    private static double inside(ParameterDomain domain) {
        if (domain.contains(1.0)) {
            return 1.0;
        }
        boolean lower = Double.isFinite(domain.lower());
        boolean upper = Double.isFinite(domain.upper());
        if (lower && upper) {
            return domain.lower() + (domain.upper() - domain.lower()) / 2;
        }
        if (lower) {
            return domain.lower() + 1.0;
        }
        return upper ? domain.upper() - 1.0 : 0.0;
    }

    /**
     * θ from the form's values.
     *
     * @throws BadRequestException naming the first problem: the wrong number of values, a value that is not a finite
     *                             number, or one outside its parameter's declared domain
     */
    static double[] parse(TraceEntry entry, List<String> values) {
        int length = length(entry);
        if (values.size() != length) {
            throw new BadRequestException("θ needs " + length + (length == 1 ? " value" : " values") + " for "
                    + entry.id() + ", one per parameter, but " + values.size() + (values.size() == 1 ? " was" : " were")
                    + " given");
        }
        List<Parameter> parameters = parameters(entry);
        double[] theta = new double[length];
        for (int k = 0; k < length; k++) {
            String text = values.get(k).strip();
            String name = k < parameters.size() ? " (" + UntrustedText.printable(parameters.get(k).name()) + ")" : "";
            theta[k] = number(text, "θ" + subscript(k) + name);
            Optional<ParameterDomain> domain = k < parameters.size() ? parameters.get(k).parsedDomain() : Optional.empty();
            if (domain.isPresent() && !domain.get().contains(theta[k])) {
                throw new BadRequestException("θ" + subscript(k) + name + " = " + Html.number(theta[k], 10)
                        + " is outside its domain " + UntrustedText.printable(domain.get().toString())
                        + ", as " + entry.id() + " declares it");
            }
        }
        return theta;
    }

    private static double number(String text, String what) {
        if (text.isEmpty()) {
            throw new BadRequestException(what + " is empty: give a number");
        }
        try {
            if (text.length() <= MAX_TEXT && text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException(what + " = '" + UntrustedText.printable(text) + "' is not a finite decimal number");
    }

    /** {@code k} as subscript digits, so θ₀ reads like the notation of the trace's parameters. */
    static String subscript(int k) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(k).toCharArray()) {
            out.append((char) ('\u2080' + (c - '0')));
        }
        return out.toString();
    }

    /** θ as the form shows and the snippets write it. */
    static List<String> texts(double[] theta) {
        List<String> texts = new ArrayList<>(theta.length);
        for (double value : theta) {
            texts.add(Html.number(value, 10));
        }
        return texts;
    }
}
