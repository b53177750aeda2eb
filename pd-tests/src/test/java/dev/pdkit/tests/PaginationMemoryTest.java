package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iterAll holds one page at a time: 200,000 records (about 130 MB as Java maps) stream through a
 * child JVM limited to a 48 MB heap. The child is this JVM's java with this JVM's module and class
 * path; the server runs here, in the parent.
 *
 * <p>The server is the hand-made {@link PageServer}, whose cursor pages are generated from an index
 * on the fly, not {@code FakePagerDuty}: seeding the fake with 200,000 records (a generic
 * cursor-paginated collection; audit records cannot be seeded) took 3 to 9 s, and the fake copies
 * the whole collection for every one of the 2,000 pages, so the two tests took about 60 s instead
 * of 14 s on the same machine, and the parent held the 200,000 records as well. What this test
 * checks is the client's memory, which the kind of server does not change.
 */
class PaginationMemoryTest {

    private static final int RECORDS = 200_000;

    private PageServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server = PageServer.start().on("/audit/records", new PageServer.Cursor("records", RECORDS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(int exit, String output) {
    }

    private Run probe(String... extra) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> path = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                path.add(value);
            }
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx48m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Dsun.net.httpserver.nodelay=true",
                "-cp", String.join(File.pathSeparator, path), MemoryProbe.class.getName(), server.url(),
                "/audit/records", String.valueOf(RECORDS)));
        command.addAll(List.of(extra));
        Path log = dir.resolve("probe-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the probe did not finish within 120 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void twoHundredThousandRecordsStreamThroughA48MbHeap() throws Exception {
        Run run = probe();
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("records=" + RECORDS + " held=0"), run.output());
        assertEquals(RECORDS / 100, server.received().size());
    }

    @Test
    void holdingThemDoesNotFitSoTheHeapIsSmallEnoughToTell() throws Exception {
        Run run = probe("hold");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("OutOfMemoryError"), run.output());
    }
}
