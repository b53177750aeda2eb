package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Received;
import dev.pdkit.tests.LocalServer.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** listAll, dictAll, find, persist and getTotal (pdpyras' tests of §12, and python-pagerduty's get_total). */
class CollectionHelpersTest {

    private PageServer server;

    private RestApiV2Client client(PageServer s) {
        server = s;
        return RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(s.url()).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** GET /users answers these users whatever the query (as PagerDuty's fuzzy search may). */
    private static Reply usersPage(List<Map<String, Object>> users) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", users);
        body.put("limit", 100);
        body.put("offset", 0);
        body.put("more", false);
        body.put("total", null);
        return Reply.json(200, Json.write(body));
    }

    private static Map<String, Object> user(String id, String email, Object... more) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("type", "user");
        u.put("email", email);
        for (int i = 0; i < more.length; i += 2) {
            u.put((String) more[i], more[i + 1]);
        }
        return u;
    }

    @Test
    void listAllAndDictAll() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 250)))) {
            List<Map<String, Object>> all = client.listAll("/users");
            assertEquals(250, all.size());
            all.add(Map.of());
            Map<String, Map<String, Object>> byId = client.dictAll("/users");
            assertEquals(IntStream.range(0, 250).mapToObj(i -> String.format("P%07d", i)).toList(),
                    new ArrayList<>(byId.keySet()), "keyed by id, in the API's order");
            assertEquals(PageServer.user(7), byId.get("P0000007"));
            Map<String, Map<String, Object>> byEmail = client.dictAll("/users", Map.of("limit", 50), "email");
            assertEquals(PageServer.user(249), byEmail.get("user249@example.com"));
            PdClientException e = assertThrows(PdClientException.class, () -> client.dictAll("/users", "nickname"));
            assertTrue(e.getMessage().contains("'nickname'"), e.getMessage());
        }
    }

    @Test
    void findMatchesExactlyIgnoringCaseAndSendsTheQuery() {
        List<Map<String, Object>> users = List.of(
                user("P1", "user1@example.com", "f", 5),
                user("P2", "User2@Example.com "),
                user("P3", "user3@example.com", "f", null));
        try (RestApiV2Client client = client(PageServer.start().on("/users", r -> usersPage(users)))) {
            assertEquals(Optional.of(users.get(0)), client.find("users", "USER1@example.COM", "email"));
            assertEquals("query=USER1%40example.COM&limit=100&offset=0", server.received().get(0).query());
            assertEquals(Optional.empty(), client.find("users", "user2@example.com", "email"),
                    "whitespace is not stripped: 'User2@Example.com ' is another value");
            assertEquals(Optional.of(users.get(1)), client.find("users", "user2@example.com ", "email"));
            assertEquals(Optional.of(users.get(0)), client.find("users", "5", "f"), "a number compares by its text");
            assertEquals(Optional.empty(), client.find("users", "anything", "no_such_attribute"),
                    "a missing attribute is no match, not an error");
            assertEquals(Optional.empty(), client.find("users", "null", "f"));
            Map<String, Object> params = Map.of("team_ids", List.of("T1"));
            assertEquals(Optional.empty(), client.find("users", "Jane", "name", params));
            assertTrue(PageServer.query(server.received().get(server.received().size() - 1)).containsKey("team_ids[]"));
        }
    }

    @Test
    void findStopsAtTheFirstMatch() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 1_000)))) {
            assertEquals(Optional.of(PageServer.user(150)), client.find("users", "User 150"));
            assertEquals(2, server.received().size());
            assertEquals(Optional.empty(), client.find("users", "nobody"));
            assertEquals(12, server.received().size(), "no match reads every page");
        }
    }

    @Test
    void persistDoesNotCreateWhatExists() {
        List<Map<String, Object>> users = List.of(user("P1", "jane@example.com", "name", "Jane"));
        try (RestApiV2Client client = client(PageServer.start().on("/users", r -> usersPage(users)))) {
            Map<String, Object> values = Map.of("email", "jane@example.com", "name", "Jane Doe");
            assertEquals(users.get(0), client.persist("users", "email", values));
            assertEquals(List.of("GET"), server.received().stream().map(Received::method).toList());
        }
    }

    @Test
    void persistCreatesWhatDoesNotExist() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", r -> r.method().equals("POST")
                ? Reply.json(201, "{\"user\":{\"id\":\"PNEW\",\"email\":\"new@example.com\",\"name\":\"New\"}}")
                : usersPage(List.of(user("P1", "other@example.com")))))) {
            Map<String, Object> values = Map.of("email", "new@example.com", "name", "New", "type", "user");
            Map<String, Object> created = client.persist("users", "email", values, true);
            assertEquals("PNEW", created.get("id"));
            Received post = server.received().get(1);
            assertEquals("POST", post.method());
            assertEquals(Map.of("user", values), Json.parse(post.body()));
        }
    }

    @Test
    void persistPutsToSelfWhenUpdatingAChangedRecord() {
        server = PageServer.start();
        Map<String, Object> existing = user("P1", "jane@example.com", "name", "Jane", "self", server.url() + "/users/P1");
        server.on("/users", r -> usersPage(List.of(existing)))
                .on("/users/P1", r -> Reply.json(200, r.body()));
        try (RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url()).build()) {
            Map<String, Object> values = Map.of("email", "jane@example.com", "name", "Jane Doe");
            Map<String, Object> updated = client.persist("users", "email", values, true);
            assertEquals("Jane Doe", updated.get("name"));
            Received put = server.received().get(1);
            assertEquals("PUT", put.method());
            assertEquals("/users/P1", put.path());
            Map<String, Object> merged = new LinkedHashMap<>(existing);
            merged.put("name", "Jane Doe");
            assertEquals(Map.of("user", merged), Json.parse(put.body()));
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void persistDoesNotPutWhenNothingChanged() {
        server = PageServer.start();
        Map<String, Object> existing = user("P1", "jane@example.com", "name", "Jane", "seats", 3,
                "self", server.url() + "/users/P1");
        server.on("/users", r -> usersPage(List.of(existing)));
        try (RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url()).build()) {
            Map<String, Object> values = Map.of("email", "JANE@example.com".toLowerCase(), "name", "Jane", "seats", 3L);
            Map<String, Object> result = client.persist("users", "email", values, true);
            assertEquals(existing, result);
            assertEquals(List.of("GET"), server.received().stream().map(Received::method).toList(),
                    "a Long 3 and the JSON 3 are the same value: no PUT");
        }
    }

    @Test
    void persistNeedsTheAttributeInValues() {
        try (RestApiV2Client client = client(PageServer.start())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.persist("users", "email", Map.of("name", "Jane"), true));
            assertTrue(e.getMessage().contains("'email'"), e.getMessage());
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void getTotalAsksForOneRecord() {
        try (RestApiV2Client client = client(PageServer.start().on("/incidents",
                new PageServer.Offset("incidents", 4_321)))) {
            Map<String, Object> params = Map.of("statuses", List.of("triggered"));
            assertEquals(4_321, client.getTotal("/incidents", params));
            assertEquals("statuses%5B%5D=triggered&total=true&limit=1&offset=0", server.received().get(0).query());
            assertEquals(4_321, client.getTotal("incidents"));
        }
    }

    @Test
    void getTotalWithoutTotalInTheAnswerIsAServerError() {
        PageServer.Offset incidents = new PageServer.Offset("incidents", 10);
        incidents.answerTotal = false;
        try (RestApiV2Client client = client(PageServer.start().on("/incidents", incidents)
                .on("/priorities", r -> Reply.json(200, "{\"priorities\":[],\"more\":false,\"total\":null}")))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.getTotal("/incidents"));
            assertTrue(e.getMessage().contains("\"total\""), e.getMessage());
            assertThrows(PdServerException.class, () -> client.getTotal("/priorities"));
        }
    }

    @Test
    void theListsAreTheCallersToKeep() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 3)))) {
            List<Map<String, Object>> first = client.listAll("/users");
            List<Map<String, Object>> second = client.listAll("/users");
            assertEquals(first, second);
            assertNotSame(first, second);
        }
    }
}
