package org.phasic.traces.app.composition;

import org.phasic.traces.spi.Contributions;
import org.phasic.traces.spi.PluginServices;
import org.phasic.traces.spi.ProfilePlugin;
import org.phasic.traces.spi.Settings;

/** Profile {@code offline}: no network source at all; the local store and the bundled library only. */
public final class OfflineProfile implements ProfilePlugin {

    @Override
    public String name() {
        return Profiles.OFFLINE;
    }

    @Override
    public String description() {
        return "no network: the local store and the bundled library only";
    }

    @Override
    public void contribute(Settings settings, PluginServices services, Contributions contributions) {
        // nothing beyond what every profile shares
    }
}
