package dev.pdkit.json.jackson;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter implements ports and nothing else: no PagerDuty logic, no reaching into core. */
class ArchitectureTest {

    private static JavaClasses adapter;

    @BeforeAll
    static void importAdapter() {
        adapter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdkit.json.jackson");
    }

    @Test
    void amongPdkitClassesOnlyThePortsAreUsed() {
        noClasses().that().resideInAPackage("dev.pdkit.json.jackson..")
                .should().dependOnClassesThat(resideInAPackage("dev.pdkit..")
                        .and(not(resideInAnyPackage("dev.pdkit.spi..", "dev.pdkit.json.jackson.."))))
                .because("an adapter implements ports; dev.pdkit.internal.. and the clients are core's business")
                .check(adapter);
    }

    @Test
    void nothingButTheJdkJacksonAndThePortsIsUsed() {
        classes().that().resideInAPackage("dev.pdkit.json.jackson..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pdkit.json.jackson..", "dev.pdkit.spi..", "java..", "com.fasterxml.jackson..")
                .check(adapter);
    }
}
