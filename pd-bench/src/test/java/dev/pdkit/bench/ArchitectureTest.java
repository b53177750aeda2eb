package dev.pdkit.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.pdkit.bench.micro.PathLookupBenchmark;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The project rule is that {@code dev.pdkit.internal..} is used from nowhere but pd-core. The micro
 * benchmarks are the one measured exception; this keeps the exception to their package.
 */
class ArchitectureTest {

    /**
     * This module's own classes, main and test, imported from their directories: scanning the class
     * path for the package would also open WireMock's 17 MB jar, for seconds.
     */
    private static final JavaClasses BENCH = new ClassFileImporter()
            .importPaths(location(PathLookupBenchmark.class), location(ArchitectureTest.class));

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyTheMicroBenchmarksTouchPdCoreInternals() {
        noClasses().that().resideOutsideOfPackage("dev.pdkit.bench.micro..")
                .should().dependOnClassesThat().resideInAPackage("dev.pdkit.internal..")
                .because("pd-core's internals are used from nowhere but pd-core; the micro benchmarks in"
                        + " dev.pdkit.bench.micro are the one measured exception")
                .check(BENCH);
    }

    @Test
    void theRuleAboveIsNotVacuous() {
        // If the import found nothing, or the micro benchmarks stopped using the internals, the rule
        // above would pass for the wrong reason.
        classes().that().haveSimpleName("PathLookupBenchmark")
                .should().dependOnClassesThat().resideInAPackage("dev.pdkit.internal..")
                .check(BENCH);
    }
}
