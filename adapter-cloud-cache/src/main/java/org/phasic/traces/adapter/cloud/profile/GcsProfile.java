package org.phasic.traces.adapter.cloud.profile;

import java.util.List;
import org.phasic.traces.adapter.cloud.GcsBlobStoreFactory;
import org.phasic.traces.adapter.cloud.GcsSettings;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * Profile {@code gcs}: a private mirror in a Google Cloud Storage bucket. Configured by the {@code gcs.*} keys;
 * credentials come from a service-account key file or Application Default Credentials.
 */
public final class GcsProfile extends MirrorProfile {

    @Override
    public String name() {
        return "gcs";
    }

    @Override
    public String description() {
        return "private mirror in a Google Cloud Storage bucket (gcs.*)";
    }

    @Override
    protected List<ConfigKey> backendKeys() {
        return GcsSettings.keys();
    }

    @Override
    protected StoreOpener opener(Settings settings) {
        GcsSettings gcs = GcsSettings.from(settings);
        return () -> new GcsBlobStoreFactory().create(gcs);
    }
}
