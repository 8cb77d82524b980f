package org.phasic.traces.adapter.cloud;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobKeys;

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

    /** Resumable chunks must be multiples of 256 KiB. */
    public static final int CHUNK_GRANULARITY = 256 * 1024;
    /** Default chunk size: 8 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
    /** Default resumable threshold: 16 MiB. */
    public static final long DEFAULT_RESUMABLE_THRESHOLD = 16L * 1024 * 1024;
    /** Largest resumable threshold (single uploads are staged in memory). */
    public static final long MAX_RESUMABLE_THRESHOLD = 1024L * 1024 * 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,99}");

    /** Validates every component. */
    public GcsSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("GCS bucket name '" + UntrustedText.printable(bucket)
                    + "' is invalid: 3 to 222 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit");
        }
        prefix = BlobKeys.requireValidPrefix(prefix);
        Objects.requireNonNull(projectId, "projectId").ifPresent(id -> {
            if (!PROJECT.matcher(id).matches()) {
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
