package org.phasic.traces.adapter.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.io.DeterministicGzip;
import org.phasic.traces.domain.unixfs.ImportProfile;
import org.phasic.traces.domain.unixfs.UnixFsImporter;

/**
 * A trace directory published to a real js-ipfs node: the node (an independent UnixFS importer) must arrive at the
 * directory CID computed locally, and must hold a recursive pin on it afterwards.
 */
@ExtendWith(JsIpfsNodeExtension.class)
class KuboContentPublisherJsIpfsNodeTest {
    @TempDir
    Path tmp;

    @Test
    void theNodeComputesTheLocalCidAndPinsIt(JsIpfsNode node) throws Exception {
        Path directory = Files.createDirectories(tmp.resolve("kingman_test"));
        byte[] trace = DeterministicGzip.compress("{\"operations\":[],\"n_vertices\":1}".repeat(20).getBytes(StandardCharsets.UTF_8));
        Files.write(directory.resolve("trace.json.gz"), trace);
        Files.writeString(directory.resolve("metadata.json"), "{\n  \"model_type\": \"coalescent\"\n}");
        Files.writeString(directory.resolve("checksum.sha256"), "00  trace.json.gz\n");
        byte[] example = new byte[700_000];
        int x = 7;
        for (int i = 0; i < example.length; i++) {
            x = x * 1103515245 + 12345;
            example[i] = (byte) (x >>> 24);
        }
        Files.write(directory.resolve("example.py"), example);
        Cid local = new UnixFsImporter(ImportProfile.KUBO).importPath(directory).root();
        KuboRpcClient client = TestKubo.client(node.api(), Duration.ofSeconds(30));
        KuboContentPublisher publisher = new KuboContentPublisher(client, ImportProfile.KUBO);

        assertThat(publisher.available()).isTrue();
        Cid published = publisher.publish(directory, local);

        assertThat(published).isEqualTo(local);
        assertThat(published.toString()).startsWith("Qm");
        assertThat(client.pinLs(Optional.of(local.toString()), PinType.RECURSIVE)).extracting(PinnedCid::cid)
                .contains(local.toString());
        try (InputStream in = client.cat(local + "/example.py")) {
            assertThat(in.readAllBytes()).isEqualTo(example);
        }
    }
}
