package dev.pdkit.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery precedence and failure messages, with an injected list instead of ServiceLoader. */
class ProvidersTest {

    record Fake(String name, int priority) {
    }

    private static final String PROPERTY = "pdkit.test.provider";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static Providers<Fake> over(Iterable<Fake> candidates) {
        return new Providers<>(Fake.class, "transport", PROPERTY, "dev.pdkit:pd-transport-jdk",
                Fake::name, Fake::priority, () -> candidates);
    }

    @Test
    void highestPriorityWinsAndTiesGoByName() {
        assertEquals("okhttp", over(List.of(new Fake("jdk", 100), new Fake("okhttp", 200))).choose().name());
        assertEquals("apache", over(List.of(new Fake("jdk", 100), new Fake("apache", 100))).choose().name());
    }

    @Test
    void theSystemPropertyNamesTheProvider() {
        System.setProperty(PROPERTY, "JDK");
        assertEquals("jdk", over(List.of(new Fake("jdk", 100), new Fake("okhttp", 200))).choose().name());
        System.setProperty(PROPERTY, "netty");
        PdClientException e = assertThrows(PdClientException.class,
                () -> over(List.of(new Fake("jdk", 100))).choose());
        assertTrue(e.getMessage().contains("netty") && e.getMessage().contains("jdk(100)"), e.getMessage());
    }

    @Test
    void noneFoundNamesTheArtifactToAdd() {
        PdClientException e = assertThrows(PdClientException.class, () -> over(List.of()).choose());
        assertTrue(e.getMessage().contains("dev.pdkit:pd-transport-jdk"), e.getMessage());
    }

    @Test
    void aBrokenProviderDoesNotHideTheOthers() {
        Iterable<Fake> withBrokenJar = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public Fake next() {
                switch (i++) {
                    case 0:
                        return new Fake("jdk", 100);
                    case 1:
                        throw new ServiceConfigurationError("provider class not found");
                    case 2:
                        return new Fake("apache", 50);
                    default:
                        throw new NoSuchElementException();
                }
            }
        };
        assertEquals(List.of(new Fake("jdk", 100), new Fake("apache", 50)), over(withBrokenJar).available());
    }
}
