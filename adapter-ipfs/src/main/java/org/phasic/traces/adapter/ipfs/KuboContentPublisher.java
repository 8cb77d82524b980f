package org.phasic.traces.adapter.ipfs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.InvalidCidException;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.ports.out.ContentPublisher;

/**
 * Publishes trace directories to a Kubo (or js-ipfs) node over its RPC API: {@code add} with the options equivalent to
 * the registry's import profile and {@code pin=true}, then checks that the node's root CID equals the one computed
 * locally. A node that computes another CID is an error: the registry would point at content nobody serves.
 */
public final class KuboContentPublisher implements ContentPublisher {
    /** How long {@link #available()} waits for {@code version}. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final int KUBO_MAX_LINKS = 174;

    private final KuboRpcClient client;
    private final AddOptions options;

    /**
     * @param client  the node's API client (its timeout bounds the upload)
     * @param profile the import profile of the locally computed CIDs
     * @throws IllegalArgumentException when the profile cannot be expressed as {@code add} options (Kubo's RPC API fixes
     *                                  the balanced layout's 174 links per node)
     */
    public KuboContentPublisher(KuboRpcClient client, ImportProfile profile) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(profile, "profile");
        if (profile.maxLinks() != KUBO_MAX_LINKS) {
            throw new IllegalArgumentException("an IPFS node adds with " + KUBO_MAX_LINKS + " links per node, not "
                    + profile.maxLinks() + "; use a Kubo import profile");
        }
        this.options = new AddOptions(profile.cidVersion(), profile.rawLeaves(), "size-" + profile.chunkSize(), true, false, false);
    }

    @Override
    public String name() {
        return "IPFS daemon at " + client.address().baseUri();
    }

    @Override
    public boolean available() {
        try {
            client.withTimeout(PROBE_TIMEOUT).version();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Cid publish(Path directory, Cid expected) throws IOException {
        Objects.requireNonNull(expected, "expected");
        AddResult added = client.add(directory, options, AddProgressListener.NONE);
        Cid reported;
        try {
            reported = Cid.parse(added.rootCid());
        } catch (InvalidCidException e) {
            throw new IOException("the " + name() + " answered add with an invalid root CID: " + e.getMessage(), e);
        }
        if (!reported.equals(expected)) {
            throw new IOException("the " + name() + " computed the directory CID " + reported + " but " + expected
                    + " was computed locally; the node imports with other settings (chunker, CID version, raw leaves),"
                    + " so the registry entry would point at content it does not serve");
        }
        return reported;
    }

    @Override
    public String toString() {
        return "KuboContentPublisher[" + client.address().baseUri() + "]";
    }
}
