package org.phasic.traces.app.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.phasic.traces.app.bundle.BundledLibrary;

/** The bundled registry as plain JSON (read independently of the registry codec). */
final class BundledEntries {
    private BundledEntries() {
    }

    static ObjectNode registry() throws IOException {
        try (InputStream in = BundledEntries.class.getClassLoader().getResourceAsStream(BundledLibrary.REGISTRY_RESOURCE)) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    /** The bundled directory CID of {@code id}. */
    static String cid(String id) throws IOException {
        return registry().path("traces").path(id).path("cid").asText();
    }
}
