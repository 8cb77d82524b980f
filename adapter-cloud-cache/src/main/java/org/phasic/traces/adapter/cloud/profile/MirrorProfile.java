package org.phasic.traces.adapter.cloud.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.phasic.traces.adapter.cloud.BlobStoreMirror;
import org.phasic.traces.adapter.cloud.MirrorContentSource;
import org.phasic.traces.adapter.cloud.MirrorSettings;
import org.phasic.traces.adapter.cloud.MirrorWriteBack;
import org.phasic.traces.ports.out.BlobStore;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/**
 * What every private-mirror profile contributes: its mirror as a source of the fetch chain (tier {@code MIRROR},
 * before daemons and gateways, and the target of {@code cache push/pull/ls}) and, with {@code cache.writeBack}, a
 * fetch listener that copies traces fetched from other sources into it. The mirror is built once, on first use;
 * the settings are read and checked when the profile is activated.
 */
public abstract class MirrorProfile implements ProfilePlugin {

    /** The keys of this backend. */
    protected abstract List<ConfigKey> backendKeys();

    /**
     * Reads and checks this backend's settings now and returns how to open its store later.
     *
     * @throws org.phasic.traces.spi.InvalidSettingsException naming the key that is wrong
     */
    protected abstract StoreOpener opener(Settings settings);

    /** Opens the mirror's blob store. */
    @FunctionalInterface
    protected interface StoreOpener {
        BlobStore open() throws IOException;
    }

    @Override
    public final List<ConfigKey> settingKeys() {
        List<ConfigKey> keys = new ArrayList<>(backendKeys());
        keys.addAll(MirrorSettings.keys());
        return List.copyOf(keys);
    }

    @Override
    public final void contribute(Settings settings, PluginServices services, Contributions contributions) {
        StoreOpener opener = opener(settings);
        MirrorSettings mirror = MirrorSettings.from(settings);
        Supplier<MirrorContentSource> source = Contributions.once(() -> {
            try {
                return new MirrorContentSource(opener.open(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
        contributeMirror(source, mirror.writeBack(), contributions);
    }

    /**
     * Contributes {@code source} as a content source and a private mirror, and with {@code writeBack} a listener that
     * copies traces fetched elsewhere into it (for mirror profiles that are not subclasses, e.g. test plugins).
     */
    public static void contributeMirror(Supplier<MirrorContentSource> source, boolean writeBack, Contributions contributions) {
        contributions.contentSource(source);
        contributions.privateMirror(() -> new BlobStoreMirror(source.get()));
        if (writeBack) {
            contributions.fetchListener(() -> new MirrorWriteBack(source.get()));
        }
    }
}
