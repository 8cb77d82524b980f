package org.phasic.traces.adapter.ipfs.pinning;

import java.util.Locale;
import org.phasic.traces.domain.text.UntrustedText;

/** The status of a pin request, as the Pinning Service API defines it. */
public enum PinState {
    QUEUED, PINNING, PINNED, FAILED;

    /** The wire form, for example {@code pinning}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the request has reached {@code pinned} or {@code failed}. */
    public boolean isFinal() {
        return this == PINNED || this == FAILED;
    }

    static PinState fromApi(String text) {
        for (PinState state : values()) {
            if (state.apiName().equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown pin status '" + UntrustedText.printable(text)
                + "' (expected queued, pinning, pinned or failed)");
    }
}
