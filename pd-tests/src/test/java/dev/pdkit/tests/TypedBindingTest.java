package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pdkit.Paged;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.TypedClient;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed binding through the discovered Jackson codec, against {@link FakePagerDuty} on 127.0.0.1:
 * plain Java records bind PagerDuty's snake_case JSON by their camelCase component names, with no
 * annotations, in both directions.
 */
class TypedBindingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.standardSeed(false))
            .build();

    private FakePagerDuty pd;
    private String email;
    private String serviceId;

    @BeforeEach
    void seed(FakePagerDuty pd) {
        this.pd = pd;
        email = "ada@example.com";
        String userId = (String) pd.seed().user("Ada Lovelace", email).get("id");
        String policyId = (String) pd.seed().escalationPolicy("Checkout on call", userId).get("id");
        serviceId = (String) pd.seed().service("Checkout API", policyId).get("id");
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).defaultFrom(email).build();
    }

    /** A caller's record, named the Java way; PagerDuty's incident has many more members. */
    public record Incident(String id, String incidentKey, OffsetDateTime createdAt, Map<String, Object> service) {
    }

    /** A caller's record for creating an incident. */
    public record NewIncident(String type, String title, String incidentKey, Map<String, Object> service) {
    }

    @Test
    void rgetBindsASnakeCaseIncidentToARecordByJavaNames() {
        try (RestApiV2Client client = client()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "incident");
            request.put("title", "Disk full on db-1");
            request.put("incident_key", "disk-db-1");
            request.put("service", Map.of("id", serviceId, "type", "service_reference"));
            Map<?, ?> created = assertInstanceOf(Map.class, client.rpost("incidents", request));
            String id = (String) created.get("id");
            Map<?, ?> returned = assertInstanceOf(Map.class, client.rget("/incidents/" + id));

            Incident incident = client.as(Incident.class).rget("/incidents/" + id);

            assertEquals(id, incident.id());
            assertEquals("disk-db-1", incident.incidentKey());
            assertNotNull(incident.createdAt());
            assertEquals(OffsetDateTime.parse((String) returned.get("created_at")), incident.createdAt());
            assertNotNull(incident.service());
            assertEquals(serviceId, incident.service().get("id"));
            assertEquals(returned.get("service"), incident.service(), "the map component keeps the fake's keys as they are");
        }
    }

    @Test
    void aRecordEntityIsWrittenInSnakeCase() {
        try (RestApiV2Client client = client()) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("id", serviceId);
            service.put("type", "service_reference");
            NewIncident request = new NewIncident("incident", "CPU at 100% on web-2", "cpu-web-2", service);

            Incident created = client.as(Incident.class).rpost("incidents", request);

            RecordedRequest post = pd.takeRequest(WAIT);
            assertEquals("POST /incidents", post.toString());
            assertEquals("{\"incident\":{\"type\":\"incident\",\"title\":\"CPU at 100% on web-2\","
                    + "\"incident_key\":\"cpu-web-2\",\"service\":{\"id\":\"" + serviceId
                    + "\",\"type\":\"service_reference\"}}}", post.bodyText());
            assertEquals("cpu-web-2", created.incidentKey(), "the fake stored the key it was sent as incident_key");
            assertNotNull(created.id());
            assertNotNull(created.createdAt());
        }
    }

    /** A caller's record for users, with a snake_case member of PagerDuty's. */
    public record User(String id, String name, String email, String timeZone) {
    }

    /** The body of {@code GET /users}, as much of it as the test reads. */
    public record UsersPage(List<User> users, boolean more) {
    }

    @Test
    void everyReadOfTheTypedViewBindsTheSameRecords() {
        pd.seed().user("Bob Babbage", "bob@example.com");
        try (RestApiV2Client client = client()) {
            TypedClient<User> users = client.as(User.class);
            List<User> all = users.listAll("/users");
            assertEquals(List.of("Ada Lovelace", "Bob Babbage"), all.stream().map(User::name).toList());
            assertNotNull(all.get(0).timeZone(), "time_zone binds to timeZone");

            try (Paged<User> paged = client.with(o -> o.pageSize(1)).as(User.class).iterAll("/users")) {
                assertEquals(all, paged.toList(), "pages of one, bound as they are read");
            }
            Map<String, User> byEmail = users.dictAll("/users", "email");
            assertEquals(all.get(1), byEmail.get("bob@example.com"));
            assertEquals(Optional.of(all.get(0)), users.find("users", "ADA@example.com", "email"));
            assertEquals(Optional.empty(), users.find("users", "nobody@example.com", "email"));
            assertEquals(all.get(0), users.rget("/users/" + all.get(0).id()));

            User kept = users.persist("users", "email", Map.of("email", "bob@example.com", "name", "Bob B."),
                    RestApiV2Client.Existing.KEEP);
            assertEquals(all.get(1), kept, "KEEP returns the existing record as it is");
            User updated = users.persist("users", "email", Map.of("email", "bob@example.com", "name", "Bob B."),
                    RestApiV2Client.Existing.UPDATE);
            assertEquals("Bob B.", updated.name());

            UsersPage page = client.as(UsersPage.class).jget("/users");
            assertEquals(new UsersPage(users.listAll("/users"), false), page, "jget binds the whole body, wrapper included");
        }
    }
}
