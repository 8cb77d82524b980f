package org.phasic.traces.domain.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The set of values a model parameter may take, read from a registry entry's {@code parameters[].domain}: an interval
 * in the usual notation, open or closed at either end, with numbers or infinities as bounds ({@code (0, ∞)},
 * {@code [0, inf)}, {@code [0.5, 2]}, {@code (-∞, ∞)}), or a one-sided inequality ({@code > 0}, {@code >= 0},
 * {@code ≥ 0}). Notation this class does not understand is not a domain: {@link #parse} is empty and nothing is
 * checked.
 *
 * @param lower       the lower bound ({@code -∞} for none)
 * @param lowerClosed whether the lower bound belongs to the domain
 * @param upper       the upper bound ({@code +∞} for none)
 * @param upperClosed whether the upper bound belongs to the domain
 * @param text        the notation as written
 */
public record ParameterDomain(double lower, boolean lowerClosed, double upper, boolean upperClosed, String text) {
    private static final String NUMBER = "\\s*([^,;\\s\\[\\]()]+)\\s*";
    private static final Pattern INTERVAL = Pattern.compile("\\s*([\\[(])" + NUMBER + "[,;]" + NUMBER + "([\\])])\\s*");
    private static final Pattern INEQUALITY = Pattern.compile("\\s*(?:[a-zA-Zθ_]+\\s*)?(>=|≥|>)" + NUMBER);

    /**
     * The domain {@code text} describes, or empty when it is absent, blank, not in a notation understood here, or
     * empty as an interval (lower bound above the upper one).
     */
    public static Optional<ParameterDomain> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher interval = INTERVAL.matcher(text);
        if (interval.matches()) {
            Optional<Double> lower = bound(interval.group(2));
            Optional<Double> upper = bound(interval.group(3));
            if (lower.isEmpty() || upper.isEmpty() || lower.get() > upper.get()) {
                return Optional.empty();
            }
            return Optional.of(new ParameterDomain(lower.get(), interval.group(1).equals("["), upper.get(),
                    interval.group(4).equals("]"), text.strip()));
        }
        Matcher inequality = INEQUALITY.matcher(text);
        if (inequality.matches()) {
            return bound(inequality.group(2)).filter(Double::isFinite).map(lower -> new ParameterDomain(lower,
                    !inequality.group(1).equals(">"), Double.POSITIVE_INFINITY, false, text.strip()));
        }
        return Optional.empty();
    }

    private static Optional<Double> bound(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT).replace('\u2212', '-');
        boolean negative = t.startsWith("-");
        String magnitude = negative || t.startsWith("+") ? t.substring(1) : t;
        if (magnitude.equals("\u221e") || magnitude.equals("inf") || magnitude.equals("infinity")) {
            return Optional.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (!magnitude.matches("(\\d+(\\.\\d*)?|\\.\\d+)(e[+-]?\\d+)?")) {
            return Optional.empty();
        }
        double value = Double.parseDouble(magnitude);
        return Optional.of(negative ? -value : value);
    }

    /** Whether {@code value} lies in this domain; an infinite bound never belongs to it, whatever the bracket says. */
    public boolean contains(double value) {
        boolean aboveLower = value > lower || (lowerClosed && value == lower && Double.isFinite(lower));
        boolean belowUpper = value < upper || (upperClosed && value == upper && Double.isFinite(upper));
        return aboveLower && belowUpper;
    }

    @Override
    public String toString() {
        return text;
    }
}
