package dev.pdkit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pdkit.RestApiV2Client;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The testkit keeps its own copy of pd-core's endpoint table (pd-core does not export the package
 * that holds it). This fails when the two drift apart: copy pd-core's file over the testkit's.
 */
class EndpointTableCopyTest {

    static final String CORE = "dev/pdkit/internal/wrapping/endpoints.tsv";

    @Test
    void theTestkitsCopyEqualsPdCoresTable() throws Exception {
        byte[] ours;
        try (InputStream in = FakePagerDuty.class.getResourceAsStream("/dev/pdkit/testkit/routing/endpoints.tsv")) {
            assertNotNull(in);
            ours = in.readAllBytes();
        }
        Path core = Path.of(RestApiV2Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        byte[] theirs;
        if (Files.isDirectory(core)) {
            theirs = Files.readAllBytes(core.resolve(CORE));
        } else {
            try (ZipFile jar = new ZipFile(core.toFile())) {
                ZipEntry e = jar.getEntry(CORE);
                assertNotNull(e, "pd-core has no " + CORE);
                try (InputStream in = jar.getInputStream(e)) {
                    theirs = in.readAllBytes();
                }
            }
        }
        assertArrayEquals(theirs, ours, "pd-testkit's endpoints.tsv differs from pd-core's " + core);
    }
}
