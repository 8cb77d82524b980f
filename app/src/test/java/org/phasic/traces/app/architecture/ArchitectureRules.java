package org.phasic.traces.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.phasic.traces.app.composition.Composition;
import org.phasic.traces.app.composition.Profiles;
import org.phasic.traces.app.composition.UseCases;
import org.phasic.traces.app.web.WebServing;
import org.phasic.traces.spi.ConfigKey;
import org.phasic.traces.spi.InvalidSettingsException;

/** The hexagon's dependency rules, shared by the production scan and the planted-violation tests. */
final class ArchitectureRules {
    static final String ROOT = "org.phasic.traces";
    static final String DOMAIN = ROOT + ".domain..";
    static final String PORTS = ROOT + ".ports..";
    static final String APPLICATION = ROOT + ".application..";
    static final String ADAPTERS = ROOT + ".adapter..";
    static final String APP = ROOT + ".app..";
    static final String USE_CASES = ROOT + ".ports.in..";
    static final String DRIVERS_CLI = ROOT + ".app.cli..";
    static final String DRIVERS_FACADE = ROOT + ".app.facade..";
    /** The driver-side settings (layers, flags, {@code config show}); not an adapter, not a port. */
    static final String APP_CONFIG = ROOT + ".app.config..";
    /** Libraries the drivers render with: picocli, progress bars, JSON output. */
    static final String[] DRIVER_LIBRARIES = {"picocli..", "me.tongfei.progressbar..", "com.fasterxml.jackson.."};
    static final String PLUGIN_SPI = ROOT + ".spi..";
    /** The web driver (the trustless gateway and the discovery site). */
    static final String WEB_ADAPTER = ROOT + ".adapter.web..";
    /** The web composition: the one place that wires the web driver. */
    static final String WEB_COMPOSITION = ROOT + ".app.web..";
    /** The example third-party plugin of the tests. */
    static final String EXAMPLE_PLUGIN = APP.replace("..", "") + ".plugin.example..";

    static final ArchRule DOMAIN_USES_ONLY_THE_JDK = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .as("domain depends on the JDK only");

    static final ArchRule PORTS_USE_ONLY_DOMAIN = classes().that().resideInAnyPackage(PORTS, APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.inject..", DOMAIN, PORTS, APPLICATION)
            .as("ports depend on domain (and jakarta.inject) only");

    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching(ROOT + ".adapter.(*)..")
            .should().notDependOnEachOther()
            .as("adapters never depend on each other");

    static final ArchRule ONLY_APP_USES_GUICE = noClasses().that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..")
            .as("only app uses Guice");

    static final ArchRule NOTHING_DEPENDS_ON_APP = noClasses().that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .as("nothing depends on app");

    static final ArchRule DRIVERS_USE_ONLY_USE_CASES = classes().that().resideInAnyPackage(DRIVERS_CLI, DRIVERS_FACADE)
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..", DOMAIN, USE_CASES, DRIVERS_CLI,
                            DRIVERS_FACADE, APP_CONFIG)
                    .or(JavaClass.Predicates.resideInAnyPackage(DRIVER_LIBRARIES))
                    .or(entryPoint()))
            .as("drivers (app.cli, app.facade) depend only on ports.in, domain and the composition entry point");

    static final ArchRule USE_CASES_HIDE_THE_OUTBOUND_SIDE = classes().that().resideInAPackage(USE_CASES)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, USE_CASES)
            .as("ports.in depends on domain only (drivers never see ports.out or the services)");

    static final ArchRule APP_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching(ROOT + ".app.(*)..")
            .should().beFreeOfCycles()
            .as("no cycles between app's packages");

    static final ArchRule PLUGIN_SPI_USES_ONLY_PORTS_AND_DOMAIN = classes().that().resideInAPackage(PLUGIN_SPI)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", PLUGIN_SPI, PORTS, DOMAIN)
            .as("the plugin SPI depends on the ports and the domain only");

    static final ArchRule PLUGINS_SEE_ONLY_THE_SPI = classes().that().resideInAPackage(EXAMPLE_PLUGIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", EXAMPLE_PLUGIN, PLUGIN_SPI, PORTS, DOMAIN)
            .as("a plugin compiles against the plugin SPI, the ports and the domain alone")
            .allowEmptyShould(true);

    static final ArchRule WEB_ADAPTER_USES_PORTS_DOMAIN_AND_JETTY = classes().that().resideInAPackage(WEB_ADAPTER)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", WEB_ADAPTER, PORTS, DOMAIN, "org.eclipse.jetty..")
            .as("the web adapter depends on the ports, the domain and Jetty only");

    static final ArchRule ONLY_THE_WEB_COMPOSITION_SEES_THE_WEB_ADAPTER = noClasses().that()
            .resideOutsideOfPackages(WEB_ADAPTER, WEB_COMPOSITION)
            .should().dependOnClassesThat().resideInAPackage(WEB_ADAPTER)
            .as("only the web composition (app.web) uses the web adapter");

    /** Every rule; {@code ArchitectureTest} checks each against production and a planted violation. */
    static final List<ArchRule> ALL = List.of(DOMAIN_USES_ONLY_THE_JDK, PORTS_USE_ONLY_DOMAIN, ADAPTERS_ARE_INDEPENDENT,
            ONLY_APP_USES_GUICE, NOTHING_DEPENDS_ON_APP, DRIVERS_USE_ONLY_USE_CASES, USE_CASES_HIDE_THE_OUTBOUND_SIDE,
            APP_PACKAGES_ARE_FREE_OF_CYCLES, PLUGIN_SPI_USES_ONLY_PORTS_AND_DOMAIN, PLUGINS_SEE_ONLY_THE_SPI,
            WEB_ADAPTER_USES_PORTS_DOMAIN_AND_JETTY, ONLY_THE_WEB_COMPOSITION_SEES_THE_WEB_ADAPTER);

    /**
     * The composition entry point (with the profile plugins it composes, which the CLI distribution records, and the web
     * composition's, which starts {@code serve}), the settings declarations {@code config show} lists, and a bad
     * setting's failure.
     */
    private static DescribedPredicate<JavaClass> entryPoint() {
        return JavaClass.Predicates.belongToAnyOf(Composition.class, UseCases.class, Profiles.class, WebServing.class, ConfigKey.class,
                InvalidSettingsException.class);
    }

    private ArchitectureRules() {
    }
}
