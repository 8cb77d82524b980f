package org.phasic.traces.adapter.cloud.profile;

import java.util.List;
import org.phasic.traces.adapter.cloud.S3BlobStoreFactory;
import org.phasic.traces.adapter.cloud.S3Settings;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Settings;

/**
 * Profile {@code s3}: a private mirror in an S3 bucket (AWS or any S3-compatible store). Configured by the
 * {@code s3.*} keys; credentials come from static keys, a named AWS profile, or the SDK's default chain.
 */
public final class S3Profile extends MirrorProfile {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "private mirror in an S3 bucket (s3.*)";
    }

    @Override
    protected List<ConfigKey> backendKeys() {
        return S3Settings.keys();
    }

    @Override
    protected StoreOpener opener(Settings settings) {
        S3Settings s3 = S3Settings.from(settings);
        return () -> new S3BlobStoreFactory().create(s3);
    }
}
