package org.phasic.traces.app.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.trace.EliminationTrace;
import org.phasic.traces.domain.trace.KingmanCoalescent;
import org.phasic.traces.domain.trace.PhaseTypeGraph;

/**
 * The published {@code coalescent_n5_theta1} trace evaluated as phasic does (reference numbers from
 * phasic's own evaluator), and its known defect: every parameterized edge is counted twice, so the
 * start vertex sends mass 2+θ instead of 1 and every density is (2+θ) times too high.
 */
class PublishedTraceCompatibilityTest {
    private static EliminationTrace published() throws IOException {
        try (InputStream in = PublishedTraceCompatibilityTest.class.getResourceAsStream(JacksonTraceCodecTest.N5)) {
            return new JacksonTraceCodec().read(in);
        }
    }

    @Test
    void matchesPhasicAtGranularity100() throws IOException {
        EliminationTrace trace = published();
        double[] theta = {1.0};
        assertThat(trace.pdf(theta, 1.0, 100)).isCloseTo(1.607691, within(5e-7));
        assertThat(trace.pdf(theta, 1.5, 100)).isCloseTo(1.205577, within(5e-7));
        double[] both = trace.pdf(theta, new double[] {1.0, 1.5}, 100);
        assertThat(trace.logLikelihood(theta, new double[] {1.0, 1.5}, 100))
                .isCloseTo(Math.log(both[0]) + Math.log(both[1]), within(1e-12));
    }

    @Test
    void startVertexCountsTheParameterizedEdgeTwice() throws IOException {
        EliminationTrace trace = published();
        for (double theta : new double[] {1.0, 2.0}) {
            PhaseTypeGraph graph = trace.instantiate(new double[] {theta});
            assertThat(graph.totalOutRate(0)).isCloseTo(2 + theta, within(1e-12));
            assertThat(graph.totalOutRate(1)).isCloseTo(10 * theta, within(1e-12));
        }
        // exact density is (2+θ) × the true Kingman n=5 density 0.529790 at θ=1, t=1
        assertThat(trace.exactPdf(new double[] {1.0}, 1.0)).isCloseTo(3 * 0.529790, within(2e-6));
    }

    @Test
    void isTwoPlusThetaTimesTheCorrectTrace() throws IOException {
        EliminationTrace published = published();
        EliminationTrace correct = KingmanCoalescent.trace(5);
        for (double theta : new double[] {1.0, 2.0}) {
            double[] th = {theta};
            for (double t : new double[] {0.3, 1.0, 1.5}) {
                assertThat(published.pdf(th, t, 100)).isCloseTo((2 + theta) * correct.pdf(th, t, 100), within(1e-12));
            }
        }
    }
}
