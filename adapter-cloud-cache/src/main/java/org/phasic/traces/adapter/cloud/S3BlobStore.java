package org.phasic.traces.adapter.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phasic.traces.domain.io.Sha256;
import org.phasic.traces.domain.text.UntrustedText;
import org.phasic.traces.ports.out.BlobInfo;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobNotFoundException;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;
import org.phasic.traces.ports.out.BlobStreams;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A {@link BlobStore} in an S3 bucket (AWS or any S3-compatible store), through the AWS SDK v2
 * synchronous client.
 *
 * <p>Objects are named {@code <prefix>/<key>} and carry their SHA-256 as user metadata
 * {@code x-amz-meta-}{@value #SHA256_METADATA}. Objects up to the multipart threshold go up in one
 * {@code PutObject} whose {@code x-amz-checksum-sha256} is that same digest, so S3 itself rejects
 * a body damaged in transit. Larger objects go up as multipart uploads with a CRC32 per part,
 * from a temporary copy so each part can be retried; a failed multipart upload is aborted and
 * leaves no object. Downloads ask for checksum validation and are verified against the recorded
 * SHA-256.
 */
public final class S3BlobStore implements BlobStore {

    /** The user-metadata name of the recorded SHA-256 (sent as {@code x-amz-meta-sha256}). */
    public static final String SHA256_METADATA = "sha256";

    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final S3Settings settings;
    private final Redactor redactor;

    /**
     * @param s3 a client configured for {@code settings} (see {@link S3BlobStoreFactory}); closed
     *     with this store
     * @param settings the bucket, prefix and multipart sizes
     */
    public S3BlobStore(S3Client s3, S3Settings settings) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.redactor = new Redactor(settings.credentials().secrets());
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length) throws IOException {
        String name = objectName(key);
        try (StagedContent staged = StagedContent.stage(content, length, key, settings.multipartThreshold())) {
            if (length <= settings.multipartThreshold()) {
                putSingle(name, staged);
            } else {
                putMultipart(key, name, staged);
            }
            return BlobInfo.of(key, length, staged.sha256());
        } catch (SdkException e) {
            throw failure("upload", key, e);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        String name = objectName(key);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
                    .bucket(settings.bucket()).key(name).checksumMode(ChecksumMode.ENABLED).build());
            GetObjectResponse response = in.response();
            return BlobStreams.verifying(in, info(key, response.contentLength(), response.metadata()));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(location(), key);
        } catch (SdkException e) {
            throw failure("download", key, e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        String name = objectName(key);
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(name).build());
            return Optional.of(info(key, head.contentLength(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("stat", key, e);
        } catch (SdkException e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public List<BlobInfo> list(String keyPrefix) throws IOException {
        BlobKeys.requireValidListPrefix(keyPrefix);
        String namePrefix = settings.prefix().isEmpty() ? keyPrefix : settings.prefix() + "/" + keyPrefix;
        String strip = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        List<BlobInfo> result = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(settings.bucket()).prefix(namePrefix).build()).contents()) {
                ObjectNames.keyOf(object.key(), strip)
                        .ifPresent(key -> result.add(BlobInfo.withoutChecksum(key, object.size())));
            }
        } catch (SdkException e) {
            throw failure("list", keyPrefix, e);
        }
        result.sort(ObjectNames.BY_KEY);
        return result;
    }

    @Override
    public void delete(String key) throws IOException {
        String name = objectName(key);
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(name));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location() {
        return settings.location();
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + location() + "]";
    }

    private void putSingle(String name, StagedContent staged) {
        s3.putObject(PutObjectRequest.builder()
                        .bucket(settings.bucket()).key(name)
                        .contentLength(staged.length())
                        .metadata(Map.of(SHA256_METADATA, staged.sha256()))
                        .checksumSHA256(base64(staged.sha256()))
                        .build(),
                RequestBody.fromBytes(staged.bytes()));
    }

    private void putMultipart(String key, String name, StagedContent staged) throws IOException {
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder()
                .bucket(settings.bucket()).key(name)
                .metadata(Map.of(SHA256_METADATA, staged.sha256()))
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .build()).uploadId();
        try {
            List<CompletedPart> parts = uploadParts(name, uploadId, staged);
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(settings.bucket()).key(name).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts))
                    .build());
        } catch (IOException | RuntimeException e) {
            abort(name, uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String name, String uploadId, StagedContent staged) throws IOException {
        long partSize = Math.max(settings.partSize(), ceilDiv(staged.length(), MAX_PARTS));
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < staged.length(); offset += partSize) {
            int number = parts.size() + 1;
            byte[] part = staged.slice(offset, (int) Math.min(partSize, staged.length() - offset));
            UploadPartResponse response = s3.uploadPart(UploadPartRequest.builder()
                            .bucket(settings.bucket()).key(name).uploadId(uploadId)
                            .partNumber(number).contentLength((long) part.length)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                            .build(),
                    RequestBody.fromBytes(part));
            parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32()).build());
        }
        return parts;
    }

    private void abort(String name, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .bucket(settings.bucket()).key(name).uploadId(uploadId).build());
        } catch (SdkException | UncheckedIOException abortFailure) {
            if (redactor.safeCause(abortFailure) != null) {
                cause.addSuppressed(abortFailure);
            }
        }
    }

    private BlobInfo info(String key, Long size, Map<String, String> metadata) {
        String sha256 = metadata.get(SHA256_METADATA);
        return new BlobInfo(key, size == null ? 0 : size,
                Sha256.isHex(sha256) ? Optional.of(sha256) : Optional.empty());
    }

    private String objectName(String key) {
        return ObjectNames.objectName(settings.prefix(), key);
    }

    private BlobStoreException failure(String operation, String key, SdkException e) {
        String detail = e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                ? "HTTP " + s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode() + ": " + s3e.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new BlobStoreException("S3 " + operation + " of '" + UntrustedText.printable(key) + "' in " + location()
                + " failed: " + redactor.redact(detail), redactor.safeCause(e));
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
