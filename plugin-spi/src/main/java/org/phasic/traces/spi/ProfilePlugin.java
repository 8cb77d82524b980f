package org.phasic.traces.spi;

import java.util.List;

/**
 * A profile: a named set of adapters the {@code profile} setting selects. Built-in profiles and third-party ones
 * are found the same way, with {@link java.util.ServiceLoader}: a jar on the class path lists its implementation in
 * {@code META-INF/services/org.phasic.traces.spi.ProfilePlugin}. A plugin sees only this artifact, the ports and the
 * domain: it reads its settings through the read-only {@link Settings} view and contributes adapter instances for
 * the outbound ports; the composition root turns those into bindings.
 *
 * <pre>{@code
 * public final class AzurePlugin implements ProfilePlugin {
 *     public String name() { return "azure"; }
 *     public String description() { return "private mirror in Azure Blob Storage"; }
 *     public List<ConfigKey> settingKeys() {
 *         return List.of(ConfigKey.of("azure.container", ConfigKey.Type.STRING, null, "container of the mirror"));
 *     }
 *     public void contribute(Settings settings, PluginServices services, Contributions contributions) {
 *         String container = settings.require("azure.container");
 *         contributions.contentSource(() -> new MirrorContentSource(new AzureBlobStore(container), true));
 *     }
 * }
 * }</pre>
 */
public interface ProfilePlugin {

    /** The profile name that selects this plugin: lower case letters, digits and '-', starting with a letter; unique. */
    String name();

    /** One line for {@code --help} and {@code config show}. */
    String description();

    /** The configuration keys this plugin reads (conventionally {@code <name>.*}), with their defaults. */
    default List<ConfigKey> settingKeys() {
        return List.of();
    }

    /** Profiles installed together with this one (once, when not active anyway), e.g. a fallback source. */
    default List<String> requires() {
        return List.of();
    }

    /**
     * Reads and checks this profile's settings and adds its adapters. Called when the profile is active, before any
     * port is used: a bad setting should fail here, as an {@link InvalidSettingsException} naming the key.
     */
    void contribute(Settings settings, PluginServices services, Contributions contributions);
}
