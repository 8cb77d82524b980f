package org.phasic.traces.adapter.cloud;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The published contract suite must run for any backend, so it may not know S3 or GCS. */
class ContractSuiteIsolationTest {

    private static final String[] ALLOWED = {
        "java..", "org.junit..", "org.assertj..", "org.opentest4j..",
        "org.phasic.traces.ports..", "org.phasic.traces.domain..", "..adapter.cloud.contract..",
    };
    private static final ArchRule BACKEND_NEUTRAL = classes()
            .that().resideInAPackage("..adapter.cloud.contract..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED);

    @Test
    void contractSuiteDependsOnlyOnJdkJunitAssertjAndPorts() {
        JavaClasses contract = new ClassFileImporter().importPackages("org.phasic.traces.adapter.cloud.contract");

        assertThat(contract.size()).isGreaterThan(3);
        BACKEND_NEUTRAL.check(contract);
    }

    @Test
    void theRuleCatchesABackendSpecificClass() {
        JavaClasses withS3 = new ClassFileImporter().importClasses(S3BlobStoreTest.class);
        ArchRule asIfInContract = classes().that().haveSimpleName("S3BlobStoreTest")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED);

        assertThat(asIfInContract.evaluate(withS3).hasViolation()).isTrue();
    }
}
