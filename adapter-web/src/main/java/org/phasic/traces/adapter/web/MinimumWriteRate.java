package org.phasic.traces.adapter.web;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts off a client that reads a response slower than a minimum rate: each write checks the bytes of this response so
 * far against the time since its first write (after a one-second grace), and fails when the average is lower; a client
 * that stops reading altogether is left to the idle timeout. (Jetty's own minimum-rate handler divides the bytes of
 * every response the server ever wrote, and its product with 10^9 overflows after some 9 GB: from then on every write
 * of every response fails.)
 */
final class MinimumWriteRate extends Handler.Wrapper {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long bytesPerSecond;

    MinimumWriteRate(Handler handler, long bytesPerSecond) {
        super(handler);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, new Measured(request, response), callback);
    }

    /** Whether {@code bytes} written in {@code elapsedNanos} are slower than {@code bytesPerSecond} (no overflow). */
    static boolean tooSlow(long bytes, long elapsedNanos, long bytesPerSecond) {
        if (elapsedNanos <= GRACE_NANOS) {
            return false;
        }
        double seconds = elapsedNanos / 1e9;
        return bytes < bytesPerSecond * seconds;
    }

    private final class Measured extends Response.Wrapper {
        private long firstWrite;
        private long bytes;

        Measured(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            long now = NanoTime.now();
            if (firstWrite == 0) {
                firstWrite = now;
            } else if (tooSlow(bytes, NanoTime.elapsed(firstWrite, now), bytesPerSecond)) {
                callback.failed(new TimeoutException("write rate is too low"));
                return;
            }
            bytes += content == null ? 0 : content.remaining();
            super.write(last, content, callback);
        }
    }
}
