package org.phasic.traces.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterDomainTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            (0, ∞)        | 1       | true
            (0, ∞)        | 0       | false
            (0, ∞)        | -1      | false
            (0, ∞)        | 1e300   | true
            [0, ∞)        | 0       | true
            [0, ∞)        | -1e-300 | false
            [0, inf)      | 0       | true
            [0,infinity]  | 5       | true
            (-∞, ∞)       | -7      | true
            (−∞, 0]       | 0       | true
            (−∞, 0]       | 0.1     | false
            [0.5, 2]      | 2       | true
            [0.5, 2)      | 2       | false
            [0.5, 2]      | 0.25    | false
            ( 1.5e-3 ; 1 )| 0.0015  | false
            ( 1.5e-3 ; 1 )| 0.002   | true
            [-1, +1]      | -1      | true
            > 0           | 0       | false
            >= 0          | 0       | true
            theta ≥ 0     | 0       | true
            θ > 0         | 1       | true
            """)
    void intervalNotationIsUnderstood(String text, double value, boolean contained) {
        ParameterDomain domain = ParameterDomain.parse(text).orElseThrow();
        assertThat(domain.contains(value)).isEqualTo(contained);
        assertThat(domain.toString()).isEqualTo(text.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "positive reals", "R+", "(0, x)", "[2, 1]", "(0 ∞)", "{0, 1}", "(0, 1", "0..1", "> big"})
    void unknownNotationIsNoDomain(String text) {
        assertThat(ParameterDomain.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[0, ∞]", "[-∞, ∞]"})
    void infinityIsNeverAValueEvenInsideClosedBrackets(String text) {
        ParameterDomain domain = ParameterDomain.parse(text).orElseThrow();
        assertThat(domain.contains(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(domain.contains(Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(domain.contains(3)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(0, ∞)"})
    void aParameterExposesItsParsedDomain(String text) {
        assertThat(new Parameter("theta", "d", text, Map.of()).parsedDomain()).map(d -> d.contains(0)).contains(false);
        assertThat(new Parameter("theta", "d", null, Map.of()).parsedDomain()).isEmpty();
    }
}
