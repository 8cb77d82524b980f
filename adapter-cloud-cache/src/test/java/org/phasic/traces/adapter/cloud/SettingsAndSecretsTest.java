package org.phasic.traces.adapter.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.ports.out.BlobStoreException;

class SettingsAndSecretsTest {

    private static final String ACCESS_KEY = "AKIAEXAMPLEACCESSKEY7";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEY_MATERIAL = "MIIEvSECRETKEYMATERIALneverPrintThis";

    @TempDir
    Path dir;

    @Test
    void secretsPrintAsStars() {
        Secret secret = Secret.of(SECRET_KEY);

        assertThat(secret).hasToString("****");
        assertThat(secret.reveal()).isEqualTo(SECRET_KEY);
        assertThat(secret).isEqualTo(Secret.of(SECRET_KEY)).isNotEqualTo(Secret.of("other"));
        assertThatThrownBy(() -> Secret.of("  ")).hasMessage("a secret must not be blank");
    }

    @Test
    void s3SettingsNeverPrintTheirKeys() {
        S3Settings settings = S3Settings.of("phasic-mirror", "eu-north-1")
                .withCredentials(new S3Credentials.StaticKeys(Secret.of(ACCESS_KEY), Secret.of(SECRET_KEY)))
                .withEndpoint(URI.create("https://minio.example:9000"), true);

        assertThat(settings.toString()).doesNotContain(ACCESS_KEY, SECRET_KEY).contains("accessKeyId=****");
        assertThat(settings.credentials().toString()).doesNotContain(ACCESS_KEY, SECRET_KEY);
        assertThat(settings.location()).isEqualTo("s3://phasic-mirror at https://minio.example:9000");
        assertThat(new S3BlobStoreFactory().create(settings).toString()).doesNotContain(ACCESS_KEY, SECRET_KEY);
    }

    @Test
    void s3SettingsAreValidatedWithPreciseMessages() {
        S3Settings valid = S3Settings.of("phasic-mirror", "us-east-1");

        assertThat(valid.withPrefix("team/mirror/").prefix()).isEqualTo("team/mirror");
        assertThat(valid.multipartThreshold()).isEqualTo(S3Settings.DEFAULT_MULTIPART_THRESHOLD);
        assertThatThrownBy(() -> S3Settings.of("Bad_Bucket", "us-east-1")).hasMessageContaining("S3 bucket name 'Bad_Bucket' is invalid");
        assertThatThrownBy(() -> S3Settings.of("phasic-mirror", "US EAST")).hasMessageContaining("S3 region 'US EAST' is invalid");
        assertThatThrownBy(() -> valid.withPrefix("../x")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> valid.withMultipart(S3Settings.DEFAULT_MULTIPART_THRESHOLD, 1024))
                .hasMessage("S3 part size must be at least 5242880 bytes, got 1024");
        assertThatThrownBy(() -> valid.withMultipart(0, S3Settings.MIN_PART_SIZE)).hasMessageContaining("multipart threshold");
        assertThatThrownBy(() -> valid.withEndpoint(URI.create("ftp://host"), true)).hasMessage("S3 endpoint must be an http or https URL");
        assertThatThrownBy(() -> valid.withEndpoint(URI.create("http://host/?x=1"), true)).hasMessageContaining("query");
        assertThatThrownBy(() -> new S3Credentials.Profile("bad name", Optional.empty())).hasMessageContaining("AWS profile name");
    }

    @Test
    void endpointsWithUserInfoAreRejectedWithoutEchoingThem() {
        URI withPassword = URI.create("http://admin:" + SECRET_KEY.replace("/", "") + "@minio.example:9000");

        assertThatThrownBy(() -> S3Settings.of("phasic-mirror", "us-east-1").withEndpoint(withPassword, true))
                .hasMessage("S3 endpoint must not contain user info; configure credentials instead");
        assertThatThrownBy(() -> GcsSettings.of("phasic-mirror").withEndpoint(withPassword))
                .hasMessage("GCS endpoint must not contain user info; configure credentials instead");
    }

    @Test
    void gcsSettingsAreValidatedWithPreciseMessages() {
        GcsSettings valid = GcsSettings.of("phasic-mirror");

        assertThat(valid.withPrefix("team/").location()).isEqualTo("gs://phasic-mirror/team");
        assertThatThrownBy(() -> valid.withResumable(1, 1000))
                .hasMessage("GCS chunk size must be a positive multiple of 262144 bytes, got 1000");
        assertThatThrownBy(() -> valid.withResumable(0, GcsSettings.CHUNK_GRANULARITY)).hasMessageContaining("resumable threshold");
        assertThatThrownBy(() -> GcsSettings.of("-bad")).hasMessageContaining("GCS bucket name '-bad' is invalid");
        assertThatThrownBy(() -> valid.withProjectId("Bad Project")).hasMessageContaining("GCS project id 'Bad Project' is invalid");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("missing.json");
        GcsSettings settings = GcsSettings.of("phasic-mirror").withCredentials(new GcsCredentials.KeyFile(missing));

        assertThatThrownBy(() -> new GcsBlobStoreFactory().create(settings))
                .isInstanceOf(BlobStoreException.class).hasMessage("GCS key file " + missing + " does not exist");
    }

    @Test
    void aBrokenKeyFileIsReportedWithoutQuotingIt() throws Exception {
        for (String content : new String[] {
            "{\"private_key\": \"" + KEY_MATERIAL + "\", broken",
            serviceAccountJson("-----BEGIN PRIVATE KEY-----\\n" + KEY_MATERIAL + "\\n-----END PRIVATE KEY-----\\n"),
        }) {
            Path keyFile = Files.writeString(dir.resolve("key.json"), content);
            GcsSettings settings = GcsSettings.of("phasic-mirror").withCredentials(new GcsCredentials.KeyFile(keyFile));

            assertThatThrownBy(() -> new GcsBlobStoreFactory().create(settings))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageStartingWith("GCS key file " + keyFile + " is not a usable service-account key")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY_MATERIAL));
        }
    }

    @Test
    void aValidKeyFileBuildsAStoreThatNeverShowsIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pkcs8 = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Path keyFile = Files.writeString(dir.resolve("key.json"),
                serviceAccountJson("-----BEGIN PRIVATE KEY-----\\n" + pkcs8 + "\\n-----END PRIVATE KEY-----\\n"));
        GcsSettings settings = GcsSettings.of("phasic-mirror").withPrefix("team").withProjectId("phasic-test")
                .withCredentials(new GcsCredentials.KeyFile(keyFile));

        try (BlobStore store = new GcsBlobStoreFactory().create(settings)) {
            assertThat(store.location()).isEqualTo("gs://phasic-mirror/team");
            assertThat(store.toString() + settings).doesNotContain(pkcs8.substring(0, 40)).contains(keyFile.toString());
        }
    }

    private static String serviceAccountJson(String privateKey) {
        return "{\"type\": \"service_account\", \"project_id\": \"phasic-test\", \"private_key_id\": \"abc123\","
                + " \"private_key\": \"" + privateKey + "\", \"client_email\": \"mirror@phasic-test.iam.gserviceaccount.com\","
                + " \"client_id\": \"1234567890\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}";
    }
}
