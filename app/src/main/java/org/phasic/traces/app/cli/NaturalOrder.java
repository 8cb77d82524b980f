package org.phasic.traces.app.cli;

import java.util.Comparator;

/** Orders text as people do: runs of digits by their value, so {@code kingman_n3} comes before {@code kingman_n10}. */
enum NaturalOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareNumbers(a, i, endA, b, j, endB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    /** Compares two runs of digits by their value, as {@code BigInteger} would, without making one. */
    private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
        int i = skipZeros(a, fromA, endA);
        int j = skipZeros(b, fromB, endB);
        int byLength = Integer.compare(endA - i, endB - j);
        if (byLength != 0) {
            return byLength;
        }
        for (; i < endA; i++, j++) {
            int byDigit = Integer.compare(Character.digit(a.charAt(i), 10), Character.digit(b.charAt(j), 10));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    private static int skipZeros(String text, int from, int end) {
        int at = from;
        while (at < end && Character.digit(text.charAt(at), 10) == 0) {
            at++;
        }
        return at;
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
