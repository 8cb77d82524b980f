package org.phasic.traces.adapter.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.phasic.traces.domain.car.CarStreamBlockSource;
import org.phasic.traces.domain.cid.Cid;
import org.phasic.traces.domain.unixfs.Reassembler;
import org.phasic.traces.ports.out.BlockFeed;

/** What the fetch service does with a feed: the domain's verified reassembly of one file. */
final class Extraction {
    private Extraction() {
    }

    static byte[] file(Cid root, String path, BlockFeed feed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (feed) {
            if (feed instanceof BlockFeed.Car car) {
                try (CarStreamBlockSource blocks = new CarStreamBlockSource(car.stream())) {
                    new Reassembler().writeFile(root, path, blocks, out);
                }
            } else if (feed instanceof BlockFeed.Lookup lookup) {
                new Reassembler().writeFile(root, path, lookup.blocks(), out);
            }
        }
        return out.toByteArray();
    }
}
