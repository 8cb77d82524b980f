package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.MirrorWriteBack;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;

/**
 * What every private-mirror profile binds: its mirror as a source of the fetch chain (tier {@code MIRROR}, before
 * daemons and gateways, and the target of {@code cache push/pull/ls}) and, with {@code cache.writeBack}, as a
 * {@link FetchListener} that copies traces fetched from other sources into it. The mirror is built once, on first
 * use.
 */
abstract class MirrorProfileModule extends AbstractModule {
    private final boolean writeBack;
    private MirrorContentSource mirror;

    MirrorProfileModule(Configuration configuration) {
        this.writeBack = Objects.requireNonNull(configuration, "configuration").flag("cache.writeBack");
    }

    /** Builds this profile's mirror from its (already checked) settings. */
    protected abstract MirrorContentSource createMirror() throws IOException;

    @Override
    protected final void configure() {
        Multibinder.newSetBinder(binder(), ContentSource.class).addBinding()
                .toProvider((Provider<ContentSource>) this::mirror);
        if (writeBack) {
            Multibinder.newSetBinder(binder(), FetchListener.class).addBinding()
                    .toProvider((Provider<FetchListener>) () -> new MirrorWriteBack(mirror()));
        }
    }

    private synchronized MirrorContentSource mirror() {
        if (mirror == null) {
            try {
                mirror = createMirror();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return mirror;
    }
}
