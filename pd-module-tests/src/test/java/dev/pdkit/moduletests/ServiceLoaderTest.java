package dev.pdkit.moduletests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** In Surefire, on the module path: every published adapter is found, each in its own named module. */
class ServiceLoaderTest {

    @Test
    void findsEveryAdapterInItsNamedModule() {
        assertEquals(List.of(
                "transport apache 150 dev.pdkit.transport.apache",
                "transport jdk 100 dev.pdkit.transport.jdk",
                "transport okhttp 200 dev.pdkit.transport.okhttp",
                "json jackson 100 dev.pdkit.json.jackson"), ModulePathSmoke.providers());
    }

    @Test
    void theTestsRunInTheNamedModule() {
        assertTrue(ServiceLoaderTest.class.getModule().isNamed(), "Surefire should patch the tests into the module");
        assertEquals("dev.pdkit.moduletests", ServiceLoaderTest.class.getModule().getName());
    }
}
