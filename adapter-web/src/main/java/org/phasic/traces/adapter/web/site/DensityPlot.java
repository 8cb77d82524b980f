package org.phasic.traces.adapter.web.site;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.ports.in.EvaluateTraceUseCase;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Method;

/**
 * The density of a trace at θ as an SVG line plot, evaluated by the trace evaluator (exact where the model allows,
 * otherwise discretised). The time range is found from the trace itself: a first evaluation at times from 1/64 to 64
 * (doubling) finds the peak and where the density has fallen below 1% of it; the plot then shows
 * {@value #POINTS} evenly spaced times from 0 to there.
 */
final class DensityPlot {
    static final int POINTS = 121;
    private static final double TAIL = 0.01;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 72;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 48;
    private static final int TICKS = 4;

    /**
     * The computed curve.
     *
     * @param times       the times, increasing from 0
     * @param densities   the density at each time
     * @param method      how the evaluator computed them
     * @param granularity the granularity of the discretised method (0 for exact)
     */
    record Curve(double[] times, double[] densities, Method method, int granularity) {
        Curve {
            Objects.requireNonNull(method, "method");
            times = times.clone();
            densities = densities.clone();
        }

        @Override
        public double[] times() {
            return times.clone();
        }

        @Override
        public double[] densities() {
            return densities.clone();
        }

        double maxDensity() {
            double max = 0.0;
            for (double d : densities) {
                max = Math.max(max, d);
            }
            return max;
        }

        double end() {
            return times[times.length - 1];
        }
    }

    /** How many curves are kept, by trace, content and θ. */
    static final int CACHED = 256;
    /** How long a page waits for one of the evaluation slots before it goes without a plot. */
    static final long WAIT_SECONDS = 20;

