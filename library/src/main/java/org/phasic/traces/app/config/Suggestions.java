package org.phasic.traces.app.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known names closest to a mistyped one by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidates closest to {@code typed} by edit distance, if that distance is small (a quarter of its length, at
     * least 2); at most three, alphabetically.
     */
    public static List<String> closest(String typed, Collection<String> candidates) {
        String text = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, text.length() / 4);
        List<Scored> near = candidates.stream()
                .filter(candidate -> !candidate.equals(typed))
                .map(candidate -> new Scored(candidate, distance(text, candidate.toLowerCase(Locale.ROOT))))
                .filter(scored -> scored.distance() <= limit)
                .toList();
        int best = near.stream().mapToInt(Scored::distance).min().orElse(0);
        return near.stream()
                .filter(scored -> scored.distance() == best)
                .map(Scored::name)
                .sorted()
                .limit(3)
                .toList();
    }

    /** {@code did you mean 'a' or 'b'?}, or empty when nothing is close. */
    public static Optional<String> didYouMean(String typed, Collection<String> candidates) {
        List<String> closest = closest(typed, candidates);
        if (closest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("did you mean '" + String.join("' or '", closest) + "'?");
    }

    /** The Levenshtein distance of {@code a} and {@code b}, a transposition of neighbours counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private record Scored(String name, int distance) {
    }
}
