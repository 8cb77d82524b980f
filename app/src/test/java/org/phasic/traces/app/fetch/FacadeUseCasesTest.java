package org.phasic.traces.app.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.facade.PhasicTraces;
import org.phasic.traces.domain.registry.TraceEntry;
import org.phasic.traces.ports.in.BatchItem;
import org.phasic.traces.ports.in.BatchOutcome;
import org.phasic.traces.ports.in.EvaluateTraceUseCase.Evaluation;
import org.phasic.traces.ports.in.Hint;
import org.phasic.traces.ports.in.InvalidInputException;
import org.phasic.traces.ports.in.LocalTrace;
import org.phasic.traces.ports.in.Provenance;
import org.phasic.traces.ports.in.ShowTraceUseCase.TraceDetails;
import org.phasic.traces.ports.in.UnknownTraceException;

/** The facade's use cases beyond getting one trace: files, search, show, install, evaluate, typed failures, close. */
class FacadeUseCasesTest {
    private static final String ID = "kingman_n5_theta1";

    @TempDir
    Path home;

    private PhasicTraces client() {
        return PhasicTraces.builder().home(home).offline(true).environment(Map.of()).build();
    }

    @Test
    void filesAreTheVerifiedStoredFilesWithATypedProvenance() {
        try (PhasicTraces client = client()) {
            LocalTrace first = client.files(ID);
            LocalTrace again = client.files(ID);

            assertThat(first.servedBy().kind()).isEqualTo(Provenance.Kind.BUNDLE);
            assertThat(again.servedBy()).isEqualTo(Provenance.STORE);
            assertThat(first.traceFile()).startsWith(home).isRegularFile().isEqualTo(again.traceFile());
            assertThat(first.files()).containsKey(TraceEntry.TRACE_FILE);
            assertThat(first.rootCid()).isEqualTo(first.entry().cid());
        }
    }

    @Test
    void searchAndShowAnswerFromTheRegistryAndTheStore() {
        try (PhasicTraces client = client()) {
            assertThat(client.search("kingman")).extracting(entry -> entry.id().value()).contains(ID);
            assertThat(client.search("no trace says this")).isEmpty();
            TraceDetails before = client.show(ID);
            client.trace(ID);
            TraceDetails after = client.show(ID);

            assertThat(before.bundled()).isTrue();
            assertThat(before.stored()).isEmpty();
            assertThat(after.stored()).hasValueSatisfying(path -> assertThat(path).startsWith(home).isRegularFile());
        }
    }

    @Test
    void installingACollectionFetchesEachTraceOnceAndThenSkipsIt() {
        try (PhasicTraces client = client()) {
            BatchOutcome first = client.install("kingman");
            BatchOutcome second = client.install("kingman");

            assertThat(first.ok()).isTrue();
            assertThat(first.count(BatchItem.Status.DONE)).isEqualTo(5);
            assertThat(second.count(BatchItem.Status.SKIPPED)).isEqualTo(5);
            assertThat(second.items()).allSatisfy(item -> assertThat(item.servedBy()).contains(Provenance.STORE));
            assertThatThrownBy(() -> client.install("no_such_collection")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("unknown collection 'no_such_collection'").hasMessageContaining("kingman");
        }
    }

    @Test
    void evaluateGivesTheDensitiesAndTheirLogLikelihood() {
        try (PhasicTraces client = client()) {
            Evaluation evaluation = client.evaluate(ID, new double[] {1.0}, new double[] {0.5, 1.0}, 200);

            assertThat(evaluation.granularity()).isEqualTo(200);
            assertThat(evaluation.pdf()).hasSize(2);
            assertThat(evaluation.logLikelihood()).isCloseTo(Math.log(evaluation.pdf()[0]) + Math.log(evaluation.pdf()[1]), within(1e-12));
        }
    }

    @Test
    void anUnknownIdIsATypedFailureWithANeutralHint() {
        try (PhasicTraces client = client()) {
            assertThatThrownBy(() -> client.trace("no_such_trace")).isInstanceOfSatisfying(UnknownTraceException.class,
                    e -> assertThat(e.hint()).isEqualTo(Hint.of(Hint.Kind.LIST_TRACES_OFFLINE)));
        }
    }

    @Test
    void aClosedClientRefusesWork() {
        PhasicTraces client = client();
        client.trace(ID);
        client.close();

        assertThatThrownBy(() -> client.trace(ID)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
