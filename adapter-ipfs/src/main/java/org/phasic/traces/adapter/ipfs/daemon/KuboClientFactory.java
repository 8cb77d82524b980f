package org.phasic.traces.adapter.ipfs.daemon;

import java.time.Duration;

import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;

/** Makes RPC clients for the addresses tier selection probes. */
@FunctionalInterface
public interface KuboClientFactory {

    KuboRpcClient create(ApiAddress address, Duration timeout);
}
