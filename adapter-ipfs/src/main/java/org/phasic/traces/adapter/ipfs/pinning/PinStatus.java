package org.phasic.traces.adapter.ipfs.pinning;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pin request as the service reports it.
 *
 * @param requestId the service's id for the request (used to poll or remove it)
 * @param status    queued, pinning, pinned or failed
 * @param created   when the request was created (ISO 8601, as sent)
 * @param pin       what is pinned
 * @param delegates multiaddrs of the service's peers
 * @param info      additional status information (for example why it failed)
 */
public record PinStatus(String requestId, PinState status, String created, Pin pin, List<String> delegates,
                        Map<String, String> info) {

    public PinStatus {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(pin, "pin");
        delegates = List.copyOf(delegates);
        info = Map.copyOf(info);
    }
}
