package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding in code and from JSON fixtures. */
class SeedingTest {

    static final String FIXTURE = """
            {
              "users": [
                {"id": "PANN001", "name": "Ann Admin", "email": "ann@example.com", "role": "admin"},
                {"id": "PBOB002", "name": "Bob Builder", "email": "bob@example.com"}
              ],
              "teams": [{"id": "PTEAM01", "name": "Builders", "members": [{"user": {"id": "PBOB002"}, "role": "responder"}]}],
              "escalation_policies": [{"id": "PEP0001", "name": "Builders EP",
                "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"id": "PBOB002", "type": "user_reference"}]}]}],
              "services": [
                {"id": "PSVC001", "name": "Cranes", "escalation_policy": {"id": "PEP0001", "type": "escalation_policy_reference"},
                 "integrations": [{"type": "events_api_v2_inbound_integration", "integration_key": "abcdefabcdefabcdefabcdefabcdef12"}]},
                {"id": "PSVC002", "name": "Scaffolds", "escalation_policy": {"id": "PEP0001", "type": "escalation_policy_reference"}}
              ],
              "incidents": [{"title": "Crane stuck", "service": {"id": "PSVC001"}, "status": "acknowledged"}],
              "abilities": {"teams": true, "urgencies": false},
              "business_services": [{"id": "PBIZ001", "name": "Construction"}]
            }
            """;

    static FakePagerDuty pd;
    Api api;

    @BeforeAll
    static void start() {
        pd = FakePagerDuty.builder().standardSeed(false).start();
    }

    @AfterAll
    static void stop() {
        pd.close();
    }

    @BeforeEach
    void reset() {
        pd.reset();
        api = Api.account(pd);
    }

    @Test
    void withoutTheStandardSeedTheAccountIsEmpty() {
        assertEquals(List.of(), api.get("/users").list("users"));
        Api.user(pd).get("/users").expect(401); // the user key's owner doesn't exist yet
        pd.seed().user("Pat", pd.userEmail());
        Api.user(pd).get("/users/me").expect(200);
    }

    @Test
    void aFixtureSeedsFamiliesInDependencyOrderWithTheirIds() {
        pd.seedFromJson(FIXTURE);
        assertEquals("Ann Admin", api.get("/users/PANN001").expect(200).obj("user").get("name"));
        assertEquals(List.of("responder"), api.get("/teams/PTEAM01/members").list("members").stream().map(m -> m.get("role")).toList());
        assertTrue(api.get("/escalation_policies/PEP0001").obj("escalation_policy").get("services").toString().contains("PSVC001"));
        assertEquals(List.of("abcdefabcdefabcdefabcdefabcdef12"), keys("PSVC001"));
        assertEquals(1, keys("PSVC002").size(), "a service without integrations gets an Events API v2 one");
        Map<String, Object> incident = api.get("/incidents").list("incidents").get(0);
        assertEquals("acknowledged", incident.get("status"));
        assertEquals("PBOB002", Api.map(Api.maps(incident.get("assignments")).get(0).get("assignee")).get("id"));
        api.get("/abilities/teams").expect(204);
        api.get("/abilities/urgencies").expect(402);
        assertEquals("Construction", api.get("/business_services/PBIZ001").expect(200).obj("business_service").get("name"));

        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", "abcdefabcdefabcdefabcdefabcdef12", "event_action", "trigger",
                "payload", obj("summary", "fixture key works", "source", "s", "severity", "info"))).expect(202);
        assertEquals(2, api.get("/incidents").list("incidents").size());
    }

    List<Object> keys(String serviceId) {
        return Api.maps(api.get("/services/" + serviceId + "?include%5B%5D=integrations").obj("service").get("integrations"))
                .stream().map(i -> i.get("integration_key")).toList();
    }

    @Test
    void aFixtureFileWorksToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fixture.json");
        Files.writeString(file, FIXTURE);
        pd.seedFromJson(file);
        assertEquals(2, api.get("/users").list("users").size());
    }

    @Test
    void invalidSeedsFailWithPagerDutysMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pd.seed().user("No Email", "nope"));
        assertTrue(e.getMessage().contains("Email is invalid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pd.seedFromJson("{\"users\": {}}"));
        assertThrows(IllegalArgumentException.class, () -> pd.seedFromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> pd.seedFromJson("[1]"));
        assertThrows(IllegalArgumentException.class, () -> pd.seed().service("Orphan", "PNOEP00"));
        pd.seedFromJson("{\"users\": [{\"id\": \"PDUP001\", \"name\": \"A\", \"email\": \"a@example.com\"}]}");
        assertThrows(IllegalArgumentException.class,
                () -> pd.seedFromJson("{\"users\": [{\"id\": \"PDUP001\", \"name\": \"B\", \"email\": \"b@example.com\"}]}"));
    }

    @Test
    void seededValuesAreReadOnlySnapshotsWithIds() {
        Map<String, Object> user = pd.seed().user("Ann", "ann@example.com");
        assertTrue(((String) user.get("id")).matches("P[A-Z0-9]{6}"));
        assertEquals(pd.restUrl() + "/users/" + user.get("id"), user.get("self"));
        assertThrows(UnsupportedOperationException.class, () -> user.put("name", "x"));
        String epId = Api.id(pd.seed().escalationPolicy("EP", Api.id(user)));
        Map<String, Object> svc = pd.seed().service("Svc", epId);
        assertEquals(32, pd.routingKey(Api.id(svc)).length());
        String teamId = Api.id(pd.seed().team("T"));
        pd.seed().teamMember(teamId, Api.id(user), "observer");
        assertEquals("observer", api.get("/teams/" + teamId + "/members").list("members").get(0).get("role"));
        Map<String, Object> incident = pd.seed().incident(Api.id(svc), "Seeded");
        assertEquals("[#1] Seeded", incident.get("summary"));
        Map<String, Object> schedule = pd.seed().schedule("Rota", Api.id(user));
        assertEquals(1, ((List<?>) schedule.get("schedule_layers")).size());
        assertEquals("P9", pd.seed().priority("P9").get("name"));
        assertEquals("x", pd.seed().resource("/vendors", Map.of("name", "x")).get("name"));
        assertEquals("vendor", api.get("/vendors").list("vendors").get(0).get("type"));
        assertThrows(IllegalArgumentException.class, () -> pd.routingKey("PNOSVC0"));
    }
}
