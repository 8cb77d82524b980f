package org.phasic.traces.adapter.cloud;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.InvalidSettingsException;
import org.phasic.traces.spi.Settings;

/**
 * Everything a {@link GcsBlobStore} needs. Start from {@link #of(String)} and refine with the
 * {@code with...} methods. {@link #toString()} never shows secrets.
 *
 * @param bucket the bucket, which must exist
 * @param prefix the object-name prefix inside the bucket ({@code ""} for none; a trailing '/' is dropped)
 * @param projectId the Google Cloud project; empty to take it from the credentials or environment
 * @param endpoint an endpoint override (an emulator), empty for Google Cloud Storage itself
 * @param credentials where credentials come from
 * @param resumableThreshold objects larger than this many bytes go up as resumable uploads;
 *     smaller ones in one request (held in memory while they go)
 * @param chunkSize the resumable upload chunk size, a positive multiple of {@link #CHUNK_GRANULARITY}
 */
public record GcsSettings(String bucket, String prefix, Optional<String> projectId, Optional<URI> endpoint,
                          GcsCredentials credentials, long resumableThreshold, int chunkSize) {

    /** Key of {@link #bucket()}. */
    public static final String BUCKET_KEY = "gcs.bucket";
    /** Key of {@link #prefix()}. */
    public static final String PREFIX = "gcs.prefix";
    /** Key of {@link #projectId()}. */
    public static final String PROJECT = "gcs.project";
    /** Key of {@link #endpoint()}. */
    public static final String ENDPOINT = "gcs.endpoint";
    /** Key of a service-account key file ({@link GcsCredentials.KeyFile}). */
    public static final String CREDENTIALS_FILE = "gcs.credentialsFile";
    /** Key of no credentials ({@link GcsCredentials.Anonymous}). */
    public static final String ANONYMOUS = "gcs.anonymous";

    /** Resumable chunks must be multiples of 256 KiB. */
    public static final int CHUNK_GRANULARITY = 256 * 1024;
    /** Default chunk size: 8 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
    /** Default resumable threshold: 16 MiB. */
    public static final long DEFAULT_RESUMABLE_THRESHOLD = 16L * 1024 * 1024;
    /** Largest resumable threshold (single uploads are staged in memory). */
    public static final long MAX_RESUMABLE_THRESHOLD = 1024L * 1024 * 1024;

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,99}");

    /** Validates every component. */
    public GcsSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("GCS bucket name '" + UntrustedText.printable(bucket)
                    + "' is invalid: 3 to 222 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit");
        }
        prefix = BlobKeys.requireValidPrefix(prefix);
        Objects.requireNonNull(projectId, "projectId").ifPresent(id -> {
            if (!PROJECT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("GCS project id '" + UntrustedText.printable(id) + "' is invalid");
            }
        });
        Objects.requireNonNull(endpoint, "endpoint").ifPresent(uri -> Endpoints.requireValid(uri, "GCS endpoint"));
        Objects.requireNonNull(credentials, "credentials");
        if (chunkSize <= 0 || chunkSize % CHUNK_GRANULARITY != 0) {
            throw new IllegalArgumentException("GCS chunk size must be a positive multiple of " + CHUNK_GRANULARITY
                    + " bytes, got " + chunkSize);
        }
        if (resumableThreshold < 1 || resumableThreshold > MAX_RESUMABLE_THRESHOLD) {
            throw new IllegalArgumentException("GCS resumable threshold must be between 1 and " + MAX_RESUMABLE_THRESHOLD
                    + " bytes, got " + resumableThreshold);
        }
    }


    /** The configuration keys of profile {@code gcs}, with their defaults. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of(BUCKET_KEY, ConfigKey.Type.STRING, null, "bucket of the private GCS mirror (profile gcs)")
                        .withCheck(new ConfigKey.Check(value -> BUCKET_NAME.matcher(value).matches(),
                                "3 to 222 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit")),
                ConfigKey.of(PREFIX, ConfigKey.Type.STRING, null, "object name prefix inside gcs.bucket")
                        .withCheck(S3Settings.PREFIX_CHECK),
                ConfigKey.of(PROJECT, ConfigKey.Type.STRING, null, "Google Cloud project of gcs.bucket")
                        .withCheck(new ConfigKey.Check(value -> PROJECT_ID.matcher(value).matches(), "a project id such as my-project")),
                ConfigKey.of(ENDPOINT, ConfigKey.Type.URL, null, "GCS JSON API endpoint (emulators); default Google's"),
                ConfigKey.of(CREDENTIALS_FILE, ConfigKey.Type.STRING, null,
                        "service-account key file (default: Application Default Credentials)"),
                ConfigKey.bool(ANONYMOUS, false, "no credentials (public buckets, local emulators)"));
    }

    /**
     * What {@code settings} say for the {@link #keys()}: no credentials, a key file, or Application Default
     * Credentials.
     *
     * @throws InvalidSettingsException naming what is wrong
     */
    public static GcsSettings from(Settings settings) {
        try {
            GcsSettings gcs = of(settings.require(BUCKET_KEY)).withPrefix(settings.find(PREFIX).orElse(""));
            Optional<String> project = settings.find(PROJECT);
            if (project.isPresent()) {
                gcs = gcs.withProjectId(project.get());
            }
            Optional<String> endpoint = settings.find(ENDPOINT);
            if (endpoint.isPresent()) {
                gcs = gcs.withEndpoint(URI.create(endpoint.get()));
            }
            Optional<String> keyFile = settings.find(CREDENTIALS_FILE);
            if (settings.flag(ANONYMOUS)) {
                gcs = gcs.withCredentials(new GcsCredentials.Anonymous());
            } else if (keyFile.isPresent()) {
                gcs = gcs.withCredentials(new GcsCredentials.KeyFile(Path.of(keyFile.get())));
            }
            return gcs;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("invalid GCS mirror setting: " + e.getMessage(),
                    "check the gcs.* keys with 'phasic-traces config show'");
        }
    }

    /** @return settings with Application Default Credentials, no prefix and default sizes */
    public static GcsSettings of(String bucket) {
        return new GcsSettings(bucket, "", Optional.empty(), Optional.empty(), new GcsCredentials.ApplicationDefault(),
                DEFAULT_RESUMABLE_THRESHOLD, DEFAULT_CHUNK_SIZE);
    }

    /** @return a copy with another object-name prefix */
    public GcsSettings withPrefix(String newPrefix) {
        return new GcsSettings(bucket, newPrefix, projectId, endpoint, credentials, resumableThreshold, chunkSize);
    }

    /** @return a copy for another project */
    public GcsSettings withProjectId(String newProjectId) {
        return new GcsSettings(bucket, prefix, Optional.of(newProjectId), endpoint, credentials, resumableThreshold, chunkSize);
    }

    /** @return a copy talking to another endpoint (an emulator) */
    public GcsSettings withEndpoint(URI newEndpoint) {
        return new GcsSettings(bucket, prefix, projectId, Optional.of(newEndpoint), credentials, resumableThreshold, chunkSize);
    }

    /** @return a copy with other credentials */
    public GcsSettings withCredentials(GcsCredentials newCredentials) {
        return new GcsSettings(bucket, prefix, projectId, endpoint, newCredentials, resumableThreshold, chunkSize);
    }

    /** @return a copy with another resumable threshold and chunk size */
    public GcsSettings withResumable(long newThreshold, int newChunkSize) {
        return new GcsSettings(bucket, prefix, projectId, endpoint, credentials, newThreshold, newChunkSize);
    }

    /** @return {@code gs://bucket/prefix}, plus the endpoint when overridden */
    public String location() {
        String base = "gs://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return endpoint.map(uri -> base + " at " + uri).orElse(base);
    }
}
