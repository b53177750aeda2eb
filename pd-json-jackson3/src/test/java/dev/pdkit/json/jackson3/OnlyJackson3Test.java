package dev.pdkit.json.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot 4 style test class path: Jackson 3 and no Jackson 2 databind. The fake starts and
 * serves, and the client discovers this codec and binds with it.
 */
class OnlyJackson3Test {

    /** A user as the application binds it. */
    public record User(String id, String name, String email, String timeZone) {
    }

    /** An incident, with a time. */
    public record Incident(String id, String status, OffsetDateTime createdAt) {
    }

    @Test
    void theFakeServesAndTheClientDiscoversJackson3() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"),
                "no Jackson 2 databind on this test's path");
        try (FakePagerDuty pd = FakePagerDuty.start(); RestApiV2Client client = pd.restClient()) {
            List<User> users = client.as(User.class).listAll("/users");
            assertTrue(users.stream().anyMatch(u -> u.email().equals(pd.userEmail())), users::toString);
            String key = pd.eventsClient().trigger("Disk full", "db-1");
            Incident incident = client.with(o -> o.param("incident_key", key)).as(Incident.class).listAll("/incidents").get(0);
            assertEquals("triggered", incident.status());
            String agent = pd.requests().get(0).header("User-Agent");
            assertTrue(agent.contains("codec jackson3"), agent);
        }
    }
}
