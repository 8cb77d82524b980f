package org.phasic.traces.domain.unixfs;

import java.util.List;
import java.util.Locale;

/**
 * How a UnixFS importer turns bytes into blocks. The same bytes give different CIDs under different
 * profiles, so a CID is reproducible only together with its profile.
 *
 * @param cidVersion 0 or 1 (version of the dag-pb nodes; raw leaves are always CIDv1)
 * @param rawLeaves  whether file chunks are raw blocks instead of UnixFS dag-pb leaves
 * @param chunkSize  fixed chunk size in bytes, 1 .. {@link #MAX_CHUNK_SIZE}
 * @param maxLinks   links per node in the balanced layout, 2 .. {@link #MAX_LINKS}
 */
public record ImportProfile(int cidVersion, boolean rawLeaves, int chunkSize, int maxLinks) {

    /** Kubo's limit on chunk size (1 MiB). */
    public static final int MAX_CHUNK_SIZE = 1 << 20;
    public static final int MAX_LINKS = 65_536;

    /** Kubo defaults ({@code ipfs add}): CIDv0, dag-pb leaves, 256 KiB chunks, 174 links. */
    public static final ImportProfile KUBO = new ImportProfile(0, false, 262_144, 174);
    /** Kubo with {@code --cid-version=1} (which implies raw leaves). */
    public static final ImportProfile KUBO_V1 = new ImportProfile(1, true, 262_144, 174);
    /** npm {@code ipfs-car} (3.x): CIDv1, raw leaves, 1 MiB chunks, 1024 links. */
    public static final ImportProfile IPFS_CAR = new ImportProfile(1, true, MAX_CHUNK_SIZE, 1024);

    public ImportProfile {
        if (cidVersion != 0 && cidVersion != 1) {
            throw new IllegalArgumentException("CID version must be 0 or 1, got " + cidVersion);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be 1.." + MAX_CHUNK_SIZE + " bytes, got " + chunkSize);
        }
        if (maxLinks < 2 || maxLinks > MAX_LINKS) {
            throw new IllegalArgumentException("max links must be 2.." + MAX_LINKS + ", got " + maxLinks);
        }
    }

    /**
     * The presets ({@link #KUBO}, {@link #KUBO_V1}, {@link #IPFS_CAR}, in that order) that make dag-pb nodes of
     * {@code cidVersion}: the profiles worth trying when the profile content was imported with is not recorded.
     */
    public static List<ImportProfile> presetsFor(int cidVersion) {
        return List.of(KUBO, KUBO_V1, IPFS_CAR).stream().filter(profile -> profile.cidVersion == cidVersion).toList();
    }

    /**
     * A preset by name: {@code kubo}, {@code kubo-v1} or {@code ipfs-car} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ImportProfile preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "kubo" -> KUBO;
            case "kubo-v1" -> KUBO_V1;
            case "ipfs-car" -> IPFS_CAR;
            default -> throw new IllegalArgumentException("unknown import preset '" + name
                    + "' (known: kubo, kubo-v1, ipfs-car)");
        };
    }

    public ImportProfile withCidVersion(int version) {
        return new ImportProfile(version, rawLeaves, chunkSize, maxLinks);
    }

    public ImportProfile withRawLeaves(boolean raw) {
        return new ImportProfile(cidVersion, raw, chunkSize, maxLinks);
    }

    public ImportProfile withChunkSize(int size) {
        return new ImportProfile(cidVersion, rawLeaves, size, maxLinks);
    }

    public ImportProfile withMaxLinks(int links) {
        return new ImportProfile(cidVersion, rawLeaves, chunkSize, links);
    }
}
