package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.RestApiV2Client.Existing;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * listAll, dictAll, find, persist and getTotal (pdpyras' tests of §12, and python-pagerduty's
 * get_total), against {@link FakePagerDuty} with an empty account: what the tests seed is all
 * there is. The fake filters {@code /users} by {@code query} as PagerDuty's fuzzy search does (a
 * case-insensitive substring of name or email), so {@code find}'s own exact comparison is what
 * picks the record; a generic collection ({@code /business_services}) stands in for an index
 * whose search returns records the query does not literally match.
 */
class CollectionHelpersTest {

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.standardSeed(false))
            .build();

    private FakePagerDuty pd;

    @BeforeEach
    void fake(FakePagerDuty pd) {
        this.pd = pd;
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build();
    }

    private List<String> methods() {
        return pd.requests().stream().map(RecordedRequest::method).toList();
    }

    /** Users {@code User 000..} with emails {@code user0@example.com..}, in the fake's (name) order. */
    private List<Map<String, Object>> seedUsers(int n) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(pd.seed().user(String.format("User %03d", i), "user" + i + "@example.com"));
        }
        return users;
    }

    @Test
    void listAllAndDictAll() {
        List<Map<String, Object>> users = seedUsers(250);
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> all = client.listAll("/users");
            assertEquals(users, all);
            all.add(Map.of());
            Map<String, Map<String, Object>> byId = client.dictAll("/users", "id");
            assertEquals(users.stream().map(u -> u.get("id")).toList(), new ArrayList<>(byId.keySet()),
                    "keyed by id, in the API's order");
            assertEquals(users.get(7), byId.get((String) users.get(7).get("id")));
            Map<String, Map<String, Object>> byEmail = client.with(o -> o.params(Map.of("limit", 50))).dictAll("/users", "email");
            assertEquals(users.get(249), byEmail.get("user249@example.com"));
            assertEquals(250, byEmail.size());
            PdClientException e = assertThrows(PdClientException.class, () -> client.dictAll("/users", "nickname"));
            assertTrue(e.getMessage().contains("'nickname'"), e.getMessage());
        }
    }

    @Test
    void findMatchesExactlyIgnoringCaseAndSendsTheQuery() {
        Map<String, Object> user1 = pd.seed().user("User One", "user1@example.com");
        Map<String, Object> user2 = pd.seed().user("User Two", "User2@Example.com ");
        pd.seed().user("Jane", "jane@example.com");
        String team = (String) pd.seed().team("Platform").get("id");
        try (RestApiV2Client client = client()) {
            assertEquals(Optional.of(user1), client.find("users", "USER1@example.COM", "email"));
            assertEquals("GET /users?query=USER1%40example.COM&limit=100&offset=0", pd.requests().get(0).toString());
            assertEquals(Optional.empty(), client.find("users", "user2@example.com", "email"),
                    "whitespace is not stripped: 'User2@Example.com ' is another value");
            assertEquals(Optional.of(user2), client.find("users", "user2@example.com ", "email"));
            assertEquals(Optional.empty(), client.find("users", "user1", "no_such_attribute"),
                    "a missing attribute is no match, not an error");
            Map<String, Object> params = Map.of("team_ids", List.of(team));
            assertEquals(4, pd.requestCount());
            assertEquals(Optional.empty(), client.with(o -> o.params(params)).find("users", "Jane", "name"), "Jane is not on the team");
            assertEquals("GET /users?team_ids%5B%5D=" + team + "&query=Jane&limit=100&offset=0",
                    pd.requests().get(4).toString());
            assertEquals(Optional.of("Jane"), client.find("users", "jane", "name").map(u -> u.get("name")));
        }
    }

    @Test
    void findComparesNumbersByTheirTextAndNeverMatchesNull() {
        Map<String, Object> five = pd.seed().resource("/business_services", Map.of("name", "Payments", "f", 5));
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("name", "Search");
        withNull.put("f", null);
        pd.seed().resource("/business_services", withNull);
        try (RestApiV2Client client = client()) {
            assertEquals(Optional.of(five), client.find("business_services", "5", "f"), "a number compares by its text");
            assertEquals(Optional.empty(), client.find("business_services", "null", "f"));
            assertEquals(Optional.empty(), client.find("business_services", "anything", "no_such_attribute"),
                    "a missing attribute is no match, not an error");
            assertEquals("GET /business_services?query=5&limit=100&offset=0", pd.requests().get(0).toString());
        }
    }

    @Test
    void findStopsAtTheFirstMatch() {
        // 1,000 users whose names all contain "Smith", so the fake's search returns all of them, in
        // name order: 150 "A Smith ...", then "Smith" itself, then 849 "Z Smith ...".
        for (int i = 0; i < 150; i++) {
            pd.seed().user(String.format("A Smith %03d", i), "a.smith." + i + "@example.com");
        }
        Map<String, Object> smith = pd.seed().user("Smith", "smith@example.com");
        for (int i = 0; i < 849; i++) {
            pd.seed().user(String.format("Z Smith %03d", i), "z.smith." + i + "@example.com");
        }
        try (RestApiV2Client client = client()) {
            assertEquals(Optional.of(smith), client.find("users", "Smith", "name"));
            assertEquals(2, pd.requestCount());
            assertEquals(Optional.empty(), client.find("users", "Smith", "email"));
            assertEquals(12, pd.requestCount(), "no match reads every page");
        }
    }

    @Test
    void persistDoesNotCreateWhatExists() {
        Map<String, Object> jane = pd.seed().user("Jane", "jane@example.com");
        try (RestApiV2Client client = client()) {
            Map<String, Object> values = Map.of("email", "jane@example.com", "name", "Jane Doe");
            assertEquals(jane, client.persist("users", "email", values, RestApiV2Client.Existing.KEEP));
            assertEquals(List.of("GET"), methods());
        }
    }

    @Test
    void persistCreatesWhatDoesNotExist() {
        pd.seed().user("Other", "other@example.com");
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .defaultFrom("other@example.com").build()) {
            Map<String, Object> values = Map.of("email", "new@example.com", "name", "New", "type", "user");
            Map<String, Object> created = client.persist("users", "email", values, Existing.UPDATE);
            assertEquals(List.of("GET", "POST"), methods());
            RecordedRequest post = pd.requests().get(1);
            assertEquals("POST /users", post.toString());
            assertEquals(Map.of("user", values), Json.parse(post.bodyText()));
            String id = (String) created.get("id");
            assertTrue(id != null && !id.isBlank(), created.toString());
            assertEquals("new@example.com", created.get("email"));
            assertEquals(created, client.rget("/users/" + id), "the fake created it");
        }
    }

    @Test
    void persistPutsToSelfWhenUpdatingAChangedRecord() {
        Map<String, Object> existing = pd.seed().user("Jane", "jane@example.com");
        try (RestApiV2Client client = client()) {
            Map<String, Object> values = Map.of("email", "jane@example.com", "name", "Jane Doe");
            Map<String, Object> updated = client.persist("users", "email", values, Existing.UPDATE);
            assertEquals("Jane Doe", updated.get("name"));
            RecordedRequest put = pd.requests().get(1);
            assertEquals("PUT", put.method());
            assertEquals("/users/" + existing.get("id"), put.path());
            assertEquals(pd.restUrl() + put.path(), existing.get("self"), "the self link the fake gave");
            Map<String, Object> merged = new LinkedHashMap<>(existing);
            merged.put("name", "Jane Doe");
            assertEquals(Map.of("user", merged), Json.parse(put.bodyText()));
            assertEquals(2, pd.requestCount());
        }
    }

    @Test
    void persistDoesNotPutWhenNothingChanged() {
        String pat = (String) pd.seed().user("Pat", "pat@example.com").get("id");
        Map<String, Object> existing = pd.seed().escalationPolicy(Map.of("name", "Follow the Sun", "num_loops", 3,
                "escalation_rules", List.of(Map.of("escalation_delay_in_minutes", 30,
                        "targets", List.of(Map.of("id", pat, "type", "user_reference"))))));
        try (RestApiV2Client client = client()) {
            Map<String, Object> values = Map.of("name", "Follow the Sun", "num_loops", 3L);
            Map<String, Object> result = client.persist("escalation_policies", "name", values, Existing.UPDATE);
            assertEquals(existing, result);
            assertEquals(List.of("GET"), methods(), "a Long 3 and the JSON 3 are the same value: no PUT");
        }
    }

    @Test
    void persistNeedsTheAttributeInValues() {
        try (RestApiV2Client client = client()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.persist("users", "email", Map.of("name", "Jane"), Existing.UPDATE));
            assertTrue(e.getMessage().contains("'email'"), e.getMessage());
            assertEquals(0, pd.requestCount());
        }
    }

    @Test
    void getTotalAsksForOneRecord() {
        String service = (String) pd.seed().service("Checkout API",
                (String) pd.seed().escalationPolicy("Primary", (String) pd.seed().user("Pat", "pat@example.com")
                        .get("id")).get("id")).get("id");
        for (int i = 0; i < 150; i++) {
            pd.seed().incident(Map.of("service", Map.of("id", service), "title", "Triggered " + i));
        }
        for (int i = 0; i < 30; i++) {
            pd.seed().incident(Map.of("service", Map.of("id", service), "title", "Acknowledged " + i,
                    "status", "acknowledged"));
        }
        try (RestApiV2Client client = client()) {
            Map<String, Object> params = Map.of("statuses", List.of("triggered"));
            assertEquals(150, client.with(o -> o.params(params)).iterAll("/incidents").total());
            assertEquals("GET /incidents?statuses%5B%5D=triggered&total=true&limit=1&offset=0",
                    pd.requests().get(0).toString());
            assertEquals(180, client.iterAll("incidents").total());
        }
    }

    @Test
    void getTotalWithoutTotalInTheAnswerIsAServerErrorThatSaysWhatCameInstead() {
        // Answers that break PagerDuty's rule (total is a number when total=true is sent): stubs.
        pd.stub("GET", "/incidents", 200, "{\"incidents\":[],\"limit\":1,\"offset\":0,\"more\":false}");
        pd.stub("GET", "/priorities", 200, "{\"priorities\":[],\"more\":false,\"total\":null}");
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.iterAll("/incidents").total());
            assertTrue(e.getMessage().contains("\"total\""), e.getMessage());
            assertThrows(PdServerException.class, () -> client.iterAll("/priorities").total());
            Map<String, String> found = new LinkedHashMap<>();
            found.put("{\"total\":\"12\"}", "found a string");
            found.put("{\"total\":true}", "found a boolean");
            found.put("{\"total\":[12]}", "found an array");
            found.put("{\"total\":{\"n\":12}}", "found an object with keys [n]");
            found.put("[{\"total\":12}]", "found null");
            for (Map.Entry<String, String> answer : found.entrySet()) {
                pd.stub("GET", "/teams", 200, answer.getKey()); // the latest stub for a route wins
                PdServerException wrong = assertThrows(PdServerException.class, () -> client.iterAll("/teams").total());
                assertTrue(wrong.getMessage().contains("lacks a numeric \"total\" property (" + answer.getValue() + ")"),
                        wrong.getMessage());
            }
        }
    }

    @Test
    void persistReturnsTheMergedRecordWhenTheUpdateAnswersWithoutABody() {
        Map<String, Object> jane = pd.seed().user("Jane", "jane@example.com");
        // PagerDuty answers PUT /users/{id} with the user; an endpoint that answers 204 is played by a stub.
        pd.stub("PUT", "/users/{id}", 204, null);
        try (RestApiV2Client client = client()) {
            Map<String, Object> values = Map.of("email", "jane@example.com", "name", "Jane Doe");
            Map<String, Object> merged = new LinkedHashMap<>(jane);
            merged.put("name", "Jane Doe");
            assertEquals(merged, client.persist("users", "email", values, Existing.UPDATE), "what was sent stands for the record");
            assertEquals(List.of("GET", "PUT"), methods());
        }
    }

    @Test
    void persistRaisesWhenTheCreateAnswersNoRecord() {
        try (RestApiV2Client client = client()) {
            Map<String, Object> values = Map.of("email", "new@example.com", "name", "New", "type", "user");
            pd.stub("POST", "/users", 201, null);
            PdServerException empty = assertThrows(PdServerException.class, () -> client.persist("users", "email", values, RestApiV2Client.Existing.KEEP));
            assertTrue(empty.getMessage().endsWith("expected the record as a JSON object, found null"), empty.getMessage());
            pd.stub("POST", "/users", 201, "{\"user\":[\"new@example.com\"]}");
            PdServerException list = assertThrows(PdServerException.class, () -> client.persist("users", "email", values, RestApiV2Client.Existing.KEEP));
            assertTrue(list.getMessage().endsWith("found an array"), list.getMessage());
            assertEquals(List.of("GET", "POST", "GET", "POST"), methods());
        }
    }

    @Test
    void theListsAreTheCallersToKeep() {
        seedUsers(3);
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> first = client.listAll("/users");
            List<Map<String, Object>> second = client.listAll("/users");
            assertEquals(3, first.size());
            assertEquals(first, second);
            assertNotSame(first, second);
        }
    }
}
