package org.phasic.traces.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(Suggestions.distance("list", "list")).isZero();
        assertThat(Suggestions.distance("lsit", "list")).isEqualTo(1);
        assertThat(Suggestions.distance("registry.rpo", "registry.repo")).isEqualTo(1);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void onlyTheClosestNearNamesAreSuggested() {
        List<String> keys = List.of("registry.repo", "registry.url", "registry.branch", "install.jobs");

        assertThat(Suggestions.closest("registry.rpo", keys)).containsExactly("registry.repo");
        assertThat(Suggestions.closest("kingman_n3", List.of("kingman_n5", "kingman_n4", "coalescent_n5")))
                .containsExactly("kingman_n4", "kingman_n5");
        assertThat(Suggestions.didYouMean("zzzzzz", keys)).isEmpty();
        assertThat(Suggestions.didYouMean("install.job", keys)).contains("did you mean 'install.jobs'?");
    }
}
