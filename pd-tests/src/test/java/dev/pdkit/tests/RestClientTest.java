package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.AuthType;
import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.PdUrlException;
import dev.pdkit.Region;
import dev.pdkit.Response;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RestApiV2Client against a real HTTP server on 127.0.0.1, through the discovered transport and codec. */
class RestClientTest {

    static final String TOKEN = "u+Fz_token-ab12WXYZ";

    private LocalServer server;

    private RestApiV2Client client(java.util.function.Function<LocalServer.Received, Reply> handler) {
        server = LocalServer.start(handler);
        return RestApiV2Client.builder(TOKEN).baseUrl(server.url()).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsPagerDutyHeaders() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"users\":[]}"))) {
            client.get("/users");
            LocalServer.Received r = server.last();
            assertEquals("application/vnd.pagerduty+json;version=2", r.header("Accept"));
            assertEquals("Token token=" + TOKEN, r.header("Authorization"));
            assertTrue(r.header("User-Agent").matches("pdkit/\\S+ \\(transport jdk; codec jackson\\) Java/\\S+"),
                    r.header("User-Agent"));
            assertNull(r.header("From"), "no From unless configured");
            assertNull(r.header("Content-Type"), "no Content-Type without a body");
        }
    }

    @Test
    void sendsFromAndContentTypeAndBearer() {
        server = LocalServer.start(r -> Reply.json(201, "{\"incident\":{\"id\":\"P1\"}}"));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl(server.url())
                .authType(AuthType.OAUTH2).defaultFrom("jane@example.com").header("X-Extra", "1").build()) {
            client.rpost("incidents", Map.of("title", "boom"));
            LocalServer.Received r = server.last();
            assertEquals("Bearer " + TOKEN, r.header("Authorization"));
            assertEquals("jane@example.com", r.header("From"));
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("1", r.header("X-Extra"));
            assertEquals("{\"incident\":{\"title\":\"boom\"}}", r.body());
        }
    }

    @Test
    void regionChoosesTheApiHost() {
        try (RestApiV2Client eu = RestApiV2Client.builder(TOKEN).region(Region.EU).build();
                RestApiV2Client us = RestApiV2Client.create(TOKEN)) {
            assertEquals("https://api.eu.pagerduty.com", eu.baseUrl());
            assertEquals("https://api.pagerduty.com", us.baseUrl());
        }
    }

    @Test
    void encodesListParametersAsRepeatedBracketKeys() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"incidents\":[]}"))) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("statuses", List.of("triggered", "acknowledged"));
            params.put("team_ids[]", List.of("T1"));
            params.put("total", true);
            params.put("since", Instant.parse("2026-01-02T03:04:05Z"));
            params.put("query", "a b&c");
            client.get("/incidents", params);
            assertEquals("statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&team_ids%5B%5D=T1&total=true"
                    + "&since=2026-01-02T03%3A04%3A05Z&query=a%20b%26c", server.last().query());
        }
    }

    @Test
    void acceptsPathsWithOrWithoutSlashFullUrlsAndSelfLinks() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"user\":{\"id\":\"P1\"}}"))) {
            client.get("users/P1");
            client.get("/users/P1");
            client.get(server.url() + "/users/P1");
            client.get(Map.of("self", server.url() + "/users/P1"));
            assertTrue(server.received().stream().allMatch(r -> r.path().equals("/users/P1")));
            assertThrows(PdUrlException.class, () -> client.get("https://api.pagerduty.com.evil.com/users"));
            assertThrows(PdUrlException.class, () -> client.get(Map.of("id", "P1")));
            assertThrows(PdUrlException.class, () -> client.get(""));
        }
    }

    @Test
    void refusesPlainHttpToNonLoopbackHosts() {
        PdUrlException e = assertThrows(PdUrlException.class,
                () -> RestApiV2Client.builder(TOKEN).baseUrl("http://api.pagerduty.com").build());
        assertTrue(e.getMessage().contains("http://api.pagerduty.com"), e.getMessage());
    }

    @Test
    void rgetUnwrapsAndBindsToATypeIgnoringUnknownFields() {
        try (RestApiV2Client client = client(r -> Reply.json(200,
                "{\"user\":{\"id\":\"P1\",\"name\":\"Jane\",\"email\":\"j@x.io\",\"brand_new_field\":{\"a\":1}}}"))) {
            Object user = client.rget("/users/P1");
            assertEquals("Jane", ((Map<?, ?>) user).get("name"));
            User typed = client.rget("/users/P1", User.class);
            assertEquals(new User("P1", "Jane", "j@x.io"), typed);
        }
    }

    /** A caller's type; the extra fields of the response are ignored. */
    public record User(String id, String name, String email) {
    }

    @Test
    void usersMeIsTheUserEndpointNotUsersId() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"user\":{\"id\":\"PME\"}}"))) {
            assertEquals("PME", ((Map<?, ?>) client.rget("users/me")).get("id"));
            assertEquals(1, client.stats().callCount("GET /users/me"));
        }
    }

    @Test
    void multiUpdateWrapsTheListAndReturnsTheUpdatedList() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"incidents\":[{\"id\":\"P1\",\"status\":\"acknowledged\"}]}"))) {
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("id", "P1");
            ack.put("type", "incident_reference");
            ack.put("status", "acknowledged");
            Object updated = client.rput("incidents", List.of(ack));
            assertEquals("{\"incidents\":[{\"id\":\"P1\",\"type\":\"incident_reference\",\"status\":\"acknowledged\"}]}",
                    server.last().body());
            assertEquals(1, ((List<?>) updated).size());
        }
    }

    @Test
    void a204GivesNullFromJputAndRput() {
        try (RestApiV2Client client = client(r -> Reply.empty(204))) {
            assertNull(client.jput("/teams/T1/users/U1", Map.of("role", "manager")));
            assertNull(client.rput("/teams/T1/users/U1", Map.of("role", "manager")));
            assertEquals(204, client.rdelete("/users/U1").status());
        }
    }

    @Test
    void rputFollowsTheSelfLinkOfAResource() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"user\":{\"id\":\"P1\",\"name\":\"New\"}}"))) {
            Map<String, Object> user = Map.of("id", "P1", "self", server.url() + "/users/P1", "name", "New");
            Object result = client.rput(user, user);
            assertEquals("PUT", server.last().method());
            assertEquals("/users/P1", server.last().path());
            assertTrue(server.last().body().startsWith("{\"user\":{"), server.last().body());
            assertEquals("New", ((Map<?, ?>) result).get("name"));
        }
    }

    @Test
    void aKnownEndpointWithoutItsWrapperFailsClearly() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"person\":{\"id\":\"P1\"}}"))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
            assertTrue(e.getMessage().contains("'user'") && e.getMessage().contains("[person]"), e.getMessage());
        }
    }

    @Test
    void anUnknownEndpointUnwrapsByInferenceOrReturnsTheRawBody() {
        try (RestApiV2Client client = client(r -> r.method().equals("POST")
                ? Reply.json(201, "{\"widget\":{\"id\":\"W1\"}}")
                : Reply.json(200, "{\"id\":\"PW1\",\"size\":3}"))) {
            assertEquals(Map.of("id", "W1"), client.rpost("/widgets", Map.of("size", 3)));
            assertEquals("{\"widget\":{\"size\":3}}", server.last().body());
            assertEquals(Map.of("id", "PW1", "size", 3), client.rget("/widgets/PW1"));
        }
    }

    @Test
    void getReturnsErrorStatusesAndHelpersRaise() {
        try (RestApiV2Client client = client(r -> Reply.json(404, "{\"error\":{\"message\":\"Not Found\",\"code\":2100}}"))) {
            assertEquals(404, client.get("/users/P1").status());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.rget("/users/P1"));
            assertEquals(404, e.status());
            assertEquals(2100, e.errorCode().getAsInt());
            assertEquals("Not Found", e.errorMessage().orElseThrow());
            assertEquals("req-123", e.requestId().orElseThrow());
            assertTrue(e.getMessage().contains("GET http://127.0.0.1:") && e.getMessage().contains("/users/P1")
                    && e.getMessage().contains("status 404") && e.getMessage().contains("2100")
                    && e.getMessage().contains("req-123"), e.getMessage());
            assertFalse(e instanceof PdServerException);
            assertThrows(PdHttpException.class, () -> client.jget("/users/P1"));
        }
    }

    @Test
    void fiveHundredsRaisePdServerException() {
        try (RestApiV2Client client = client(r -> Reply.json(502, "{\"error\":{\"message\":\"Bad gateway\"}}"))) {
            assertThrows(PdServerException.class, () -> client.jget("/users"));
        }
    }

    @Test
    void aRedirectIsAnErrorForHelpersAndIsNotFollowed() {
        try (RestApiV2Client client = client(r -> new Reply(302, Map.of("Location", "/elsewhere"), ""))) {
            assertEquals(302, client.get("/users").status());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.jget("/users"));
            assertTrue(e.getMessage().contains("redirect"), e.getMessage());
            assertEquals(2, server.received().size(), "the redirect was not followed");
        }
    }

    @Test
    void parsesEveryOddErrorShape() {
        Map<String, List<String>> shapes = new LinkedHashMap<>();
        shapes.put("{\"error\":{\"message\":\"Invalid Input Provided\",\"code\":2001,\"errors\":[\"a\",\"b\"]}}",
                List.of("a", "b"));
        shapes.put("{\"error\":{\"message\":\"Invalid Override\",\"code\":2001,\"errors\":\"Override must end in the future\"}}",
                List.of("Override must end in the future"));
        shapes.put("{\"error\":{\"message\":\"Invalid Schedule\",\"code\":3001,\"errors\":{\"rotation_layers\":[\"bad\"]}}}",
                List.of("rotation_layers: bad"));
        shapes.put("{\"error\":[\"links should have at most 50 item(s)\"]}", List.of("links should have at most 50 item(s)"));
        shapes.put("<html>Bad Request</html>", List.of());
        for (Map.Entry<String, List<String>> shape : shapes.entrySet()) {
            try (RestApiV2Client client = client(r -> Reply.json(400, shape.getKey()))) {
                PdHttpException e = assertThrows(PdHttpException.class, () -> client.jget("/schedules"));
                assertEquals(shape.getValue(), e.errors(), shape.getKey());
                shape.getValue().forEach(detail -> assertTrue(e.getMessage().contains(detail), e.getMessage()));
            }
            server.close();
        }
    }

    @Test
    void invalidJsonInASuccessIsAServerError() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "<html>oops</html>"))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.jget("/users"));
            assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        }
    }

    @Test
    void theTokenNeverAppearsInMessagesToStringOrLogs() {
        LogCapture logs = new LogCapture();
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            server = LocalServer.start(r -> Reply.json(401, "{\"error\":{\"message\":\"Authentication failed\",\"code\":2006}}"));
            try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl(server.url()).debug(true)
                    .retry(500, 1).sleepTimer(0.001).build()) {
                PdHttpException e = assertThrows(PdHttpException.class, () -> client.get("/users"));
                assertTrue(e.getMessage().contains("*WXYZ"), e.getMessage());
                assertTrue(e.getMessage().contains("region"), e.getMessage());
                assertFalse(e.getMessage().contains(TOKEN));
                assertFalse(client.toString().contains(TOKEN));
                assertTrue(client.toString().contains("*WXYZ"));
                assertEquals("*WXYZ", client.truncatedToken());
                server.handler(r -> Reply.json(500, "{}"));
                client.get("/users");
            }
        } finally {
            System.setErr(stderr);
            logs.close();
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("pdkit DEBUG") && printed.contains("retrying"), printed);
        assertFalse(printed.contains(TOKEN));
        assertFalse(logs.messages().isEmpty());
        logs.messages().forEach(line -> assertFalse(line.contains(TOKEN), line));
    }

    @Test
    void rejectsBadArgumentsWithClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(""));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder("has space"));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).defaultFrom("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).retry(404, -2));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).sleepTimerBase(0.5));
        try (RestApiV2Client client = client(r -> Reply.json(200, "{}"))) {
            PdClientException e = assertThrows(PdClientException.class,
                    () -> client.request("POKE", "/users", null, null, null));
            assertTrue(e.getMessage().contains("POKE"));
            assertTrue(server.received().isEmpty(), "nothing is sent for an unsupported method");
        }
    }

    @Test
    void countsCallsPerCanonicalEndpoint() {
        try (RestApiV2Client client = client(r -> Reply.json(200, "{\"user\":{}}"))) {
            client.get("/users/P1");
            client.get("/users/P2");
            client.get("/widgets/W1");
            assertEquals(2, client.stats().callCount("GET /users/{id}"));
            assertEquals(1, client.stats().callCount("GET /widgets/W1"));
            assertEquals(3, client.stats().totalCallCount());
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        RestApiV2Client client = client(r -> Reply.json(200, "{}"));
        client.close();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.get("/users"));
    }
}
