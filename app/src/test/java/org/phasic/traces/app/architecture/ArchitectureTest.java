package org.phasic.traces.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.cloud.archviolation.AdapterUsingApp;
import org.phasic.traces.adapter.gateway.archviolation.GatewayUsingIpfsAdapter;
import org.phasic.traces.adapter.github.archviolation.AdapterUsingGuice;
import org.phasic.traces.adapter.ipfs.archviolation.IpfsFixture;
import org.phasic.traces.domain.archviolation.DomainUsingJackson;
import org.phasic.traces.ports.archviolation.PortUsingOkHttp;
import org.phasic.traces.spi.archviolation.SpiUsingGuice;

/** Every module's production classes obey the rules, and each rule is shown to catch a planted violation. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureRules.ROOT);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(ArchitectureRules.DOMAIN_USES_ONLY_THE_JDK, DomainUsingJackson.class, "com.fasterxml.jackson"),
                Arguments.of(ArchitectureRules.PORTS_USE_ONLY_DOMAIN, PortUsingOkHttp.class, "okhttp3.OkHttpClient"),
                Arguments.of(ArchitectureRules.ADAPTERS_ARE_INDEPENDENT, GatewayUsingIpfsAdapter.class, IpfsFixture.class.getName()),
                Arguments.of(ArchitectureRules.ONLY_APP_USES_GUICE, AdapterUsingGuice.class, "com.google.inject.AbstractModule"),
                Arguments.of(ArchitectureRules.NOTHING_DEPENDS_ON_APP, AdapterUsingApp.class, "org.phasic.traces.app.config.Configuration"),
                Arguments.of(ArchitectureRules.PLUGIN_SPI_USES_ONLY_PORTS_AND_DOMAIN, SpiUsingGuice.class, "com.google.inject.Module"));
    }

    @Test
    void theScanSeesEveryModule() {
        Stream.of(".domain", ".ports", ".spi", ".adapter.ipfs", ".adapter.gateway", ".adapter.github", ".adapter.cloud", ".app")
                .forEach(module -> assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(ArchitectureRules.ROOT + module)))
                        .as("classes of %s are scanned", module).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCodeObeysTheRule(ArchRule rule, Class<?> ignoredViolation, String ignoredTarget) {
        rule.check(production);
    }

    @ParameterizedTest(name = "{0} catches {1}")
    @MethodSource("rules")
    void theRuleCatchesAPlantedViolation(ArchRule rule, Class<?> violation, String offendingTarget) {
        JavaClasses planted = new ClassFileImporter().importClasses(violation, IpfsFixture.class);

        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violation.getName())
                .hasMessageContaining(offendingTarget);
    }
}
