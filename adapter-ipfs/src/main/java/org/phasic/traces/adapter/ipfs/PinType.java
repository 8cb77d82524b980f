package org.phasic.traces.adapter.ipfs;

import java.util.Locale;

/** Which local pins {@code pin/ls} lists. */
public enum PinType {
    ALL, DIRECT, INDIRECT, RECURSIVE;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
