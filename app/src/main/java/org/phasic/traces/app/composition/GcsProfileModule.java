package org.phasic.traces.app.composition;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.phasic.traces.adapter.cloud.GcsBlobStoreFactory;
import org.phasic.traces.adapter.cloud.GcsCredentials;
import org.phasic.traces.adapter.cloud.GcsSettings;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;

/**
 * Profile {@code gcs}: a private mirror in a Google Cloud Storage bucket as a source of the fetch chain (see
 * {@link MirrorProfileModule}). Configured by the {@code gcs.*} keys; credentials come from a service-account key
 * file or Application Default Credentials.
 */
final class GcsProfileModule extends MirrorProfileModule {
    private final Configuration configuration;
    private final GcsSettings settings;

    /** Reads and checks the settings now, so a configuration error surfaces before any binding is made. */
    GcsProfileModule(Configuration configuration) {
        super(configuration);
        this.configuration = configuration;
        this.settings = readSettings();
    }

    @Override
    protected MirrorContentSource createMirror() throws IOException {
        return new MirrorContentSource(new GcsBlobStoreFactory().create(settings), true);
    }

    private GcsSettings readSettings() {
        try {
            GcsSettings settings = GcsSettings.of(configuration.require("gcs.bucket"))
                    .withPrefix(configuration.find("gcs.prefix").orElse(""));
            if (configuration.find("gcs.project").isPresent()) {
                settings = settings.withProjectId(configuration.require("gcs.project"));
            }
            if (configuration.find("gcs.endpoint").isPresent()) {
                settings = settings.withEndpoint(URI.create(configuration.require("gcs.endpoint")));
            }
            if (configuration.flag("gcs.anonymous")) {
                settings = settings.withCredentials(new GcsCredentials.Anonymous());
            } else if (configuration.find("gcs.credentialsFile").isPresent()) {
                settings = settings.withCredentials(new GcsCredentials.KeyFile(Path.of(configuration.require("gcs.credentialsFile"))));
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid GCS mirror setting: " + e.getMessage(),
                    "check the gcs.* keys with 'phasic-traces config show'");
        }
    }
}
