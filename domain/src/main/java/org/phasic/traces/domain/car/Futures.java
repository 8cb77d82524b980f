package org.phasic.traces.domain.car;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the threads that read and hash CAR sections. */
final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code future}, its failure rethrown as it was (an unchecked one, an error or an I/O failure; any
     * other wrapped in an {@link IOException}). An interrupt does not stop the wait (the thread's interrupt status is
     * kept): the work is never cancelled by interrupting it, which would close the file channel it reads.
     */
    static <T> T await(Future<T> future) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
