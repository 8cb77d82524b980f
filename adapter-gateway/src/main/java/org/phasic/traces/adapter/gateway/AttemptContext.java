package org.phasic.traces.adapter.gateway;

import java.io.InputStream;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.phasic.traces.ports.in.TransferProgress;

/**
 * What one gateway attempt shares between its requests: the gateway, the fetch deadline, its cancellable calls,
 * progress reporting, and when it last received anything (which drives hedging).
 */
final class AttemptContext {
    private final GatewayEndpoint gateway;
    private final HttpUrl base;
    private final Deadline deadline;
    private final CallGroup calls = new CallGroup();
    private final TransferProgress progress;
    private volatile long lastActivityNanos = System.nanoTime();

    AttemptContext(GatewayEndpoint gateway, Deadline deadline, TransferProgress progress) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.base = Objects.requireNonNull(HttpUrl.get(gateway.url().toString()));
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.progress = Objects.requireNonNull(progress, "progress");
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
