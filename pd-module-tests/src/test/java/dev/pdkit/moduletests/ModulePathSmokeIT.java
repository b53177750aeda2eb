package dev.pdkit.moduletests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published jars on a plain module path, as an application runs them:
 * {@code java -p <runtime module path> -m dev.pdkit.moduletests/dev.pdkit.moduletests.ModulePathSmoke}.
 * Surefire cannot show module-resolution mistakes (it adds {@code ALL-MODULE-PATH} and resolves
 * every JDK module for its class-path part); a forked JVM can, e.g. an adapter that needs a module
 * nothing requires.
 */
class ModulePathSmokeIT {

    private static final String MAIN = "dev.pdkit.moduletests/dev.pdkit.moduletests.ModulePathSmoke";

    /** The forked JVM's exit code, standard output lines (the results) and standard error. */
    private record Run(int exitCode, List<String> lines, String stderr) {
        String text() {
            return String.join("\n", lines) + (stderr.isBlank() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    @Test
    void serviceLoaderFindsEveryAdapterInItsNamedModule() throws Exception {
        Run run = run(modulePath(entry -> true), List.of(), "providers");

        assertEquals(0, run.exitCode(), run::text);
        assertEquals(List.of(
                "transport apache 150 dev.pdkit.transport.apache",
                "transport jdk 100 dev.pdkit.transport.jdk",
                "transport okhttp 200 dev.pdkit.transport.okhttp",
                "json jackson 100 dev.pdkit.json.jackson"), run.lines());
    }

    @Test
    void aClientOnEachTransportPerformsARealRequest() throws Exception {
        Run run = run(modulePath(entry -> true), List.of(), "each");

        assertEquals(0, run.exitCode(), run::text);
        assertEquals(List.of("ok apache P1 apache", "ok jdk P1 jdk", "ok okhttp P1 okhttp"), run.lines());
    }

    @Test
    void theHighestPriorityWinsWhenNothingIsChosen() throws Exception {
        Run run = run(modulePath(entry -> true), List.of(), "default");

        assertEquals(0, run.exitCode(), run::text);
        assertEquals(List.of("chosen transport=okhttp codec=jackson user=P1"), run.lines());
    }

    @Test
    void theSystemPropertyChooses() throws Exception {
        for (String name : List.of("jdk", "apache", "okhttp")) {
            Run run = run(modulePath(entry -> true), List.of("-Dpdkit.transport=" + name, "-Dpdkit.json=jackson"), "default");

            assertEquals(0, run.exitCode(), run::text);
            assertEquals(List.of("chosen transport=" + name + " codec=jackson user=P1"), run.lines(), name);
        }
    }

    @Test
    void anUnknownNameIsAnErrorNamingTheArtifacts() throws Exception {
        Run run = run(modulePath(entry -> true), List.of("-Dpdkit.transport=nope"), "default");

        assertEquals(1, run.exitCode(), run::text);
        assertTrue(run.text().contains("dev.pdkit.PdClientException"), run::text);
        assertTrue(run.text().contains("pdkit.transport=nope"), run::text);
        assertTrue(run.text().contains("dev.pdkit:pd-transport-jdk"), run::text);
    }

    @Test
    void noTransportOnThePathIsAnErrorNamingTheArtifacts() throws Exception {
        List<String> path = modulePath(entry -> !new File(entry).getPath().contains("pd-transport-"));

        Run run = run(path, List.of(), "default");

        assertEquals(1, run.exitCode(), run::text);
        assertTrue(run.text().contains("No pdkit transport found"), run::text);
        assertTrue(run.text().contains("dev.pdkit:pd-transport-jdk"), run::text);
        assertTrue(run.text().contains("dev.pdkit:pd-transport-okhttp"), run::text);
        assertTrue(run.text().contains("dev.pdkit:pd-transport-apache"), run::text);
    }

    @Test
    void eachAdapterAloneIsEnough() throws Exception {
        for (String only : List.of("jdk", "okhttp", "apache")) {
            List<String> path = modulePath(entry -> {
                String p = new File(entry).getPath();
                return !p.contains("pd-transport-") || p.contains("pd-transport-" + only);
            });

            Run run = run(path, List.of(), "default");

            assertEquals(0, run.exitCode(), run::text);
            assertEquals(List.of("chosen transport=" + only + " codec=jackson user=P1"), run.lines(), only);
        }
    }

    /** This module's classes followed by the runtime dependencies that pass {@code keep}. */
    private static List<String> modulePath(Predicate<String> keep) throws IOException {
        String file = System.getProperty("pdkit.moduletests.runtimePathFile");
        String classes = System.getProperty("pdkit.moduletests.classes");
        assertNotNull(file, "pdkit.moduletests.runtimePathFile is not set (run through Failsafe)");
        assertNotNull(classes, "pdkit.moduletests.classes is not set (run through Failsafe)");
        String runtime = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        assertFalse(runtime.isEmpty(), "empty runtime path in " + file);
        List<String> path = new ArrayList<>();
        path.add(classes);
        Arrays.stream(runtime.split(File.pathSeparator)).filter(keep).forEach(path::add);
        return path;
    }

    private static Run run(List<String> modulePath, List<String> jvmArgs, String mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-p");
        command.add(String.join(File.pathSeparator, modulePath));
        command.add("-m");
        command.add(MAIN);
        command.add(mode);
        Path output = Files.createTempFile("pdkit-module-smoke", ".out");
        Path errors = Files.createTempFile("pdkit-module-smoke", ".err");
        try {
            // Standard error apart: libraries may print there (slf4j 1.7 warns that it has no binding).
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the forked JVM did not finish within 120 s: " + command + "\n" + Files.readString(output)
                        + Files.readString(errors));
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .collect(Collectors.toList());
            return new Run(process.exitValue(), lines, Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
