package org.phasic.traces.app.composition;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.out.PrivateMirror;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.InvalidSettingsException;

/**
 * What the active profile plugins contributed, as a Guice module: each contribution joins its port's set binding,
 * built on first use, once.
 */
final class Contributed extends AbstractModule implements Contributions {
    private final List<Supplier<? extends ContentSource>> sources = new ArrayList<>();
    private final List<Supplier<? extends FetchListener>> listeners = new ArrayList<>();
    private final List<Supplier<? extends PrivateMirror>> mirrors = new ArrayList<>();

    private final List<ContentSource> built = new ArrayList<>();

    @Override
    public void contentSource(Supplier<? extends ContentSource> source) {
        sources.add(Contributions.once(() -> {
            ContentSource made = source.get();
            synchronized (built) {
                built.add(made);
            }
            return made;
        }));
    }

    /** The contributed sources built so far (those to close). */
    List<ContentSource> builtSources() {
        synchronized (built) {
            return List.copyOf(built);
        }
    }

    @Override
    public void fetchListener(Supplier<? extends FetchListener> listener) {
        listeners.add(Contributions.once(listener));
    }

    @Override
    public void privateMirror(Supplier<? extends PrivateMirror> mirror) {
        mirrors.add(Contributions.once(mirror));
    }

    @Override
    protected void configure() {
        Multibinder<ContentSource> sourceSet = Multibinder.newSetBinder(binder(), ContentSource.class);
        sources.forEach(source -> sourceSet.addBinding().toProvider(provider(source)));
        Multibinder<FetchListener> listenerSet = Multibinder.newSetBinder(binder(), FetchListener.class);
        listeners.forEach(listener -> listenerSet.addBinding().toProvider(provider(listener)));
        Multibinder<PrivateMirror> mirrorSet = Multibinder.newSetBinder(binder(), PrivateMirror.class);
        mirrors.forEach(mirror -> mirrorSet.addBinding().toProvider(provider(mirror)));
    }

    private static <T> Provider<T> provider(Supplier<? extends T> supplier) {
        return () -> {
            try {
                return supplier.get();
            } catch (InvalidSettingsException e) {
                throw ConfigException.of(e);
            }
        };
    }
}
