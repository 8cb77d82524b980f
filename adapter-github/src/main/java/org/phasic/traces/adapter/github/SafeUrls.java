package org.phasic.traces.adapter.github;

import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.phasic.traces.domain.text.UntrustedText;

/** URL and text checks shared by this adapter's HTTP clients. */
final class SafeUrls {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    private SafeUrls() {
    }

    /**
     * {@code text} as an https URL, or http to 127.0.0.1/localhost only; no credentials inside.
     *
     * @param what what the URL is for, in messages ("registry URL")
     * @throws IllegalArgumentException saying what is wrong (credentials are never echoed)
     */
    static HttpUrl httpsOrLoopback(String text, String what) {
        Objects.requireNonNull(text, what);
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("invalid " + what + " '" + UntrustedText.printable(text) + "': expected an https:// URL");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new IllegalArgumentException(what + " must not contain credentials: "
                    + parsed.newBuilder().username("").password("").build());
        }
        if (parsed.scheme().equals("http") && !LOOPBACK.contains(parsed.host())) {
            throw new IllegalArgumentException(what + " " + parsed + " uses plain http; use https "
                    + "(http is accepted only for 127.0.0.1 and localhost)");
        }
        return parsed;
    }
}
