package org.phasic.traces.adapter.gateway;

import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/** The HTTP calls of one gateway attempt, cancelled together when the attempt loses the race or runs out of time. */
final class CallGroup {
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private Thread worker;

    /**
     * The thread running the attempt, interrupted on {@link #cancel()} (e.g. while it waits to retry); null when
     * the attempt ends, so a pooled thread is never interrupted for an attempt it no longer runs.
     */
    synchronized void runningOn(Thread thread) {
        worker = thread;
        if (cancelled && thread != null) {
            thread.interrupt();
        }
    }

    void add(Call call) {
        calls.add(call);
        if (cancelled) {
            call.cancel();
        }
    }

    void remove(Call call) {
        calls.remove(call);
    }

    void cancel() {
        cancelled = true;
        calls.forEach(Call::cancel);
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    void checkNotCancelled() throws InterruptedIOException {
        if (cancelled) {
            throw new InterruptedIOException("cancelled");
        }
    }
}
