package org.phasic.traces.adapter.ipfs;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;

/** RPC clients for the tests, sharing one HTTP client as the composition root's do. */
public final class TestKubo {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestKubo() {
    }

    /** A client of the API at {@code address} with the basic tar name checks. */
    public static KuboRpcClient client(ApiAddress address, Duration timeout) {
        return new KuboRpcClient(HTTP, address, timeout, SafeTarExtractor.withBasicChecks());
    }
}
