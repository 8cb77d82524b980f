package org.phasic.traces.adapter.ipfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.ipfs.AddOptions;
import org.phasic.traces.adapter.ipfs.AddProgressListener;
import org.phasic.traces.adapter.ipfs.ApiAddressDiscovery;
import org.phasic.traces.adapter.ipfs.JsIpfsNode;
import org.phasic.traces.adapter.ipfs.JsIpfsNodeExtension;
import org.phasic.traces.adapter.ipfs.KuboRpcClient;
import org.phasic.traces.adapter.ipfs.TestKubo;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.cid.Multicodec;
import org.phasic.traces.domain.dag.Block;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.ports.out.BlockFeed;

/** {@link DaemonContentSource} against a real js-ipfs node: the node's CIDs, the node's blocks, our verification. */
@ExtendWith(JsIpfsNodeExtension.class)
class DaemonContentSourceJsIpfsNodeTest {

    @TempDir
    Path tmp;

    private static byte[] read(BlockFeed feed, Cid root, String path) throws IOException {
        BlockFeed.Lookup lookup = (BlockFeed.Lookup) feed;
        Reassembler reassembler = new Reassembler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reassembler.writeFile(reassembler.resolve(root, path, lookup.blocks()), lookup.blocks(), out);
        return out.toByteArray();
    }

    @Test
    void readsTheFilesOfADirectoryTheNodeAddedThroughTierSelection(JsIpfsNode node) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("kingman"));
        byte[] json = new byte[3_000_000];
        Random random = new Random(11);
        for (int i = 0; i < json.length; i++) {
            json[i] = (byte) ('a' + random.nextInt(26));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("trace.json.gz")))) {
            out.write(json);
        }
        byte[] trace = Files.readAllBytes(dir.resolve("trace.json.gz"));
        Files.writeString(dir.resolve("metadata.json"), "{\"id\":\"kingman\"}");
        KuboRpcClient client = TestKubo.client(node.api(), Duration.ofSeconds(30));
        Cid root = Cid.parse(client.add(dir, AddOptions.cidV0().withPin(false), AddProgressListener.NONE).rootCid());
        List<String> notices = new ArrayList<>();
        IpfsDaemonTiers tiers = new IpfsDaemonTiers(
                DaemonSettings.defaults(tmp.resolve("logs")).withExplicitApi(node.api().baseUri().toString()),
                new ApiAddressDiscovery(Map.of(ApiAddressDiscovery.IPFS_PATH, tmp.resolve("no-repo").toString()), tmp,
                        node.api().baseUri().toString()),
                name -> Optional.empty(), TestKubo::client, notices::add);
        DaemonContentSource source = new DaemonContentSource(
                DaemonConnection.onFirstUse(tiers, TestKubo::client, Duration.ofSeconds(30), notices::add));

        try (BlockFeed feed = source.open(root, "trace.json.gz").orElseThrow()) {
            assertThat(read(feed, root, "trace.json.gz")).isEqualTo(trace);
        }
        try (BlockFeed feed = source.open(root, "metadata.json").orElseThrow()) {
            assertThat(read(feed, root, "metadata.json")).isEqualTo(Files.readAllBytes(dir.resolve("metadata.json")));
        }
        assertThat(notices).singleElement().asString().startsWith("Using IPFS ").endsWith(node.api().baseUri().toString());
    }

    @Test
    void aRootTheNodeDoesNotHaveIsAbsentWithinTheTimeout(JsIpfsNode node) throws IOException {
        Cid unknown = Block.of(1, Multicodec.RAW, ("never added " + System.nanoTime()).getBytes()).cid();
        DaemonContentSource source = new DaemonContentSource(
                DaemonConnection.fixed(TestKubo.client(node.api(), Duration.ofSeconds(2))));

        long start = System.nanoTime();
        assertThat(source.open(unknown, "trace.json.gz")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
