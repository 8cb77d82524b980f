package org.phasic.traces.adapter.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Turns transport failures into one-line messages that say what failed, where, and what to try. */
final class HttpFailures {
    private HttpFailures() {
    }

    /** An IOException describing why {@code url} could not be reached. */
    static IOException unreachable(String what, HttpUrl url, IOException cause, HttpSettings settings) {
        String reason;
        if (cause instanceof UnknownHostException) {
            reason = "unknown host " + url.host() + ". Hint: check the network connection and the host name";
        } else if (cause instanceof ConnectException) {
            reason = "connection refused by " + url.host() + ":" + url.port() + ". Hint: check the network connection and the URL";
        } else if (cause instanceof SocketTimeoutException && isConnectTimeout(cause)) {
            reason = "no connection within " + HttpSettings.show(settings.connectTimeout())
                    + " (connect timeout). Hint: check the network connection, or work offline";
        } else if (cause instanceof SocketTimeoutException) {
            reason = "no answer within " + HttpSettings.show(settings.readTimeout()) + " (read timeout). Hint: try again later";
        } else if (cause instanceof SSLException) {
            reason = "TLS failed: " + cause.getMessage() + ". Hint: check the system clock and any proxy intercepting HTTPS";
        } else {
            reason = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return new IOException("cannot " + what + " " + url + ": " + reason, cause);
    }

    private static boolean isConnectTimeout(IOException cause) {
        String message = cause.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    /**
     * The body of {@code response}, refused when it is larger than {@code maxBytes}; a transport failure while
     * reading is described as by {@link #unreachable}.
     */
    static byte[] boundedBody(Response response, long maxBytes, String what, HttpUrl url, HttpSettings settings) throws IOException {
        return boundedBody(response, maxBytes, what, url, settings, "check the URL points at the right document");
    }

    /** {@link #boundedBody(Response, long, String, HttpUrl, HttpSettings)} with {@code hint} when the body is too large. */
    static byte[] boundedBody(Response response, long maxBytes, String what, HttpUrl url, HttpSettings settings, String hint)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copyBody(response, bytes, maxBytes, what, url, settings, hint);
        return bytes.toByteArray();
    }

    /**
     * Copies the body of {@code response} to {@code sink} as it arrives, refusing it (with {@code hint}) as soon as it
     * is larger than {@code maxBytes}; a transport failure while reading is described as by {@link #unreachable}, a
     * failure to write to {@code sink} is passed on as it is.
     *
     * @return the number of bytes copied
     */
    static long copyBody(Response response, OutputStream sink, long maxBytes, String what, HttpUrl url, HttpSettings settings,
                         String hint) throws IOException {
        ResponseBody body = response.body();
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(response, declared, maxBytes, what, hint);
        }
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = body.byteStream()) {
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw unreachable("read " + what, url, e, settings);
                }
                if (read < 0) {
                    return total;
                }
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(response, -1, maxBytes, what, hint);
                }
                sink.write(buffer, 0, read);
            }
        }
    }

    private static IOException tooLarge(Response response, long declared, long maxBytes, String what, String hint) {
        String size = declared >= 0 ? declared + " bytes" : "more than " + maxBytes + " bytes";
        return new IOException(what + " " + response.request().url() + " is too large: " + size + ", the limit is "
                + maxBytes + " bytes. Hint: " + hint);
    }
}
