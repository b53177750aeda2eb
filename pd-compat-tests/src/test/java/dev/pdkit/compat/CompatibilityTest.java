package dev.pdkit.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.EventsApiV2Client;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.transport.apache.ApacheTransport;
import dev.pdkit.transport.jdk.JdkTransport;
import dev.pdkit.transport.okhttp.OkHttpTransport;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hc.core5.util.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pdkit as a Spring Boot 3.5 application runs it: on the versions Boot pins (checked first, so a
 * change of the build can't make this test pass on other versions), each transport through the
 * client's REST and Events calls against the fake, with typed binding of {@code java.time}.
 */
class CompatibilityTest {

    /** A user, bound by pdkit's default snake_case naming. */
    record User(String id, String name, String email, String timeZone) {
    }

    /** An incident, with a time bound through Jackson's java.time support. */
    record Incident(String id, String incidentKey, String status, OffsetDateTime createdAt) {
    }

    @Test
    void theClassPathHoldsSpringBoot35sVersions() {
        assertEquals("2.19.2", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertEquals("2.19.2", com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString());
        assertEquals("5.5.1", VersionInfo.loadVersionInfo("org.apache.hc.client5",
                VersionInfo.class.getClassLoader()).getRelease());
        assertEquals("5.3.6", VersionInfo.loadVersionInfo("org.apache.hc.core5",
                VersionInfo.class.getClassLoader()).getRelease());
        assertEquals("1.9.25", kotlin.KotlinVersion.CURRENT.toString());
        String feature = System.getProperty("pdkit.compat.expectedJavaFeature");
        if (feature != null) {
            assertEquals(Integer.parseInt(feature), Runtime.version().feature(), "the JVM this execution asked for");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache"})
    void restAndEventsCallsWorkOnEachTransport(String name) {
        Function<TransportOptions, Transport> create = switch (name) {
            case "jdk" -> JdkTransport::create;
            case "okhttp" -> OkHttpTransport::create;
            default -> ApacheTransport::create;
        };
        try (FakePagerDuty pd = FakePagerDuty.start();
                Transport transport = create.apply(TransportOptions.defaults());
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                        .defaultFrom(pd.userEmail()).transport(transport).build();
                EventsApiV2Client events = EventsApiV2Client.builder(pd.routingKey()).baseUrl(pd.eventsUrl())
                        .transport(transport).build()) {
            Map<String, Object> created = client.rpost("/users", Map.of("type", "user", "name", "Compat " + name,
                    "email", name + "@compat.example.com"));
            User user = client.as(User.class).rget("/users/" + created.get("id"));
            assertEquals(new User((String) created.get("id"), "Compat " + name, name + "@compat.example.com",
                    user.timeZone()), user);
            List<User> all = client.with(o -> o.pageSize(1)).as(User.class).listAll("/users");
            assertTrue(all.contains(user), all::toString);

            String dedupKey = events.trigger("Compat check on " + name, "compat.example.com",
                    e -> e.dedupKey("compat-" + name));
            Incident incident = client.with(o -> o.param("incident_key", dedupKey)).as(Incident.class)
                    .listAll("/incidents").get(0);
            assertEquals("triggered", incident.status());
            assertTrue(incident.createdAt().isBefore(OffsetDateTime.now().plusMinutes(1)), incident::toString);
        }
    }
}
