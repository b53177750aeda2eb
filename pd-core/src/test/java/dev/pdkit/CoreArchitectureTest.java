package dev.pdkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules that keep pd-core the centre of the hexagon, checked on its compiled classes. */
class CoreArchitectureTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdkit");
    }

    @Test
    void coreDependsOnNothingButTheJdkBaseAndItself() {
        classes().that().resideInAPackage("dev.pdkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.pdkit..", "java..")
                .check(core);
    }

    @Test
    void coreNeverUsesJavaNetHttp() {
        noClasses().that().resideInAPackage("dev.pdkit..")
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .check(core);
    }

    @Test
    void thePortsDoNotReachIntoTheInternals() {
        noClasses().that().resideInAPackage("dev.pdkit.spi..")
                .should().dependOnClassesThat().resideInAPackage("dev.pdkit.internal..")
                .check(core);
    }

    @Test
    void onlyTheSleeperPortSleeps() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.pdkit.spi.Sleeper")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .check(core);
    }

    @Test
    void theClockIsInjected() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(core);
    }
}
