package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pdkit.EventsApiV2Client;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The clients the fake and its JUnit extension hand a test, already pointed at the fake. */
class FakeClientsTest {

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder().build();

    @Test
    void theExtensionInjectsClientsOfItsFake(FakePagerDuty pd, RestApiV2Client rest, EventsApiV2Client events) {
        String dedupKey = events.trigger("Disk full on db-1", "db-1.example.com");
        Map<String, Object> incident = rest.with(o -> o.param("incident_key", dedupKey)).listAll("/incidents").get(0);
        // The account key with From: the standard user, so an incident action is accepted.
        Map<String, Object> acked = rest.rput("/incidents/" + incident.get("id"),
                Map.of("type", "incident_reference", "status", "acknowledged"));
        assertEquals("acknowledged", acked.get("status"));
        assertEquals(pd.userEmail(), pd.requests().get(pd.requests().size() - 1).header("From"));
        assertEquals(pd.restUrl(), rest.account().baseUrl());
    }

    @Test
    void theFakesOwnClientsAreReadyToUse() {
        try (FakePagerDuty pd = FakePagerDuty.start()) {
            RestApiV2Client rest = pd.restClient();
            try (rest; EventsApiV2Client events = pd.eventsClient()) {
                long before = rest.iterAll("/incidents").total();
                events.trigger("CPU at 100%", "web-2.example.com");
                assertEquals(before + 1, rest.iterAll("/incidents").total());
            }
            assertThrows(IllegalStateException.class, () -> rest.get("/users"), "closed by the try");
        }
    }
}
