package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.facade.PhasicTrace;
import org.phasic.traces.app.facade.PhasicTraces;

/** Warm gets reuse the parsed trace, yet every get still re-checks the stored bytes. */
class ParsedTraceCacheTest {
    @TempDir
    Path home;

    @Test
    void aWarmGetReusesTheParsedTraceButStillDetectsAndHealsDamage() throws Exception {
        List<String> notices = new ArrayList<>();
        PhasicTraces traces = PhasicTraces.builder().home(home).offline(true).environment(Map.of()).notices(notices::add)
                .build();

        PhasicTrace first = traces.trace("kingman_n5_theta1");
        PhasicTrace warm = traces.trace("kingman_n5_theta1");
        assertThat(warm.trace()).isSameAs(first.trace());
        assertThat(warm.servedBy()).isEqualTo("local store");

        byte[] stored = Files.readAllBytes(first.path());
        stored[stored.length / 2] ^= 0x01;
        Files.write(first.path(), stored);

        PhasicTrace healed = traces.trace("kingman_n5_theta1");
        assertThat(healed.servedBy()).isEqualTo("bundled library");
        assertThat(notices).anySatisfy(notice -> assertThat(notice).contains("damaged"));
        assertThat(healed.trace()).isEqualTo(first.trace());
        assertThat(healed.pdf(new double[] {1.0}, 1.0, 0)).isEqualTo(first.pdf(new double[] {1.0}, 1.0, 0));
    }
}
