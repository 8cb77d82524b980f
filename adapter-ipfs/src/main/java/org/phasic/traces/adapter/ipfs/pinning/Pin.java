package org.phasic.traces.adapter.ipfs.pinning;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.phasic.traces.adapter.ipfs.CidText;

/**
 * What to pin.
 *
 * @param cid     the content to pin
 * @param name    an optional human-readable name (at most 255 characters)
 * @param origins multiaddrs of peers known to have the content
 * @param meta    optional string metadata for the service
 */
public record Pin(String cid, Optional<String> name, List<String> origins, Map<String, String> meta) {

    public Pin {
        CidText.requireCid(cid);
        Objects.requireNonNull(name, "name");
        name.ifPresent(n -> {
            if (n.length() > 255) {
                throw new IllegalArgumentException("pin name longer than 255 characters");
            }
        });
        origins = List.copyOf(origins);
        meta = Map.copyOf(meta);
    }

    /** A pin of {@code cid} with a name and nothing else. */
    public static Pin of(String cid, String name) {
        return new Pin(cid, Optional.of(name), List.of(), Map.of());
    }
}
