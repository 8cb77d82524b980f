package org.phasic.traces.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's dependency rules (DESIGN §1), shared by the production scan and the planted-violation tests. */
final class ArchitectureRules {
    static final String ROOT = "org.phasic.traces";
    static final String DOMAIN = ROOT + ".domain..";
    static final String PORTS = ROOT + ".ports..";
    static final String APPLICATION = ROOT + ".application..";
    static final String ADAPTERS = ROOT + ".adapter..";
    static final String APP = ROOT + ".app..";
    static final String PLUGIN_SPI = ROOT + ".spi..";
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

    static final ArchRule PLUGIN_SPI_USES_ONLY_PORTS_AND_DOMAIN = classes().that().resideInAPackage(PLUGIN_SPI)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", PLUGIN_SPI, PORTS, DOMAIN)
            .as("the plugin SPI depends on the ports and the domain only");

    static final ArchRule PLUGINS_SEE_ONLY_THE_SPI = classes().that().resideInAPackage(EXAMPLE_PLUGIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", EXAMPLE_PLUGIN, PLUGIN_SPI, PORTS, DOMAIN)
            .as("a plugin compiles against the plugin SPI, the ports and the domain alone");

    private ArchitectureRules() {
    }
}
