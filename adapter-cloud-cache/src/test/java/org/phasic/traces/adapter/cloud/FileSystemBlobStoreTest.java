package org.phasic.traces.adapter.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.phasic.traces.adapter.cloud.contract.BlobStoreContract;
import org.phasic.traces.ports.out.BlobStore;

/** The blob-store contract against a folder. */
class FileSystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path folder;

    @Override
    protected BlobStore newStore() {
        return FileSystemBlobStore.of(folder, "team/mirror");
    }

    @Override
    protected void tamper(String key, byte[] replacement) throws Exception {
        Files.write(folder.resolve("team/mirror").resolve(key), replacement);
    }

    @Override
    protected int largeObjectSize() {
        return 3 * 1024 * 1024 + 17;
    }
}
