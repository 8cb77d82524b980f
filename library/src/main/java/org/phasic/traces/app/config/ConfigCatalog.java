package org.phasic.traces.app.config;

import java.util.ArrayList;
import java.util.List;
import org.phasic.traces.adapter.github.GitHubSettings;
import org.phasic.traces.adapter.github.RegistrySettings;
import org.phasic.traces.adapter.ipfs.IpfsSettings;
import org.phasic.traces.adapter.ipfs.PublishingSettings;
import org.phasic.traces.spi.ConfigKey;

/**
 * The configuration keys, gathered from their owners' declarations: the application's own
 * ({@link CoreSettings}), the registry, IPFS and GitHub settings records, then whatever the profile plugins
 * declare ({@link org.phasic.traces.spi.ProfilePlugin#settingKeys()}).
 */
public final class ConfigCatalog {
    /** The default of {@link Configuration#PROFILE}. */
    public static final String DEFAULT_PROFILE = "gateway";

    private ConfigCatalog() {
    }

    /** Built-in keys plus {@code extra}, with {@code profile} accepting exactly {@code profileNames}. */
    public static List<ConfigKey> keys(List<String> profileNames, List<ConfigKey> extra) {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(ConfigKey.of(Configuration.HOME, ConfigKey.Type.STRING, null,
                "home folder: store, config.yaml, last good registry (default ~/.phasic_traces)"));
        keys.add(ConfigKey.choice(Configuration.PROFILE, ConfigKey.Type.CHOICE_LIST, DEFAULT_PROFILE, profileNames,
                "comma-separated profiles choosing the content sources"));
        keys.addAll(CoreSettings.keys());
        keys.addAll(RegistrySettings.keys());
        keys.addAll(IpfsSettings.keys());
        keys.addAll(GitHubSettings.keys());
        keys.addAll(PublishingSettings.keys());
        keys.addAll(ServeSettings.keys());
        keys.addAll(HealthSettings.keys());
        keys.addAll(extra);
        return List.copyOf(keys);
    }
}
