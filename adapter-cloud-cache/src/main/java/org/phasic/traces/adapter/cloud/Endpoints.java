package org.phasic.traces.adapter.cloud;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** Validation of endpoint overrides shared by the cloud settings. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * @return {@code endpoint} if it is an absolute http(s) URI with a host and without user info,
     *     query or fragment (user info would put credentials into messages)
     */
    static URI requireValid(URI endpoint, String what) {
        Objects.requireNonNull(endpoint, what);
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " must be an http or https URL");
        }
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not contain user info; configure credentials instead");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException(what + " has no host: " + endpoint);
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must not have a query or fragment: "
                    + endpoint.getScheme() + "://" + endpoint.getRawAuthority() + endpoint.getRawPath());
        }
        return endpoint;
    }
}
