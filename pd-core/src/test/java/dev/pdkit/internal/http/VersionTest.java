package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** pdkit's version, which the User-Agent carries, comes from the build. */
class VersionTest {

    @Test
    void theVersionIsTheBuildsReleaseNumber() {
        String version = Version.get();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), version);
    }
}
