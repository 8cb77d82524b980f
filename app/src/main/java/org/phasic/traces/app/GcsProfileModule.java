package org.phasic.traces.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.phasic.traces.adapter.cloud.GcsBlobStoreFactory;
import org.phasic.traces.adapter.cloud.GcsCredentials;
import org.phasic.traces.adapter.cloud.GcsSettings;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.MirrorWriteBack;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;
import org.phasic.traces.ports.out.ContentSource;
import org.phasic.traces.ports.out.FetchListener;

/**
 * Profile {@code gcs}: a private mirror in a Google Cloud Storage bucket as a source of the fetch chain,
 * before daemons and gateways, and the target of {@code cache push/pull/ls};
 * with {@code cache.writeBack}, traces fetched from other sources are copied into it. Configured by the {@code gcs.*}
 * keys; credentials come from a service-account key file or Application Default Credentials.
 */
final class GcsProfileModule extends AbstractModule {
    private final Configuration configuration;
    private final GcsSettings settings;

    /** Reads and checks the settings now, so a configuration error surfaces before any binding is made. */
    GcsProfileModule(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.settings = readSettings();
    }

    @Provides
    @Singleton
    @Named("gcs")
    MirrorContentSource gcsMirror() throws IOException {
        return new MirrorContentSource(new GcsBlobStoreFactory().create(settings), true);
    }

    @ProvidesIntoSet
    ContentSource gcsSource(@Named("gcs") MirrorContentSource mirror) {
        return mirror;
    }

    @ProvidesIntoSet
    FetchListener gcsWriteBack(@Named("gcs") MirrorContentSource mirror) {
        return configuration.flag("cache.writeBack") ? new MirrorWriteBack(mirror) : FetchListener.NONE;
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
