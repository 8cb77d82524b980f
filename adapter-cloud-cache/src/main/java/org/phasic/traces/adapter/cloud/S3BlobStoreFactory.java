package org.phasic.traces.adapter.cloud;

import java.util.Objects;
import org.phasic.traces.ports.out.BlobStore;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds {@link S3BlobStore}s from {@link S3Settings}. */
public final class S3BlobStoreFactory {

    /**
     * Builds a synchronous S3 client (Apache HTTP client, SDK request checksums and response
     * validation on, the settings' region, endpoint, addressing style and credentials) and a store
     * on it. No request is sent until the store is used.
     *
     * @return an {@link S3BlobStore}; closing it closes the client
     */
    public BlobStore create(S3Settings settings) {
        return new S3BlobStore(client(settings), settings);
    }

    /** @return a client configured from {@code settings}, for callers that need the raw client */
    public S3Client client(S3Settings settings) {
        Objects.requireNonNull(settings, "settings");
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings.credentials()))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Credentials credentials) {
        if (credentials instanceof S3Credentials.Profile profile) {
            return profile(profile);
        }
        if (credentials instanceof S3Credentials.StaticKeys keys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    keys.accessKeyId().reveal(), keys.secretAccessKey().reveal()));
        }
        if (credentials instanceof S3Credentials.Anonymous) {
            return AnonymousCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static AwsCredentialsProvider profile(S3Credentials.Profile profile) {
        ProfileCredentialsProvider.Builder builder = ProfileCredentialsProvider.builder().profileName(profile.name());
        profile.credentialsFile().ifPresent(file -> builder.profileFile(
                ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build()));
        return builder.build();
    }
}
