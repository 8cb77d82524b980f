package org.phasic.traces.app.spi;

import com.google.inject.Module;
import java.util.List;
import org.phasic.traces.app.config.ConfigKey;
import org.phasic.traces.app.config.Configuration;

/**
 * A third-party adapter, discovered with {@link java.util.ServiceLoader}: put its jar on the class path,
 * list it in {@code META-INF/services/org.phasic.traces.app.spi.AdapterPlugin}, and name it in the
 * {@code profile} setting. Its Guice module is installed beside the built-in ones and may contribute any
 * port binding, for example a content source or a blob store.
 */
public interface AdapterPlugin {

    /** The profile name that selects this plugin: lower case, unique, not a built-in profile name. */
    String name();

    /** One line for {@code --help} and {@code config show}. */
    String description();

    /** Configuration keys this plugin reads (conventionally {@code <name>.*}); they join the effective configuration. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /** The Guice module to install when the plugin's profile is active. */
    Module module(Configuration configuration);
}
