package org.phasic.traces.adapter.cloud;

import java.nio.file.Path;
import java.util.Objects;

/** Where a {@link GcsBlobStore} gets its Google credentials. Printing one never shows a secret. */
public sealed interface GcsCredentials {

    /**
     * Application Default Credentials: {@code GOOGLE_APPLICATION_CREDENTIALS}, the gcloud user
     * credentials, or the metadata server on Google Cloud.
     */
    record ApplicationDefault() implements GcsCredentials {
    }

    /**
     * A service-account key file (JSON). Only its path is kept; its contents are read when the
     * store is built and never appear in messages.
     */
    record KeyFile(Path path) implements GcsCredentials {
        /** Requires a path. */
        public KeyFile {
            Objects.requireNonNull(path, "key file path");
        }
    }

    /** No credentials, for public buckets and local emulators. */
    record Anonymous() implements GcsCredentials {
    }
}
