package org.phasic.traces.app.composition;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.phasic.traces.adapter.ipfs.ApiAddress;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.IpfsSettings;

/**
 * Where the IPFS (Kubo) RPC API is, for profile {@code daemon} and for {@code publish}: {@code ipfs.api}, then
 * {@code IPFS_API}, then the {@code api} file of {@code ipfs.path} ({@code IPFS_PATH}, or {@code ~/.ipfs} under the
 * user's home), then the default address.
 */
final class IpfsApiLocation {
    private IpfsApiLocation() {
    }

    static ApiAddressDiscovery discovery(IpfsSettings settings, Map<String, String> environment, Path userHome) {
        Map<String, String> ipfsEnvironment = new HashMap<>(environment);
        settings.repoPath().ifPresent(path -> ipfsEnvironment.put(ApiAddressDiscovery.IPFS_PATH, path));
        return new ApiAddressDiscovery(ipfsEnvironment, userHome, ApiAddress.DEFAULT_MULTIADDR);
    }
}
