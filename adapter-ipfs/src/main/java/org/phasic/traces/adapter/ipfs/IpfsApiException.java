package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed call to the IPFS (Kubo) RPC API. The message always names the call (for example
 * {@code cat}) and says what went wrong; {@link #kind()} tells callers how to react.
 */
public final class IpfsApiException extends IOException {

    /** What went wrong. */
    public enum Kind {
        /** The API answered with a non-2xx status (usually HTTP 500 with a JSON {@code {Message, Code}}). */
        HTTP_ERROR,
        /** The API answered 200 and then reported an error in the {@code X-Stream-Error} trailer or in-band. */
        STREAM_ERROR,
        /** The call did not finish within its timeout. */
        TIMEOUT,
        /** Nothing accepted the connection at the API address. */
        UNREACHABLE,
        /** The connection broke or the answer could not be understood. */
        IO
    }

    private final String call;
    private final Kind kind;
    private final Integer httpStatus;

    public IpfsApiException(String call, Kind kind, Integer httpStatus, String detail, Throwable cause) {
        super("IPFS API call '" + call + "' " + describe(kind, httpStatus) + ": " + detail, cause);
        this.call = Objects.requireNonNull(call, "call");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
    }

    public IpfsApiException(String call, Kind kind, String detail) {
        this(call, kind, null, detail, null);
    }

    private static String describe(Kind kind, Integer httpStatus) {
        return switch (kind) {
            case HTTP_ERROR -> "failed with HTTP " + httpStatus;
            case STREAM_ERROR -> "failed while streaming its answer";
            case TIMEOUT -> "timed out";
            case UNREACHABLE -> "could not connect";
            case IO -> "failed";
        };
    }

    /** The RPC call, for example {@code pin/add}. */
    public String call() {
        return call;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status when the API answered with an error status. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
