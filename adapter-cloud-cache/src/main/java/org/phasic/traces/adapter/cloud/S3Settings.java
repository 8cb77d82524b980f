package org.phasic.traces.adapter.cloud;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobKeys;

/**
 * Everything an {@link S3BlobStore} needs. Start from {@link #of(String, String)} and refine with
 * the {@code with...} methods. {@link #toString()} never shows secrets.
 *
 * @param bucket the bucket, which must exist
 * @param prefix the key prefix inside the bucket ({@code ""} for none; a trailing '/' is dropped)
 * @param region the signing region, e.g. {@code eu-north-1} ({@code us-east-1} for most
 *     S3-compatible stores)
 * @param endpoint an endpoint override for S3-compatible stores (MinIO, Ceph, R2), empty for AWS
 * @param pathStyle address the bucket as {@code endpoint/bucket} instead of {@code bucket.endpoint}
 *     (most S3-compatible stores need it)
 * @param credentials where credentials come from
 * @param multipartThreshold objects larger than this many bytes go up as multipart uploads;
 *     smaller ones in one request (held in memory while they go)
 * @param partSize the multipart part size, at least {@link #MIN_PART_SIZE}; raised automatically
 *     when an object would need more than 10,000 parts
 */
public record S3Settings(String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle,
                         S3Credentials credentials, long multipartThreshold, long partSize) {

    /** The smallest part S3 accepts (except for the last part). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Default part size: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** Default multipart threshold: 16 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    /** Largest multipart threshold (single puts are staged in memory). */
    public static final long MAX_MULTIPART_THRESHOLD = 1024L * 1024 * 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** Validates every component; messages never show secrets. */
    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("S3 bucket name '" + UntrustedText.printable(bucket)
                    + "' is invalid: 3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit");
        }
        prefix = BlobKeys.requireValidPrefix(prefix);
        Objects.requireNonNull(region, "region");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("S3 region '" + UntrustedText.printable(region) + "' is invalid, e.g. us-east-1");
        }
        Objects.requireNonNull(endpoint, "endpoint").ifPresent(uri -> Endpoints.requireValid(uri, "S3 endpoint"));
        Objects.requireNonNull(credentials, "credentials");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be at least " + MIN_PART_SIZE + " bytes, got " + partSize);
        }
        if (multipartThreshold < 1 || multipartThreshold > MAX_MULTIPART_THRESHOLD) {
            throw new IllegalArgumentException("S3 multipart threshold must be between 1 and " + MAX_MULTIPART_THRESHOLD
                    + " bytes, got " + multipartThreshold);
        }
    }

    /** @return settings for AWS S3 with the default credential chain, no prefix and default sizes */
    public static S3Settings of(String bucket, String region) {
        return new S3Settings(bucket, "", region, Optional.empty(), false, new S3Credentials.DefaultChain(),
                DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /** @return a copy with another key prefix */
    public S3Settings withPrefix(String newPrefix) {
        return new S3Settings(bucket, newPrefix, region, endpoint, pathStyle, credentials, multipartThreshold, partSize);
    }

    /** @return a copy talking to an S3-compatible endpoint, with path-style addressing on or off */
    public S3Settings withEndpoint(URI newEndpoint, boolean newPathStyle) {
        return new S3Settings(bucket, prefix, region, Optional.of(newEndpoint), newPathStyle, credentials,
                multipartThreshold, partSize);
    }

    /** @return a copy with other credentials */
    public S3Settings withCredentials(S3Credentials newCredentials) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, newCredentials, multipartThreshold, partSize);
    }

    /** @return a copy with another multipart threshold and part size */
    public S3Settings withMultipart(long newThreshold, long newPartSize) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, credentials, newThreshold, newPartSize);
    }

    /** @return {@code s3://bucket/prefix}, plus the endpoint when overridden */
    public String location() {
        String base = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        return endpoint.map(uri -> base + " at " + uri).orElse(base);
    }
}
