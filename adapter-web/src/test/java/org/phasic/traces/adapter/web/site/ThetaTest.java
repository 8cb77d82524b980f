package org.phasic.traces.adapter.web.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.domain.registry.TraceMetadata;

class ThetaTest {
    private final SiteFixture registry = new SiteFixture();

    private TraceEntry entry(String id) {
        return registry.entry(id);
    }

    @Test
    void theDefaultLiesInsideEveryDeclaredDomain() {
        assertThat(Theta.defaults(entry(SiteFixture.KINGMAN))).containsExactly(1.0);
        assertThat(Theta.defaults(entry(SiteFixture.TWO))).containsExactly(1.0, 1.0);
    }

    @Test
    void aNegativeDeclaredParameterCountFallsBackToTheDescribedParameters() {
        TraceEntry kingman = entry(SiteFixture.KINGMAN);
        TraceMetadata m = kingman.metadata();
        TraceEntry negative = new TraceEntry(kingman.id(), kingman.cid(), kingman.description(),
                new TraceMetadata(m.modelType(), m.domain(), m.variant(), -5, m.vertices(), m.description(), m.parameters(),
                        m.created(), m.author(), m.citation(), m.tags(), m.license(), m.extra()),
                kingman.files(), kingman.checksum(), kingman.license(), kingman.graphHash(), kingman.extra());
        assertThat(Theta.length(negative)).isEqualTo(1);
        assertThat(Theta.defaults(negative)).containsExactly(1.0);
    }

    @Test
    void parsesOneValuePerParameterInOrder() {
        assertThat(Theta.parse(entry(SiteFixture.TWO), List.of("0.5", " 2e-1 "))).containsExactly(0.5, 0.2);
    }

    @Test
    void refusesValuesOutsideTheDeclaredDomainNamingParameterAndDomain() {
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.TWO), List.of("3", "1")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("θ₀ (beta) = 3 is outside its domain [0.5, 2], as sir_two_params declares it");
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.KINGMAN), List.of("0")))
                .hasMessageContaining("θ₀ (theta) = 0 is outside its domain (0, ∞)");
    }

    @Test
    void refusesTheWrongCountAndWhatIsNotAFiniteNumber() {
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.KINGMAN), List.of("1", "2")))
                .hasMessage("θ needs 1 value for kingman_n3_theta1, one per parameter, but 2 were given");
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.KINGMAN), List.of("NaN")))
                .hasMessageContaining("'NaN' is not a finite decimal number");
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.KINGMAN), List.of("1e400")))
                .hasMessageContaining("is not a finite decimal number");
        assertThatThrownBy(() -> Theta.parse(entry(SiteFixture.KINGMAN), List.of(" ")))
                .hasMessageContaining("is empty");
    }
}
