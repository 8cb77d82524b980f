package org.phasic.traces.domain.unixfs;

/**
 * Bounds on what reassembly of untrusted content may cost.
 *
 * @param maxTotalBytes   file bytes written in one operation
 * @param maxDepth        DAG depth (file tree levels plus directory nesting)
 * @param maxLinksPerNode links in one dag-pb node
 * @param maxBlocks       blocks fetched in one operation
 * @param maxBlockBytes   bytes of one block
 */
public record ReassemblyLimits(long maxTotalBytes, int maxDepth, int maxLinksPerNode, long maxBlocks,
        int maxBlockBytes) {

    /**
     * 4 GiB, depth 64, 10 000 links per node (above ipfs-car's 1024 and any flat directory Kubo writes),
     * 1 048 576 blocks, 2 MiB per block (the largest block IPFS implementations exchange).
     */
    public static final ReassemblyLimits DEFAULTS = new ReassemblyLimits(4L << 30, 64, 10_000, 1 << 20, 2 << 20);

    public ReassemblyLimits {
        if (maxTotalBytes < 0 || maxDepth < 1 || maxLinksPerNode < 1 || maxBlocks < 1 || maxBlockBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: maxTotalBytes=" + maxTotalBytes
                    + ", maxDepth=" + maxDepth + ", maxLinksPerNode=" + maxLinksPerNode + ", maxBlocks=" + maxBlocks
                    + ", maxBlockBytes=" + maxBlockBytes);
        }
    }

    public ReassemblyLimits withMaxTotalBytes(long value) {
        return new ReassemblyLimits(value, maxDepth, maxLinksPerNode, maxBlocks, maxBlockBytes);
    }

    public ReassemblyLimits withMaxDepth(int value) {
        return new ReassemblyLimits(maxTotalBytes, value, maxLinksPerNode, maxBlocks, maxBlockBytes);
    }

    public ReassemblyLimits withMaxLinksPerNode(int value) {
        return new ReassemblyLimits(maxTotalBytes, maxDepth, value, maxBlocks, maxBlockBytes);
    }

    public ReassemblyLimits withMaxBlocks(long value) {
        return new ReassemblyLimits(maxTotalBytes, maxDepth, maxLinksPerNode, value, maxBlockBytes);
    }

    public ReassemblyLimits withMaxBlockBytes(int value) {
        return new ReassemblyLimits(maxTotalBytes, maxDepth, maxLinksPerNode, maxBlocks, value);
    }
}