    private final EvaluateTraceUseCase evaluator;
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private final Map<String, Curve> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Curve> eldest) {
            return size() > CACHED;
        }
    });

    DensityPlot(EvaluateTraceUseCase evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    }

    /**
     * {@link #curve(TraceId, double[])} for a registry entry, remembered by id, directory CID and θ (the same content
     * gives the same curve); at most half the processors evaluate at once, so pages asking for costly θ cannot starve
     * the server.
     *
     * @throws IllegalStateException also when no evaluation slot frees up within {@value #WAIT_SECONDS} seconds
     */
    Curve curve(TraceEntry entry, double[] theta) {
        String key = entry.id() + "\n" + entry.cid() + "\n" + Arrays.toString(theta);
        Curve known = cache.get(key);
        if (known != null) {
            return known;
        }
        try {
            if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server is busy evaluating other plots; reload the page in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to evaluate the density", e);
        }
        try {
            Curve curve = curve(entry.id(), theta);
            cache.put(key, curve);
            return curve;
        } finally {
            slots.release();
        }
    }

    /**
     * Evaluates trace {@code id} at θ over the range its density lives in.
     *
     * @throws org.phasic.traces.ports.in.UseCaseException as {@link EvaluateTraceUseCase#evaluate(TraceId, double[], double[], int)}
     * @throws IllegalStateException when the density is zero (or not finite) at every probed time
     */
    Curve curve(TraceId id, double[] theta) {
        double[] probes = new double[13];
        for (int k = 0; k < probes.length; k++) {
            probes[k] = Math.scalb(1.0, k - 6);
        }
        double[] probed = evaluator.evaluate(id, theta, probes, 0).pdf();
        int peak = 0;
        for (int k = 1; k < probed.length; k++) {
            if (probed[k] > probed[peak]) {
                peak = k;
            }
        }
        if (!(probed[peak] > 0.0) || !Double.isFinite(probed[peak])) {
            throw new IllegalStateException("the density is zero at every time from 1/64 to 64, so there is nothing to plot");
        }
        int end = probes.length - 1;
        for (int k = peak + 1; k < probes.length; k++) {
            if (probed[k] < TAIL * probed[peak]) {
                end = k;
                break;
            }
        }
        double[] times = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            times[i] = probes[end] * i / (POINTS - 1);
        }
        Evaluation evaluation = evaluator.evaluate(id, theta, times, 0);
        return new Curve(times, evaluation.pdf(), evaluation.method(), evaluation.granularity());
    }

    /** A sentence saying how the densities were computed. */
    static String methodText(Curve curve) {
        return curve.method() == Method.EXACT ? "Exact density (uniformisation)."
                : "Discretised density (phasic's forward algorithm, granularity " + curve.granularity() + ").";
    }

    /** The curve as an inline SVG image with axes, tick labels, a title and a description. */
    static String svg(Curve curve, String title) {
        double xMax = curve.end();
        double yMax = curve.maxDensity() * 1.05;
        double[] t = curve.times();
        double[] d = curve.densities();
        StringBuilder path = new StringBuilder(t.length * 16);
        for (int i = 0; i < t.length; i++) {
            double y = Double.isFinite(d[i]) ? Math.max(0.0, d[i]) : 0.0;
            path.append(i == 0 ? 'M' : 'L').append(coordinate(x(t[i], xMax))).append(',').append(coordinate(y(y, yMax)));
        }
        StringBuilder svg = new StringBuilder(path.length() + 2048);
        svg.append("<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"plot-title plot-desc\">")
                .append("<title id=\"plot-title\">").append(Html.escape(title)).append("</title>")
                .append("<desc id=\"plot-desc\">Density from t = 0 to t = ").append(Html.number(xMax, 4))
                .append("; highest value ").append(Html.number(curve.maxDensity(), 4)).append(". ")
                .append(Html.escape(methodText(curve))).append("</desc>");
        svg.append("<g class=\"axes\"><line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM)
                .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/></g>");
        svg.append("<g class=\"ticks\">");
        for (int i = 0; i <= TICKS; i++) {
            double tx = xMax * i / TICKS;
            double x = x(tx, xMax);
            svg.append("<line x1=\"").append(coordinate(x)).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                    .append(coordinate(x)).append("\" y2=\"").append(HEIGHT - BOTTOM + 5).append("\"/>")
                    .append("<text x=\"").append(coordinate(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 20)
                    .append("\" text-anchor=\"middle\">").append(Html.number(tx, 3)).append("</text>");
            double ty = yMax * i / TICKS;
            double y = y(ty, yMax);
            svg.append("<line x1=\"").append(LEFT - 5).append("\" y1=\"").append(coordinate(y)).append("\" x2=\"")
                    .append(LEFT).append("\" y2=\"").append(coordinate(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(coordinate(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.number(ty, 3)).append("</text>");
        }
        svg.append("</g><text class=\"label\" x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"")
                .append(HEIGHT - 8).append("\" text-anchor=\"middle\">time t</text>")
                .append("<text class=\"label\" x=\"16\" y=\"").append((TOP + HEIGHT - BOTTOM) / 2)
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(")\">density</text>");
        svg.append("<path class=\"density\" d=\"").append(path).append("\"/></svg>");
        return svg.toString();
    }

    /** A few of the curve's values as a table, for readers who cannot see the plot. */
    static String table(Curve curve) {
        double[] t = curve.times();
        double[] d = curve.densities();
        StringBuilder out = new StringBuilder(1024);
        out.append("<table class=\"values\"><caption>Density at selected times</caption>")
                .append("<thead><tr><th scope=\"col\">t</th><th scope=\"col\">density</th></tr></thead><tbody>");
        int step = (POINTS - 1) / 10;
        for (int i = 0; i < t.length; i += step) {
            out.append("<tr><td>").append(Html.number(t[i], 4)).append("</td><td>")
                    .append(Html.number(d[i], 6)).append("</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private static double x(double t, double xMax) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (xMax == 0 ? 0 : t / xMax);
    }

    private static double y(double density, double yMax) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (yMax == 0 ? 0 : density / yMax);
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
