package org.phasic.traces.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.phasic.traces.adapter.cloud.archviolation.AdapterUsingApp;
import org.phasic.traces.adapter.web.archviolation.WebAdapterUsingAService;
import org.phasic.traces.app.cli.archviolation.CommandUsingTheWebServer;
import org.phasic.traces.app.cli.archviolation.CommandUsingAService;
import org.phasic.traces.app.cyclea.First;
import org.phasic.traces.app.cycleb.Second;
import org.phasic.traces.app.facade.archviolation.FacadeUsingAStore;
import org.phasic.traces.app.plugin.example.archviolation.ExampleUsingApp;
import org.phasic.traces.ports.in.archviolation.UseCaseSeeingAStore;
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
                Arguments.of(ArchitectureRules.DRIVERS_USE_ONLY_USE_CASES, CommandUsingAService.class,
                        "org.phasic.traces.application.TraceService"),
                Arguments.of(ArchitectureRules.DRIVERS_USE_ONLY_USE_CASES, FacadeUsingAStore.class,
                        "org.phasic.traces.ports.out.TraceStore"),
                Arguments.of(ArchitectureRules.USE_CASES_HIDE_THE_OUTBOUND_SIDE, UseCaseSeeingAStore.class,
                        "org.phasic.traces.ports.out.TraceStore"),
                Arguments.of(ArchitectureRules.APP_PACKAGES_ARE_FREE_OF_CYCLES, First.class, Second.class.getName()),
                Arguments.of(ArchitectureRules.PLUGIN_SPI_USES_ONLY_PORTS_AND_DOMAIN, SpiUsingGuice.class, "com.google.inject.Module"),
                Arguments.of(ArchitectureRules.PLUGINS_SEE_ONLY_THE_SPI, ExampleUsingApp.class,
                        "org.phasic.traces.app.config.Configuration"),
                Arguments.of(ArchitectureRules.WEB_ADAPTER_USES_PORTS_DOMAIN_AND_JETTY, WebAdapterUsingAService.class,
                        "org.phasic.traces.application.ServeContentService"),
                Arguments.of(ArchitectureRules.ONLY_THE_WEB_COMPOSITION_SEES_THE_WEB_ADAPTER, CommandUsingTheWebServer.class,
                        "org.phasic.traces.adapter.web.WebServer"));
    }

    /** The rules and what each is called; a rule dropped from the list (or renamed) fails here. */
    private static final List<String> EXPECTED_RULES = List.of(
            "domain depends on the JDK only",
            "ports depend on domain (and jakarta.inject) only",
            "adapters never depend on each other",
            "only app uses Guice",
            "nothing depends on app",
            "drivers (app.cli, app.facade) depend only on ports.in, domain and the composition entry point",
            "ports.in depends on domain only (drivers never see ports.out or the services)",
            "no cycles between app's packages",
            "the plugin SPI depends on the ports and the domain only",
            "a plugin compiles against the plugin SPI, the ports and the domain alone",
            "the web adapter depends on the ports, the domain and Jetty only",
            "only the web composition (app.web) uses the web adapter");

    @Test
    void noRuleDisappears() {
        assertThat(ArchitectureRules.ALL).extracting(ArchRule::getDescription).containsExactlyElementsOf(EXPECTED_RULES);
        List<Object> declared = Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType()))
                .map(ArchitectureTest::value).toList();
        assertThat(ArchitectureRules.ALL).as("every declared rule is in the list").containsAll(declared.stream()
                .map(ArchRule.class::cast).toList());
        assertThat(rules().map(arguments -> arguments.get()[0]).distinct().toList())
                .as("every rule is proven on a planted violation").containsExactlyInAnyOrderElementsOf(ArchitectureRules.ALL);
    }

    private static Object value(Field field) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theScanSeesEveryModule() {
        Stream.of(".domain", ".ports", ".spi", ".adapter.ipfs", ".adapter.gateway", ".adapter.github", ".adapter.cloud", ".adapter.web", ".app")
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
        JavaClasses planted = new ClassFileImporter().importClasses(violation, IpfsFixture.class, Second.class);

        assertThatThrownBy(() -> rule.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violation.getName())
                .hasMessageContaining(offendingTarget);
    }
}
