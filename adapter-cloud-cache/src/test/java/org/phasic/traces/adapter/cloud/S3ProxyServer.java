package org.phasic.traces.adapter.cloud;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** An in-memory S3Proxy on 127.0.0.1 with AWS v4 authentication, for one test class. */
final class S3ProxyServer {

    static final String ACCESS_KEY = "AKIDTESTPHASIC0ACCESS";
    static final String SECRET_KEY = "s3cr3t-Phasic-Test-Key-0123456789abcdef";

    private final S3Proxy proxy;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3ProxyServer start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** @return settings for {@code bucket} on this server with its static keys */
    S3Settings settings(String bucket) {
        return S3Settings.of(bucket, "us-east-1")
                .withEndpoint(endpoint(), true)
                .withCredentials(new S3Credentials.StaticKeys(Secret.of(ACCESS_KEY), Secret.of(SECRET_KEY)));
    }

    void stop() throws Exception {
        proxy.stop();
    }
}
