package org.phasic.traces.app.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.app.config.ConfigLoader.FlagValue;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.domain.registry.RegistryQuery;
import org.phasic.traces.domain.registry.TraceId;
import org.phasic.traces.application.FetchService;
import org.phasic.traces.ports.in.GetTraceUseCase;
import org.phasic.traces.ports.in.LoadedTrace;
import org.phasic.traces.ports.in.Notices;
import org.phasic.traces.ports.in.Provenance;

/**
 * A store hit builds no injector, no content source and no HTTP client (so no bundled CAR); a miss builds them, and the
 * injector binds the very services the hit used.
 */
class LazyCompositionTest {
    private static final TraceId ID = TraceId.of("kingman_n5_theta1");

    @TempDir
    Path home;

    @Test
    void aStoreHitBuildsNoContentSourceAndAMissDoes() {
        Map<String, FlagValue> flags = Map.of(Configuration.HOME, new FlagValue(home.toString(), "--home"));
        try (Composition first = Composition.create(flags, Map.of(), home, Notices.silent())) {
            LoadedTrace fetched = first.useCases().getTrace().get(ID, false);

            assertThat(fetched.servedBy().kind()).isEqualTo(Provenance.Kind.BUNDLE);
            assertThat(first.builtSources()).extracting(source -> source.name()).isNotEmpty();
            assertThat(first.builtInjector()).isTrue();
            assertThat(first.injector().getInstance(FetchService.class)).isSameAs(first.local().fetch());
            assertThat(first.injector().getInstance(GetTraceUseCase.class)).isSameAs(first.useCases().getTrace());
        }
        try (Composition again = Composition.create(flags, Map.of(), home, Notices.silent())) {
            LoadedTrace stored = again.useCases().getTrace().get(ID, false);

            assertThat(stored.servedBy()).isEqualTo(Provenance.STORE);
            assertThat(again.builtSources()).isEmpty();
            assertThat(again.builtHttpClient()).as("HTTP client built for a store hit").isFalse();
            assertThat(again.builtInjector()).as("injector created for a store hit").isFalse();
        }
    }

    @Test
    void showListAndEvaluateNeedNoInjectorOffline() {
        Map<String, FlagValue> flags = Map.of(Configuration.HOME, new FlagValue(home.toString(), "--home"),
                "offline", new FlagValue("true", "--offline"));
        try (Composition composition = Composition.create(flags, Map.of(), home, Notices.silent())) {
            assertThat(composition.useCases().showTrace().show(ID).entry().id()).isEqualTo(ID);
            assertThat(composition.useCases().listTraces().list(RegistryQuery.all())).isNotEmpty();

            assertThat(composition.builtInjector()).isFalse();
        }
    }
}
