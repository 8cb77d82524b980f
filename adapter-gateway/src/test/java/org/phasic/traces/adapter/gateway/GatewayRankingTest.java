package org.phasic.traces.adapter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayRankingTest {
    private final GatewayEndpoint a = GatewayEndpoint.parse("https://a.example");
    private final GatewayEndpoint b = GatewayEndpoint.parse("https://b.example");
    private final GatewayEndpoint c = GatewayEndpoint.parse("https://c.example");
    private final GatewayRanking ranking = new GatewayRanking(List.of(a, b, c));

    @Test
    void configuredOrderUntilThereIsARecord() {
        assertThat(ranking.order()).containsExactly(a, b, c);
    }

    @Test
    void successesRaiseAndErrorsLower() {
        ranking.error(a);
        ranking.success(c);

        assertThat(ranking.order()).containsExactly(c, b, a);
    }

    @Test
    void aDroppedGatewayIsGoneForTheSession() {
        assertThat(ranking.drop(b, "bad block")).isTrue();
        assertThat(ranking.drop(b, "again")).isFalse();
        ranking.success(b);

        assertThat(ranking.order()).containsExactly(a, c);
        assertThat(ranking.standings().get(1).droppedBecause()).contains("bad block");
    }

    @Test
    void theWorkingModeIsRemembered() {
        ranking.useMode(a, Retrieval.Mode.RAW);

        assertThat(ranking.mode(a)).isEqualTo(Retrieval.Mode.RAW);
        assertThat(ranking.mode(b)).isEqualTo(Retrieval.Mode.CAR);
        assertThat(Retrieval.Mode.CAR.next()).isEqualTo(Retrieval.Mode.RAW);
        assertThat(Retrieval.Mode.DESERIALIZED.next()).isNull();
    }
}
