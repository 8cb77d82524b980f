package org.phasic.traces.adapter.gateway;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.AsyncTimeout;
import okio.BufferedSource;
import org.phasic.traces.domain.text.UntrustedText;

/**
 * GET requests to gateways with retries. Calls are enqueued on the client's dispatcher, which bounds the requests
 * (so connections) per host, and the body is handled on the dispatcher thread while the call still holds its slot.
 * A 429, a 5xx (but 501) or a dropped connection is retried with {@link RetryPolicy} backoff or the server's
 * {@code Retry-After}, within the fetch deadline; other statuses are not retried.
 */
final class GatewayHttp {

    /** Reads a 200 response. */
    @FunctionalInterface
    interface BodyHandler<T> {
        T handle(Response response) throws IOException;
    }

    /**
     * A handler's result that goes on reading the response after the handler returned: the response is left open,
     * and the owner must close it. From then on the call's overall timeout no longer applies (a long healthy body is
     * not cut at the fetch deadline); the client's read timeout still ends a body that stalls (see {@link #untimed}).
     */
    interface ResponseOwner {
        /** Releases the response, read or not (idempotent). */
        void release();
    }

    private static final int DETAIL_CHARS = 160;

    private final OkHttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    GatewayHttp(OkHttpClient client, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * GETs {@code url} with the {@code Accept} header, retrying as the class says, and hands a 200 to
     * {@code handler}.
     *
     * @throws NotFoundAtGatewayException for 404 and 410
     * @throws HttpStatusException        for other error statuses (retryable ones once retries are used up)
     * @throws InterruptedIOException     when the attempt was cancelled or a timeout struck
     */
    <T> T get(AttemptContext context, HttpUrl url, String accept, BodyHandler<T> handler) throws IOException {
        Request request = new Request.Builder().url(url).header("Accept", accept).get().build();
        for (int retry = 0; ; retry++) {
            context.calls().checkNotCancelled();
            IOException failure;
            try {
                return once(context, request, handler);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && !context.calls().cancelled() && context.deadline().expired()) {
                    InterruptedIOException late = new InterruptedIOException(request.url() + ": "
                            + context.deadline().describe() + " passed");
                    late.initCause(e);
                    throw late;
                }
                if (!retryable(e, context)) {
                    throw e;
                }
                failure = e;
            }
            if (retry >= policy.retries()) {
                throw new IOException(failure.getMessage() + " (gave up after " + retry + " retries)", failure);
            }
            sleepBeforeRetry(context, failure, retry);
        }
    }

    private void sleepBeforeRetry(AttemptContext context, IOException failure, int retry) throws IOException {
        Optional<Duration> asked = failure instanceof HttpStatusException status ? status.retryAfter() : Optional.empty();
        if (asked.isPresent() && asked.get().compareTo(policy.max()) > 0) {
            throw new IOException(failure.getMessage() + "; it asks to retry after " + Durations.text(asked.get())
                    + ", longer than the " + Durations.text(policy.max()) + " this tool waits", failure);
        }
        Duration wait = asked.orElseGet(() -> policy.backoff(retry));
        if (wait.compareTo(context.deadline().remaining()) >= 0) {
            throw new IOException(failure.getMessage() + "; no time left to retry within "
                    + context.deadline().describe(), failure);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("cancelled");
        }
    }

    private static boolean retryable(IOException e, AttemptContext context) {
        if (context.calls().cancelled() || context.deadline().expired()) {
            return false;
        }
        if (e instanceof HttpStatusException status) {
            return status.retryable();
        }
        return !(e instanceof NotTrustlessException || e instanceof NotFoundAtGatewayException
                || e instanceof InterruptedIOException || e instanceof UnknownHostException);
    }

    private <T> T once(AttemptContext context, Request request, BodyHandler<T> handler) throws IOException {
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, context.deadline().remainingNanos()), TimeUnit.NANOSECONDS);
        context.calls().add(call);
        CompletableFuture<T> result = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                T value;
                try {
                    context.activity(0);
                    value = handle(response, handler);
                } catch (Throwable t) {
                    response.close();
                    result.completeExceptionally(t);
                    return;
                }
                if (value instanceof ResponseOwner) {
                    untimed(done, response);
                } else {
                    response.close();
                }
                result.complete(value);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            call.cancel();
            result.thenAccept(GatewayHttp::release);
            throw new InterruptedIOException("cancelled");
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            context.calls().remove(call);
        }
    }

    /**
     * Ends the call's overall timeout for a response read on by its owner. Over HTTP/1 the per-read timeout goes too:
     * OkHttp arms it on a watchdog thread around every read of at most 8 KiB (a wake-up of that thread each time, a
     * fifth of the CPU a large body costs), and the socket's own read timeout, which OkHttp sets to the same value,
     * still ends a stall.
     */
    private static void untimed(Call call, Response response) {
        if (call.timeout() instanceof AsyncTimeout overall) {
            overall.exit();
        }
        if (response.protocol() == Protocol.HTTP_1_1 || response.protocol() == Protocol.HTTP_1_0) {
            response.body().source().timeout().clearTimeout();
        }
    }

    /** Releases a response nobody will read (its handler's result came too late). */
    private static void release(Object value) {
        if (value instanceof ResponseOwner owner) {
            owner.release();
        }
    }

    private <T> T handle(Response response, BodyHandler<T> handler) throws IOException {
        int code = response.code();
        if (code == 200) {
            return handler.handle(response);
        }
        String what = "HTTP " + code + " from " + response.request().url();
        if (code == 404 || code == 410) {
            throw new NotFoundAtGatewayException(what);
        }
        Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(response.header("Retry-After"), clock.instant());
        throw new HttpStatusException(what + detail(response.body()), code, retryAfter);
    }

    /** The start of a textual error body, for the message. */
    private static String detail(ResponseBody body) {
        MediaType type = body.contentType();
        if (type == null || !(type.type().equals("text") || type.subtype().contains("json"))) {
            return "";
        }
        try {
            BufferedSource source = body.source();
            source.request(DETAIL_CHARS);
            String text = source.getBuffer().readUtf8(Math.min(DETAIL_CHARS, source.getBuffer().size()));
            String clean = UntrustedText.printable(text.strip());
            return clean.isEmpty() ? "" : ": " + clean;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
