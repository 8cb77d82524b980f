package org.phasic.traces.adapter.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The copy of the live registry in the test resources. */
final class LiveRegistry {
    private LiveRegistry() {
    }

    static byte[] bytes() {
        try (InputStream in = LiveRegistry.class.getResourceAsStream("registry.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource registry.json is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
