package org.phasic.traces.spi;

import java.util.Objects;
import java.util.function.Supplier;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;
import org.phasic.traces.ports.out.PrivateMirror;

/**
 * What an active profile adds to the outbound ports. Suppliers are called at most once, when the port is first
 * needed (so {@code list} never builds a cloud client or starts a daemon), and their results are shared.
 */
public interface Contributions {

    /** Adds a source to the fetch chain (ordered by {@link ContentSource#order()}). */
    void contentSource(Supplier<? extends ContentSource> source);

    /** Adds a listener told about every trace the fetch chain committed. */
    void fetchListener(Supplier<? extends FetchListener> listener);

    /** Adds a private mirror that {@code cache push/pull/ls} work on (usually also contributed as a content source). */
    void privateMirror(Supplier<? extends PrivateMirror> mirror);

    /** {@code supplier}, called at most once and its result remembered (for an object several contributions share). */
    static <T> Supplier<T> once(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = Objects.requireNonNull(supplier.get(), "supplied value");
                }
                return value;
            }
        };
    }
}
