package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.facade.PhasicTrace;
import org.phasic.traces.app.facade.PhasicTraces;

/** The Java facade as a library user calls it: plain Java, no CLI, offline from the bundled library. */
class FacadeTest {
    @TempDir
    Path home;

    /** TMRCA density of the Kingman coalescent (hypoexponential, rates C(k,2)·θ), written independently of the domain code. */
    private static double kingmanDensity(int n, double theta, double t) {
        double density = 0;
        for (int i = 2; i <= n; i++) {
            double rate = i * (i - 1) / 2.0 * theta;
            double term = rate * Math.exp(-rate * t);
            for (int j = 2; j <= n; j++) {
                if (j != i) {
                    double other = j * (j - 1) / 2.0 * theta;
                    term *= other / (other - rate);
                }
            }
            density += term;
        }
        return density;
    }

    @Test
    void aConfiguredClientGetsAUsableTraceFromTheBundleOffline() throws Exception {
        List<String> notices = new ArrayList<>();
        PhasicTraces client = PhasicTraces.builder().home(home).offline(true).environment(Map.of()).notices(notices::add).build();

        PhasicTrace trace = client.trace("kingman_n5_theta1");

        assertThat(trace.id()).isEqualTo("kingman_n5_theta1");
        assertThat(trace.servedBy()).isEqualTo("bundled library");
        assertThat(trace.summary()).startsWith("6 vertices, 1 parameter(s), ");
        assertThat(trace.path()).startsWith(home).isRegularFile();
        assertThat(kingmanDensity(5, 1.0, 1.0)).isCloseTo(0.529790, within(5e-7));
        for (double t : new double[] {0.25, 1.0, 1.5, 3.0}) {
            assertThat(trace.exactPdf(new double[] {1.0}, t)).isCloseTo(kingmanDensity(5, 1.0, t), within(1e-9));
            assertThat(trace.pdf(new double[] {1.0}, t, 100)).isCloseTo(kingmanDensity(5, 1.0, t), within(2e-2));
        }
        assertThat(trace.pdf(new double[] {2.0}, 0.5, 200)).isCloseTo(kingmanDensity(5, 2.0, 0.5), within(2e-2));
        assertThat(notices).isEmpty();
    }

    @Test
    void aSecondClientOnTheSameHomeIsServedByTheLocalStore() {
        PhasicTraces.builder().home(home).offline(true).environment(Map.of()).build().trace("kingman_n10_theta1");

        PhasicTrace again = PhasicTraces.builder().home(home).offline(true).environment(Map.of()).build().trace("kingman_n10_theta1");

        assertThat(again.servedBy()).isEqualTo("local store");
        assertThat(again.trace().nVertices()).isEqualTo(11);
        assertThat(again.exactPdf(new double[] {1.0}, 2.0)).isCloseTo(kingmanDensity(10, 1.0, 2.0), within(1e-9));
    }

    @Test
    void environmentOfflineKeepsTheFacadeOffTheNetwork() throws Exception {
        PhasicTraces client = PhasicTraces.builder().home(home).environment(Map.of("PHASIC_TRACES_OFFLINE", "1"))
                .set("registry.url", "http://127.0.0.1:9/registry.json").set("gateway.urls", "http://127.0.0.1:9").build();

        assertThat(client.configuration().flag("offline")).isTrue();
        assertThat(client.trace("kingman_n3_theta1").servedBy()).isEqualTo("bundled library");
        assertThat(Files.exists(home.resolve("registry/registry.json"))).isFalse();
    }
}
