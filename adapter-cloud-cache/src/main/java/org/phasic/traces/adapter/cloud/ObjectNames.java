package org.phasic.traces.adapter.cloud;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;

/** Maps blob keys to object names under a store prefix and back. */
final class ObjectNames {

    static final Comparator<BlobInfo> BY_KEY = Comparator.comparing(BlobInfo::key);

    private ObjectNames() {
    }

    /** @return {@code <prefix>/<key>} after validating the key and the total length */
    static String objectName(String prefix, String key) {
        BlobKeys.requireValidKey(key);
        String name = BlobKeys.join(prefix, key);
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > BlobKeys.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("blob key '" + key + "' with prefix '" + prefix + "' is " + bytes
                    + " bytes long; at most " + BlobKeys.MAX_KEY_BYTES + " are allowed");
        }
        return name;
    }

    /**
     * @param strip the prefix to remove ({@code "<prefix>/"} or {@code ""})
     * @return the key of a listed object, empty for objects whose names are not valid keys
     *     (written by other tools), which listings skip
     */
    static Optional<String> keyOf(String objectName, String strip) {
        if (!objectName.startsWith(strip)) {
            return Optional.empty();
        }
        String key = objectName.substring(strip.length());
        try {
            return Optional.of(BlobKeys.requireValidKey(key));
        } catch (IllegalArgumentException foreign) {
            return Optional.empty();
        }
    }
}
