package dev.pdkit.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Rules across modules: {@code dev.pdkit.internal} belongs to pd-core alone, and adapters hold no
 * PagerDuty logic (among pdkit types they see only the ports).
 */
class ModuleBoundariesTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pdkit");

    @Test
    void internalsAreUsedOnlyInsideCore() {
        noClasses().that().resideOutsideOfPackages("dev.pdkit", "dev.pdkit.spi", "dev.pdkit.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.pdkit.internal..")
                .check(ALL);
    }

    @Test
    void adaptersSeeOnlyThePorts() {
        noClasses().that().resideInAnyPackage("dev.pdkit.transport..", "dev.pdkit.json..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pdkit", "dev.pdkit.internal..")
                .check(ALL);
    }
}
