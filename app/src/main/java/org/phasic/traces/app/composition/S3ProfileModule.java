package org.phasic.traces.app.composition;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.S3BlobStoreFactory;
import org.phasic.traces.adapter.cloud.S3Credentials;
import org.phasic.traces.adapter.cloud.S3Settings;
import org.phasic.traces.adapter.cloud.Secret;
import org.phasic.traces.app.config.ConfigException;
import org.phasic.traces.app.config.Configuration;

/**
 * Profile {@code s3}: a private mirror in an S3 bucket (AWS or any S3-compatible store) as a source of the
 * fetch chain (see {@link MirrorProfileModule}). Configured by the {@code s3.*} keys; credentials come from static
 * keys, a named AWS profile, or the SDK's default chain.
 */
final class S3ProfileModule extends MirrorProfileModule {
    private final Configuration configuration;
    private final S3Settings settings;

    /** Reads and checks the settings now, so a configuration error surfaces before any binding is made. */
    S3ProfileModule(Configuration configuration) {
        super(configuration);
        this.configuration = configuration;
        this.settings = readSettings();
    }

    @Override
    protected MirrorContentSource createMirror() {
        return new MirrorContentSource(new S3BlobStoreFactory().create(settings), true);
    }

    private S3Settings readSettings() {
        try {
            S3Settings settings = S3Settings.of(configuration.require("s3.bucket"), configuration.require("s3.region"))
                    .withPrefix(configuration.find("s3.prefix").orElse(""))
                    .withCredentials(credentials());
            Optional<String> endpoint = configuration.find("s3.endpoint");
            return endpoint.isPresent()
                    ? settings.withEndpoint(URI.create(endpoint.get()), configuration.flag("s3.pathStyle"))
                    : settings;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid S3 mirror setting: " + e.getMessage(),
                    "check the s3.* keys with 'phasic-traces config show'");
        }
    }

    private S3Credentials credentials() {
        Optional<String> keyId = configuration.find("s3.accessKeyId");
        Optional<String> secret = configuration.find("s3.secretAccessKey");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ConfigException("s3.accessKeyId and s3.secretAccessKey must be set together",
                    "set both, or neither to use s3.profile or the AWS default credential chain");
        }
        if (keyId.isPresent()) {
            return new S3Credentials.StaticKeys(Secret.of(keyId.get()), Secret.of(secret.get()));
        }
        if (configuration.flag("s3.anonymous")) {
            return new S3Credentials.Anonymous();
        }
        Optional<String> profile = configuration.find("s3.profile");
        if (profile.isPresent()) {
            return new S3Credentials.Profile(profile.get(), configuration.find("s3.credentialsFile").map(Path::of));
        }
        return new S3Credentials.DefaultChain();
    }
}
