package org.phasic.traces.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.registry.TraceId;

class FetchListenerTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");
    private static final String ROOT = "Qmak1jvx5CYH2qt9mdiGitnfkwvZ2vY8r2UybgN1wpo3kg";

    @Test
    void allTellsEveryListenerAndRethrowsTheFirstFailureAfterwards() {
        List<String> told = new ArrayList<>();
        FetchListener first = (id, root, source) -> {
            told.add("first");
            throw new IOException("first failed");
        };
        FetchListener second = (id, root, source) -> {
            told.add("second");
            throw new IOException("second failed");
        };
        FetchListener third = (id, root, source) -> told.add("third " + id + " " + root + " " + source.name());

        assertThatThrownBy(() -> FetchListener.all(List.of(first, second, third)).fetched(ID, ROOT, new Named("bundle")))
                .isInstanceOf(IOException.class).hasMessage("first failed");
        assertThat(told).containsExactly("first", "second", "third " + ID + " " + ROOT + " bundle");
    }

    private record Named(String name) implements ContentSource {
        @Override
        public boolean usesNetwork() {
            return false;
        }

        @Override
        public int order() {
            return Tier.BUNDLE;
        }

        @Override
        public Optional<BlockFeed> open(Cid root, String path) {
            return Optional.empty();
        }
    }
}
