package org.phasic.traces.adapter.ipfs.daemon;

import java.time.Duration;
import java.util.Objects;

import okhttp3.OkHttpClient;

import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.adapter.ipfs.tar.SafeTarExtractor;

/** Makes RPC clients for the addresses tier selection probes. */
@FunctionalInterface
public interface KuboClientFactory {

    KuboRpcClient create(ApiAddress address, Duration timeout);

    /** Clients sharing one OkHttp instance (its connection pool and threads). */
    static KuboClientFactory sharing(OkHttpClient http, SafeTarExtractor tarExtractor) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tarExtractor, "tarExtractor");
        return (address, timeout) -> new KuboRpcClient(http, address, timeout, tarExtractor);
    }
}
