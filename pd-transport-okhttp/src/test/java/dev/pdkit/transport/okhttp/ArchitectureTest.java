package dev.pdkit.transport.okhttp;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Adapters contain no PagerDuty logic: among pdkit classes, they see only the ports. */
class ArchitectureTest {

    @Test
    void dependsOnNoPdkitClassesButThePorts() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdkit.transport.okhttp");
        assertFalse(classes.isEmpty(), "no classes imported");

        noClasses().that().resideInAPackage("dev.pdkit.transport.okhttp..")
                .should().dependOnClassesThat(resideInAPackage("dev.pdkit..")
                        .and(not(resideInAnyPackage("dev.pdkit.spi..", "dev.pdkit.transport.okhttp.."))))
                .because("adapters implement ports and contain no PagerDuty logic")
                .check(classes);
    }
}
