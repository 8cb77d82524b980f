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

    /** Key of {@link #bucket()}. */
    public static final String BUCKET_KEY = "s3.bucket";
    /** Key of {@link #prefix()}. */
    public static final String PREFIX = "s3.prefix";
    /** Key of {@link #region()}. */
    public static final String REGION = "s3.region";
    /** Key of {@link #endpoint()}. */
    public static final String ENDPOINT = "s3.endpoint";
    /** Key of {@link #pathStyle()}. */
    public static final String PATH_STYLE = "s3.pathStyle";
    /** Key of the named AWS profile ({@link S3Credentials.Profile}). */
    public static final String PROFILE = "s3.profile";
    /** Key of the AWS shared credentials file of {@link #PROFILE}. */
    public static final String CREDENTIALS_FILE = "s3.credentialsFile";
    /** Key of the static access key id ({@link S3Credentials.StaticKeys}). */
    public static final String ACCESS_KEY_ID = "s3.accessKeyId";
    /** Key of the static secret access key. */
    public static final String SECRET_ACCESS_KEY = "s3.secretAccessKey";
    /** Key of unsigned requests ({@link S3Credentials.Anonymous}). */
    public static final String ANONYMOUS = "s3.anonymous";
    /** The region when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** The smallest part S3 accepts (except for the last part). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Default part size: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** Default multipart threshold: 16 MiB. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    /** Largest multipart threshold (single puts are staged in memory). */
    public static final long MAX_MULTIPART_THRESHOLD = 1024L * 1024 * 1024;

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** The check of {@code s3.prefix} and {@code gcs.prefix}. */
    static final ConfigKey.Check PREFIX_CHECK = ConfigKey.Check.by(BlobKeys::requireValidPrefix,
            "a relative path of letters, digits, '.', '_', '-' and '/', e.g. team/traces");

    /** Validates every component; messages never show secrets. */
    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("S3 bucket name '" + UntrustedText.printable(bucket)
                    + "' is invalid: 3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit");
        }
        prefix = BlobKeys.requireValidPrefix(prefix);
        Objects.requireNonNull(region, "region");
        if (!REGION_NAME.matcher(region).matches()) {
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

    /** The configuration keys of profile {@code s3}, with their defaults. */
    public static List<ConfigKey> keys() {
        return List.of(
                ConfigKey.of(BUCKET_KEY, ConfigKey.Type.STRING, null, "bucket of the private S3 mirror (profile s3)")
                        .withCheck(new ConfigKey.Check(value -> BUCKET_NAME.matcher(value).matches(),
                                "3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit")),
                ConfigKey.of(PREFIX, ConfigKey.Type.STRING, null, "key prefix inside s3.bucket, e.g. team/traces")
                        .withCheck(PREFIX_CHECK),
                ConfigKey.of(REGION, ConfigKey.Type.STRING, DEFAULT_REGION, "region of s3.bucket")
                        .withCheck(new ConfigKey.Check(value -> REGION_NAME.matcher(value).matches(), "a region such as us-east-1")),
                ConfigKey.of(ENDPOINT, ConfigKey.Type.URL, null,
                        "endpoint of an S3-compatible store (MinIO, Ceph, R2) instead of AWS"),
                ConfigKey.bool(PATH_STYLE, false, "path-style addressing (most S3-compatible stores need it)"),
                ConfigKey.of(PROFILE, ConfigKey.Type.STRING, null,
                        "named profile of the AWS shared files (default: the SDK's default credential chain)"),
                ConfigKey.of(CREDENTIALS_FILE, ConfigKey.Type.STRING, null, "AWS shared credentials file to read s3.profile from"),
                ConfigKey.secret(ACCESS_KEY_ID, "static access key id (S3-compatible stores; prefer s3.profile for AWS)"),
                ConfigKey.secret(SECRET_ACCESS_KEY, "static secret access key, with s3.accessKeyId"),
                ConfigKey.bool(ANONYMOUS, false, "unsigned requests (public buckets)"));
    }

    /**
     * What {@code settings} say for the {@link #keys()}: credentials from static keys, unsigned requests, a named AWS
     * profile, or else the SDK's default chain.
     *
     * @throws InvalidSettingsException naming what is wrong (never a secret)
     */
    public static S3Settings from(Settings settings) {
        try {
            S3Settings s3 = of(settings.require(BUCKET_KEY), settings.require(REGION))
                    .withPrefix(settings.find(PREFIX).orElse(""))
                    .withCredentials(credentials(settings));
            Optional<String> endpoint = settings.find(ENDPOINT);
            return endpoint.isPresent() ? s3.withEndpoint(URI.create(endpoint.get()), settings.flag(PATH_STYLE)) : s3;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("invalid S3 mirror setting: " + e.getMessage(),
                    "check the s3.* keys with 'phasic-traces config show'");
        }
    }

    private static S3Credentials credentials(Settings settings) {
        Optional<String> keyId = settings.find(ACCESS_KEY_ID);
        Optional<String> secret = settings.find(SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new InvalidSettingsException(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must be set together",
                    "set both, or neither to use s3.profile or the AWS default credential chain");
        }
        if (keyId.isPresent()) {
            return new S3Credentials.StaticKeys(Secret.of(keyId.get()), Secret.of(secret.get()));
        }
        if (settings.flag(ANONYMOUS)) {
            return new S3Credentials.Anonymous();
        }
        Optional<String> profile = settings.find(PROFILE);
        if (profile.isPresent()) {
            return new S3Credentials.Profile(profile.get(), settings.find(CREDENTIALS_FILE).map(Path::of));
        }
        return new S3Credentials.DefaultChain();
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
