package dev.pdkit.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-test lifecycle through {@code @RegisterExtension}, with the fake's own settings. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestExtensionTest {

    @RegisterExtension
    static FakePagerDutyExtension extension = FakePagerDutyExtension.builder()
            .perTest()
            .configure(b -> b.apiToken("EXTENSION-TOKEN"))
            .build();

    static FakePagerDuty previous;

    @Test
    @Order(1)
    void eachTestGetsItsOwnConfiguredFake(FakePagerDuty pd) throws Exception {
        assertSame(pd, extension.server());
        assertEquals("EXTENSION-TOKEN", pd.apiToken());
        assertEquals(201, PerClassExtensionTest.createTeam(pd));
        previous = pd;
    }

    @Test
    @Order(2)
    void andThePreviousOneWasClosed(FakePagerDuty pd) {
        assertNotSame(previous, pd);
        assertEquals(0, pd.requestCount());
        HttpRequest r = HttpRequest.newBuilder(URI.create(previous.restUrl() + "/users")).timeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()));
    }
}
