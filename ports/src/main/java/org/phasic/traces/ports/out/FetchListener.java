package org.phasic.traces.ports.out;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.phasic.traces.domain.registry.TraceId;

/**
 * Told about every trace the fetch chain fetched from a {@link ContentSource}, verified and stored (not about
 * local-store hits); for example to copy it into a private mirror ({@code cache.writeBack}). A listener's
 * failure never fails the fetch: the fetch service reports it as a notice.
 */
@FunctionalInterface
public interface FetchListener {

    /** Does nothing. */
    FetchListener NONE = (id, rootCid, source) -> { };

    /**
     * Trace {@code id}, directory {@code rootCid}, was just fetched from {@code source}, verified and stored.
     *
     * @throws IOException if what the listener does with it fails
     */
    void fetched(TraceId id, String rootCid, ContentSource source) throws IOException;

    /** @return a listener telling each of {@code listeners} in turn; the first failure is rethrown after all ran */
    static FetchListener all(Collection<? extends FetchListener> listeners) {
        List<FetchListener> copy = List.copyOf(listeners);
        return (id, rootCid, source) -> {
            IOException first = null;
            for (FetchListener listener : copy) {
                try {
                    listener.fetched(id, rootCid, source);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
