package org.phasic.traces.adapter.web.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Method;

class DensityPlotTest {
    private final DensityPlot plot = new DensityPlot(new SiteFixture().evaluator());

    /** The time to the most recent common ancestor of 3 lineages: Exp(3θ) then Exp(θ). */
    private static double kingman3(double theta, double t) {
        return 1.5 * theta * (Math.exp(-theta * t) - Math.exp(-3 * theta * t));
    }

    @Test
    void theCurveIsTheEvaluatorsDensityOverTheRangeWhereItLives() {
        for (double theta : new double[] {1.0, 4.0}) {
            DensityPlot.Curve curve = plot.curve(TraceId.of(SiteFixture.KINGMAN), new double[] {theta});
            double[] t = curve.times();
            double[] d = curve.densities();
            assertThat(t).hasSize(DensityPlot.POINTS);
            assertThat(curve.method()).isEqualTo(Method.EXACT);
            for (int i = 0; i < t.length; i++) {
                assertThat(d[i]).as("θ=%s t=%s", theta, t[i]).isCloseTo(kingman3(theta, t[i]), within(1e-9));
            }
            assertThat(t[0]).isZero();
            assertThat(d[d.length - 1]).isLessThan(0.01 * curve.maxDensity());
            assertThat(kingman3(theta, t[t.length - 1] / 2)).isGreaterThan(0.01 * curve.maxDensity());
        }
    }

    @Test
    void aLargerRateGivesAShorterRange() {
        double slow = plot.curve(TraceId.of(SiteFixture.KINGMAN), new double[] {0.25}).end();
        double fast = plot.curve(TraceId.of(SiteFixture.KINGMAN), new double[] {4.0}).end();
        assertThat(slow).isEqualTo(16 * fast);
    }

    @Test
    void aCurveIsRememberedForTheSameContentAndThetaOnly() {
        SiteFixture registry = new SiteFixture();
        EvaluateTraceUseCase real = registry.evaluator();
        AtomicInteger calls = new AtomicInteger();
        EvaluateTraceUseCase counting = new EvaluateTraceUseCase() {
            @Override
            public Evaluation evaluate(TraceId id, double[] theta, double[] times, int granularity) {
                calls.incrementAndGet();
                return real.evaluate(id, theta, times, granularity);
            }

            @Override
            public Evaluation evaluate(Path file, double[] theta, double[] times, int granularity) {
                throw new AssertionError("the site evaluates registry traces only");
            }
        };
        DensityPlot cached = new DensityPlot(counting);
        TraceEntry entry = registry.entry(SiteFixture.KINGMAN);
        DensityPlot.Curve first = cached.curve(entry, new double[] {1.0});
        int perCurve = calls.get();
        assertThat(cached.curve(entry, new double[] {1.0}).densities()).containsExactly(first.densities());
        assertThat(calls.get()).isEqualTo(perCurve);
        cached.curve(entry, new double[] {2.0});
        assertThat(calls.get()).isEqualTo(2 * perCurve);
        TraceEntry republished = new TraceEntry(entry.id(), "QmNewContent1234", entry.description(), entry.metadata(),
                entry.files(), entry.checksum(), entry.license(), entry.graphHash(), entry.extra());
        cached.curve(republished, new double[] {1.0});
        assertThat(calls.get()).isEqualTo(3 * perCurve);
    }

    @Test
    void theSvgHasAPathThroughEveryPointInsideTheViewBox() {
        DensityPlot.Curve curve = plot.curve(TraceId.of(SiteFixture.KINGMAN), new double[] {1.0});
        String svg = DensityPlot.svg(curve, "Density <of> it");
        assertThat(svg).startsWith("<svg ").contains("role=\"img\"").contains("<title id=\"plot-title\">Density &lt;of&gt; it</title>");
        Matcher path = Pattern.compile("<path class=\"density\" d=\"([^\"]+)\"").matcher(svg);
        assertThat(path.find()).isTrue();
        String[] points = path.group(1).substring(1).split("L");
        assertThat(points).hasSize(DensityPlot.POINTS);
        int peak = 0;
        for (int i = 0; i < points.length; i++) {
            String[] xy = points[i].split(",");
            assertThat(Double.parseDouble(xy[0])).isBetween(0.0, 640.0);
            assertThat(Double.parseDouble(xy[1])).isBetween(0.0, 320.0);
            if (Double.parseDouble(xy[1]) < Double.parseDouble(points[peak].split(",")[1])) {
                peak = i;
            }
        }
        double[] d = curve.densities();
        int highest = 0;
        for (int i = 0; i < d.length; i++) {
            highest = d[i] > d[highest] ? i : highest;
        }
        assertThat(peak).as("the highest point of the path is the largest density").isEqualTo(highest);
    }
}
