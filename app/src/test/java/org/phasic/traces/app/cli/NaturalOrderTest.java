package org.phasic.traces.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersCompareByValue() {
        List<String> ids = new ArrayList<>(List.of("kingman_n10", "kingman_n3", "kingman_n003", "kingman_n20_theta1",
                "kingman_n20", "kingman_n99999999999999999999", "kingman_n100000000000000000000", "kingman"));
        ids.sort(NaturalOrder.INSTANCE);
        assertThat(ids).containsExactly("kingman", "kingman_n003", "kingman_n3", "kingman_n10", "kingman_n20",
                "kingman_n20_theta1", "kingman_n99999999999999999999", "kingman_n100000000000000000000");
    }

    @Test
    void agreesWithComparingDigitRunsAsBigIntegers() {
        Random random = new Random(5);
        String alphabet = "a_0019\u0663";
        for (int i = 0; i < 20_000; i++) {
            String a = text(random, alphabet);
            String b = text(random, alphabet);
            assertThat(Integer.signum(NaturalOrder.INSTANCE.compare(a, b))).as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(byBigIntegers(a, b)));
        }
    }

    private static String text(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** The order as first written: each pair of digit runs compared as {@link BigInteger}s. */
    private static int byBigIntegers(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                int byValue = new BigInteger(a.substring(i, endA)).compareTo(new BigInteger(b.substring(j, endB)));
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
}
