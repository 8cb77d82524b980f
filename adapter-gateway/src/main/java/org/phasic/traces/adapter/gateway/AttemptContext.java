package org.phasic.traces.adapter.gateway;

import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * What one gateway attempt shares between its requests: the gateway, the fetch deadline, its cancellable calls,
 * progress reporting, and when it last received anything (which drives hedging). An attempt whose content is still
 * arriving when it is handed out ({@link #streaming()}) reports how the transfer ended itself, through
 * {@link #streamEnded}.
 */
final class AttemptContext {

    /** Told how an attempt's transfer ended after its content was handed out while still arriving. */
    @FunctionalInterface
    interface StreamOutcome {
        /** @param failure why the content did not arrive complete and verified; null when it did */
        void ended(AttemptContext attempt, Throwable failure);
    }

    private final GatewayEndpoint gateway;
    private final HttpUrl base;
    private final Deadline deadline;
    private final CallGroup calls = new CallGroup();
    private final TransferProgress progress;
    private final StreamOutcome outcome;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean streaming;
    private final AtomicBoolean ended = new AtomicBoolean();

    AttemptContext(GatewayEndpoint gateway, Deadline deadline, TransferProgress progress) {
        this(gateway, deadline, progress, (attempt, failure) -> { });
    }

    AttemptContext(GatewayEndpoint gateway, Deadline deadline, TransferProgress progress, StreamOutcome outcome) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.base = Objects.requireNonNull(HttpUrl.get(gateway.url().toString()));
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** The attempt hands out content that is still arriving: its feed reports the outcome through {@link #streamEnded}. */
    void startStreaming() {
        streaming = true;
    }

    boolean streaming() {
        return streaming;
    }

    /** The streamed content arrived complete and verified ({@code failure} null), or failed; reported once. */
    void streamEnded(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            outcome.ended(this, failure);
        }
    }

    GatewayEndpoint gateway() {
        return gateway;
    }

    String name() {
        return gateway.toString();
    }

    /** {@code {gateway}/ipfs/}, to add the CID and path to. */
    HttpUrl.Builder ipfsUrl() {
        return base.newBuilder().addPathSegment("ipfs");
    }

    Deadline deadline() {
        return deadline;
    }

    CallGroup calls() {
        return calls;
    }

    /** The gateway sent something (headers or {@code bytes} of body). */
    void activity(long bytes) {
        lastActivityNanos = System.nanoTime();
        if (bytes > 0) {
            progress.bytesReceived(name(), bytes);
        }
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    void blockReceived(int size) {
        progress.blockReceived(name(), size);
    }

    /** {@code in}, counted against {@code budget} and reported as activity. */
    InputStream meter(InputStream in, ByteBudget budget) {
        return new ObservedInputStream(in) {
            @Override
            void observed(byte[] buffer, int offset, int length) {
                budget.take(length);
                activity(length);
            }
        };
    }
}
