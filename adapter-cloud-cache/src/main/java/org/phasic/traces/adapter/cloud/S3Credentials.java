package org.phasic.traces.adapter.cloud;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where an {@link S3BlobStore} gets its AWS credentials. Printing one never shows a secret. */
public sealed interface S3Credentials {

    /** @return the secrets this choice carries, for redaction */
    List<Secret> secrets();

    /**
     * The SDK's default provider chain: system properties, environment variables, web identity,
     * the shared {@code ~/.aws} files ({@code AWS_PROFILE}), container and instance roles.
     */
    record DefaultChain() implements S3Credentials {
        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }

    /**
     * A named profile of the shared credentials/config files.
     *
     * @param name the profile name, e.g. {@code mirror}
     * @param credentialsFile a credentials file to read instead of the default {@code ~/.aws} files
     */
    record Profile(String name, Optional<Path> credentialsFile) implements S3Credentials {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@+-]{1,64}");

        /** Validates the profile name. */
        public Profile {
            Objects.requireNonNull(name, "profile name");
            Objects.requireNonNull(credentialsFile, "credentialsFile");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("AWS profile name must match " + NAME.pattern());
            }
        }

        /** @return a profile of the default shared files */
        public static Profile named(String name) {
            return new Profile(name, Optional.empty());
        }

        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }

    /** Fixed keys, e.g. for MinIO or Ceph. Prefer a profile or the default chain for AWS. */
    record StaticKeys(Secret accessKeyId, Secret secretAccessKey) implements S3Credentials {
        /** Requires both keys. */
        public StaticKeys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public List<Secret> secrets() {
            return List.of(accessKeyId, secretAccessKey);
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + Secret.REDACTED + ", secretAccessKey=" + Secret.REDACTED + "]";
        }
    }

    /** Unsigned requests, for public buckets. */
    record Anonymous() implements S3Credentials {
        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }
}
