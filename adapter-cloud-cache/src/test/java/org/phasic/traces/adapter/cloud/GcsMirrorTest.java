package org.phasic.traces.adapter.cloud;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.nio.file.Path;
import org.phasic.traces.ports.out.BlobKeys;
import org.phasic.traces.ports.out.BlobStore;

/** The private-mirror tests over a {@link GcsBlobStore} on Google's in-memory Storage fake (LocalStorageHelper). */
class GcsMirrorTest extends MirrorTest {
    private static final String BUCKET = "phasic-mirror";
    private static final String PREFIX = "team/traces";

    private Storage storage;

    @Override
    protected BlobStore newStore(Path temp) {
        storage = LocalStorageHelper.customOptions(false).getService();
        return new GcsBlobStore(storage, GcsSettings.of(BUCKET).withPrefix(PREFIX));
    }

    @Override
    protected void tamper(String key, byte[] replacement) {
        BlobId id = BlobId.of(BUCKET, BlobKeys.join(PREFIX, key));
        storage.create(BlobInfo.newBuilder(id).setMetadata(storage.get(id).getMetadata()).build(), replacement);
    }
}
