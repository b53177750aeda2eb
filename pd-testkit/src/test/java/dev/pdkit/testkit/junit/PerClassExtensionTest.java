package dev.pdkit.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.testkit.FakePagerDuty;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension's default: one fake per class, injected everywhere, reset between tests. */
@ExtendWith(FakePagerDutyExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassExtensionTest {

    static FakePagerDuty fromBeforeAll;
    final FakePagerDuty fromConstructor;
    FakePagerDuty fromBeforeEach;

    PerClassExtensionTest(FakePagerDuty pd) {
        this.fromConstructor = pd;
    }

    @BeforeAll
    static void beforeAll(FakePagerDuty pd) {
        fromBeforeAll = pd;
    }

    @BeforeEach
    void beforeEach(FakePagerDuty pd) {
        fromBeforeEach = pd;
    }

    static int createTeam(FakePagerDuty pd) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pd.restUrl() + "/teams"))
                .header("Authorization", "Token token=" + pd.apiToken()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"team\":{\"name\":\"X\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @Test
    @Order(1)
    void theSameFakeIsInjectedEverywhere(FakePagerDuty pd) throws Exception {
        assertSame(fromBeforeAll, pd);
        assertSame(pd, fromConstructor);
        assertSame(pd, fromBeforeEach);
        assertEquals(201, createTeam(pd));
        assertEquals(1, pd.requestCount());
    }

    @Test
    @Order(2)
    void itWasResetAfterThePreviousTest(FakePagerDuty pd) throws Exception {
        assertSame(fromBeforeAll, pd);
        assertEquals(0, pd.requestCount(), "the journal was cleared");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pd.restUrl() + "/teams?total=true"))
                .header("Authorization", "Token token=" + pd.apiToken()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Map<?, ?> page = (Map<?, ?>) JacksonJsonCodec.create().read(r.body());
        assertEquals(1, page.get("total"), "only the standard seed's team is left: " + page);
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareTheEnclosingFake(FakePagerDuty pd) {
            assertSame(fromBeforeAll, pd);
        }
    }
}
