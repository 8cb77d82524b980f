package org.phasic.traces.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.phasic.traces.app.plugin.example.ExamplePlugin;

/**
 * The example plugin of the tests is written against the plugin SPI, the ports and the domain alone (the rule's planted
 * violation is proven in {@code ArchitectureTest}).
 */
class PluginArchitectureTest {

    @Test
    void theExamplePluginSeesOnlyTheSpi() {
        JavaClasses example = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/archviolation/"))
                .importPackages(ExamplePlugin.class.getPackageName());

        assertThat(example.contain(ExamplePlugin.class)).isTrue();
        ArchitectureRules.PLUGINS_SEE_ONLY_THE_SPI.check(example);
    }
}
