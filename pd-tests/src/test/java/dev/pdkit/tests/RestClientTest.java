package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.pdkit.Resources;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.TypeRef;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import dev.pdkit.tests.LocalServer.Reply;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RestApiV2Client against {@link FakePagerDuty} on 127.0.0.1, through the discovered transport and
 * codec: headers, URLs, wrapping, errors and redaction as PagerDuty's wire format has them. Answers
 * PagerDuty would never give (a body without its wrapper, an unknown endpoint, odd error shapes,
 * broken JSON) come from the fake's stubs and faults.
 *
 * <p>One test keeps a hand-made {@link LocalServer}: {@link #aRedirectIsAnErrorForHelpersAndIsNotFollowed()}
 * needs a 302 with a {@code Location} header, which PagerDuty's REST API never sends and the fake
 * cannot answer (its stubs and faults set no headers).
 */
class RestClientTest {

    /** A token the fake does not know: only the redaction test uses it, and it gets PagerDuty's 401. */
    static final String TOKEN = "u+Fz_token-ab12WXYZ";
    /** The fake's tokens, fixed so the exact {@code Authorization} values can be asserted. */
    static final String FAKE_TOKEN = "u+Fz_fake-token-cd34";
    static final String FAKE_OAUTH = "pdus+_0XFAKE_oauth-ef56";
    static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.apiToken(FAKE_TOKEN).oauthToken(FAKE_OAUTH))
            .build();

    private FakePagerDuty pd;

    @BeforeEach
    void fake(FakePagerDuty pd) {
        this.pd = pd;
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).sleeper(new RecordingSleeper()).build();
    }

    /** The client's requests as the fake received them, e.g. {@code GET /users?limit=1}. */
    private List<String> requestLines() {
        return pd.requests().stream().map(RecordedRequest::toString).toList();
    }

    private RecordedRequest last() {
        List<RecordedRequest> all = pd.requests();
        return all.get(all.size() - 1);
    }

    @Test
    void sendsPagerDutyHeaders() {
        try (RestApiV2Client client = client()) {
            assertEquals(200, client.get("/users").status());
            RecordedRequest r = pd.takeRequest(WAIT);
            assertEquals("GET /users", r.toString());
            assertEquals("application/vnd.pagerduty+json;version=2", r.header("Accept"));
            assertEquals("Token token=" + FAKE_TOKEN, r.header("Authorization"));
            assertTrue(r.header("User-Agent").matches("pdkit/\\S+ \\(transport jdk; codec jackson\\) Java/\\S+"),
                    r.header("User-Agent"));
            assertNull(r.header("From"), "no From unless configured");
            assertNull(client.account().defaultFrom());
            assertTrue(client.account().toString().endsWith(", token=" + client.account().truncatedToken() + "}"),
                    client.account().toString());
            assertNull(r.header("Content-Type"), "no Content-Type without a body");
        }
    }

    @Test
    void sendsFromAndContentTypeAndBearer() {
        String serviceId = serviceId();
        pd.seed().user("Jane Doe", "jane@example.com");
        try (RestApiV2Client client = RestApiV2Client.builder(FAKE_OAUTH).baseUrl(pd.restUrl())
                .authType(AuthType.OAUTH2).defaultFrom("jane@example.com").header("X-Extra", "1").build()) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("type", "incident");
            incident.put("title", "boom");
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("id", serviceId);
            service.put("type", "service_reference");
            incident.put("service", service);
            Map<?, ?> created = (Map<?, ?>) client.rpost("incidents", incident);
            assertEquals("boom", created.get("title"), "the fake accepted the request: auth and From were right");
            RecordedRequest r = last();
            assertEquals("POST /incidents", r.toString());
            assertEquals("Bearer " + FAKE_OAUTH, r.header("Authorization"));
            assertEquals("jane@example.com", r.header("From"));
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("1", r.header("X-Extra"));
            assertEquals("jane@example.com", client.account().defaultFrom());
            assertTrue(client.account().toString().endsWith(", from=jane@example.com}"), client.account().toString());
            assertEquals("{\"incident\":{\"type\":\"incident\",\"title\":\"boom\",\"service\":{\"id\":\"" + serviceId
                    + "\",\"type\":\"service_reference\"}}}", r.bodyText());
        }
    }

    /** The standard seed's service (Checkout API). */
    private String serviceId() {
        try (RestApiV2Client client = client()) {
            String id = (String) ((Map<?, ?>) client.listAll("/services").get(0)).get("id");
            pd.takeRequest(WAIT);
            return id;
        }
    }

    @Test
    void regionChoosesTheApiHost() {
        try (RestApiV2Client eu = RestApiV2Client.builder(TOKEN).region(Region.EU).build();
                RestApiV2Client us = RestApiV2Client.create(TOKEN)) {
            assertEquals("https://api.eu.pagerduty.com", eu.account().baseUrl());
            assertEquals("https://api.pagerduty.com", us.account().baseUrl());
        }
    }

    @Test
    void encodesListParametersAsRepeatedBracketKeys() {
        try (RestApiV2Client client = client()) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("statuses", List.of("triggered", "acknowledged"));
            params.put("team_ids[]", List.of("T1"));
            params.put("total", true);
            params.put("since", Instant.parse("2026-01-02T03:04:05Z"));
            params.put("query", "a b&c");
            Response response = client.with(o -> o.params(params)).get("/incidents");
            RecordedRequest r = pd.takeRequest(WAIT);
            assertEquals("GET /incidents?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged&team_ids%5B%5D=T1"
                    + "&total=true&since=2026-01-02T03%3A04%3A05Z&query=a%20b%26c", r.toString());
            assertEquals(List.of("triggered", "acknowledged"), r.queryParams("statuses[]"), "decoded as sent");
            assertEquals("a b&c", r.queryParam("query"));
            assertEquals(200, response.status(), "PagerDuty understood every parameter");
        }
    }

    @Test
    void acceptsPathsWithOrWithoutSlashFullUrlsAndSelfLinks() {
        Map<String, Object> user = pd.seed().user("Jane Doe", "jane@example.com");
        String id = (String) user.get("id");
        try (RestApiV2Client client = client()) {
            assertEquals(200, client.get("users/" + id).status());
            assertEquals(200, client.get("/users/" + id).status());
            assertEquals(200, client.get(pd.restUrl() + "/users/" + id).status());
            assertEquals(200, client.get(Resources.selfUrl(user)).status(), "the self link of the resource as the fake gave it");
            assertEquals(List.of("GET /users/" + id, "GET /users/" + id, "GET /users/" + id, "GET /users/" + id),
                    requestLines());
            assertThrows(PdUrlException.class, () -> client.get("https://api.pagerduty.com.evil.com/users"));
            assertThrows(PdUrlException.class, () -> Resources.selfUrl(Map.of("id", id)));
            assertThrows(PdUrlException.class, () -> client.get(""));
            assertEquals(4, pd.requestCount(), "refused URLs are never sent");
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
        String id = (String) pd.seed().user("Jane", "j@x.io").get("id");
        try (RestApiV2Client client = client()) {
            Map<?, ?> user = (Map<?, ?>) client.rget("/users/" + id);
            assertEquals("Jane", user.get("name"));
            assertTrue(user.get("contact_methods") instanceof List<?> l && !l.isEmpty(),
                    "the fake's user carries fields the record lacks, objects among them: " + user.keySet());
            User typed = client.as(User.class).rget("/users/" + id);
            assertEquals(new User(id, "Jane", "j@x.io"), typed);
        }
    }

    /** A caller's type; the extra fields of the response are ignored. */
    public record User(String id, String name, String email) {
    }

    @Test
    void usersMeIsTheUserEndpointNotUsersId() {
        try (RestApiV2Client client = RestApiV2Client.builder(pd.userToken()).baseUrl(pd.restUrl()).build()) {
            Map<?, ?> me = (Map<?, ?>) client.rget("users/me");
            assertEquals(pd.userEmail(), me.get("email"), "the owner of the user key");
            assertEquals(1, client.stats().callCount("GET /users/me"));
            assertEquals(0, client.stats().callCount("GET /users/{id}"));
            assertEquals("GET /users/me", pd.takeRequest(WAIT).toString());
        }
    }

    @Test
    void multiUpdateWrapsTheListAndReturnsTheUpdatedList() {
        String incidentId = (String) pd.seed().incident(serviceId(), "Disk full").get("id");
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .defaultFrom(pd.userEmail()).build()) {
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("id", incidentId);
            ack.put("type", "incident_reference");
            ack.put("status", "acknowledged");
            List<Map<String, Object>> updated = client.as(new TypeRef<List<Map<String, Object>>>() { })
                    .rput("incidents", List.of(ack));
            RecordedRequest put = last();
            assertEquals("PUT /incidents", put.toString());
            assertEquals("{\"incidents\":[{\"id\":\"" + incidentId + "\",\"type\":\"incident_reference\","
                    + "\"status\":\"acknowledged\"}]}", put.bodyText());
            assertEquals(1, updated.size());
            Map<String, Object> incident = updated.get(0);
            assertEquals(incidentId, incident.get("id"));
            assertEquals("acknowledged", incident.get("status"));

            // The entity form refuses the list, and says what to use instead.
            PdServerException list = assertThrows(PdServerException.class, () -> client.rput("incidents", List.of(ack)));
            assertTrue(list.getMessage().contains("expected the entity to be a JSON object, but it is an array")
                    && list.getMessage().contains("TypeRef"), list.getMessage());
            PdServerException index = assertThrows(PdServerException.class, () -> client.rget("/incidents"));
            assertTrue(index.getMessage().contains("listAll"), index.getMessage());
        }
    }

    /** A caller's type for teams. */
    public record Team(String id, String name) {
    }

    /** One short form of the request methods: the call, the request it must send, and what it must return. */
    private record Form(String name, Function<RestApiV2Client, Object> call, String request, Predicate<Object> returns) {
    }

    private static Map<?, ?> entity(Object body, String wrapper) {
        return (Map<?, ?>) ((Map<?, ?>) body).get(wrapper);
    }

    @Test
    void everyShortFormSendsItsRequestAndReturnsWhatItsFamilyReturns() {
        Map<String, Object> user = pd.seed().user("Jane Doe", "jane@example.com");
        String u = (String) user.get("id");
        User jane = new User(u, "Jane Doe", "jane@example.com");
        Map<String, Object> team = pd.seed().team("Payments");
        String t = (String) team.get("id");
        Map<String, Object> byName = Map.of("query", "jane");
        // PATCH exists only on a workflow-integration endpoint the fake does not model: a stub answers it.
        pd.stub("PATCH", "/workflows/integrations/I1/connections/C1", 200, "{\"id\":\"C1\",\"name\":\"renamed\"}");
        List<Form> forms = List.of(
                new Form("jget(url): the whole body", c -> c.jget("/users/" + u), "GET /users/" + u,
                        r -> entity(r, "user").get("id").equals(u)),
                new Form("jget(url, params)", c -> c.with(o -> o.params(byName)).jget("/users"), "GET /users?query=jane",
                        r -> ((Map<?, ?>) r).get("users") instanceof List<?> l && l.size() == 1),
                new Form("jget(selfUrl(resource))", c -> c.jget(Resources.selfUrl(user)), "GET /users/" + u,
                        r -> entity(r, "user").get("id").equals(u)),
                new Form("jpost(url, body)", c -> c.jpost("/teams", Map.of("team", Map.of("type", "team", "name", "Ops"))),
                        "POST /teams", r -> entity(r, "team").get("name").equals("Ops")),
                new Form("jpost(url, body, params)", c -> c.with(o -> o.params(Map.of("source", "pdkit"))).jpost("/teams", Map.of("team", Map.of("type", "team",
                        "name", "SRE"))), "POST /teams?source=pdkit",
                        r -> entity(r, "team").get("name").equals("SRE")),
                new Form("request(POST, url, body) with params: the response", c -> c.with(o -> o.param("source", "pdkit"))
                        .request("POST", "/teams", Map.of("team", Map.of("type", "team", "name", "Web"))).status(), "POST /teams?source=pdkit",
                        r -> r.equals(201)),
                new Form("jput(url, body)", c -> c.jput("/teams/" + t, Map.of("team", Map.of("name", "Payments 2"))),
                        "PUT /teams/" + t, r -> entity(r, "team").get("name").equals("Payments 2")),
                new Form("jput(selfUrl(resource), body)", c -> c.jput(Resources.selfUrl(team), Map.of("team", Map.of("name", "Payments 3"))),
                        "PUT /teams/" + t, r -> entity(r, "team").get("name").equals("Payments 3")),
                new Form("request(PUT, selfUrl(resource), body): the response", c -> c.request("PUT",
                        Resources.selfUrl(team), Map.of("team", Map.of("name", "Payments 4"))).status(), "PUT /teams/" + t, r -> r.equals(200)),
                new Form("rget(url, params): the unwrapped entity", c -> c.with(o -> o.params(Map.of("time_zone", "UTC"))).rget("/users/" + u),
                        "GET /users/" + u + "?time_zone=UTC", r -> ((Map<?, ?>) r).get("id").equals(u)),
                new Form("rget(selfUrl(resource)): the unwrapped entity", c -> c.rget(Resources.selfUrl(user)), "GET /users/" + u,
                        r -> ((Map<?, ?>) r).get("id").equals(u)),
                new Form("rget(url, params, Class)", c -> c.with(o -> o.params(Map.of("include", List.of("teams")))).as(User.class).rget("/users/" + u), "GET /users/" + u + "?include%5B%5D=teams", r -> r.equals(jane)),
                new Form("rget(url, TypeRef) with params", c -> c.with(o -> o.params(byName)).as(TypeRef.listOf(User.class)).rget("/users"),
                        "GET /users?query=jane", r -> r.equals(List.of(jane))),
                new Form("rpost(path, entity, Class)", c -> c.as(Team.class).rpost("/teams", Map.of("type", "team", "name", "Data")), "POST /teams", r -> ((Team) r).name().equals("Data")),
                new Form("rput(url, entity, Class)", c -> c.as(Team.class).rput("/teams/" + t, Map.of("name", "Payments 5")),
                        "PUT /teams/" + t, r -> r.equals(new Team(t, "Payments 5"))),
                new Form("rpatch(path, entity): sent and returned raw, as the endpoint table says",
                        c -> c.rpatch("/workflows/integrations/I1/connections/C1", Map.of("name", "renamed")),
                        "PATCH /workflows/integrations/I1/connections/C1",
                        r -> r.equals(Map.of("id", "C1", "name", "renamed"))),
                new Form("request(DELETE, selfUrl(resource)): the response", c -> c.request("DELETE", Resources.selfUrl(user), null).status(), "DELETE /users/" + u,
                        r -> r.equals(204)),
                new Form("rdelete(selfUrl(resource))", c -> c.rdelete(Resources.selfUrl(team)).status(), "DELETE /teams/" + t, r -> r.equals(204)));
        try (RestApiV2Client client = client()) {
            for (Form form : forms) {
                Object result = form.call().apply(client);
                assertEquals(form.request(), last().toString(), form.name());
                assertTrue(form.returns().test(result), form.name() + " returned " + result);
            }
        }
        assertEquals("{\"name\":\"renamed\"}", pd.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow().bodyText());
    }

    @Test
    void anEndpointPagerDutyAnswersUnwrappedGivesItsWholeBody() {
        // GET /analytics/raw/incidents/{id} answers the record itself; the fake has no analytics data, so a stub.
        pd.stub("GET", "/analytics/raw/incidents/Q1", 200, "{\"id\":\"Q1\",\"status\":\"resolved\"}");
        try (RestApiV2Client client = client()) {
            assertEquals(Map.of("id", "Q1", "status", "resolved"), client.rget("/analytics/raw/incidents/Q1"));
        }
    }

    @Test
    void aNullEntitySendsNoBody() {
        pd.stub("POST", "/widgets", 201, "{\"widget\":{\"id\":\"W1\"}}");
        try (RestApiV2Client client = client()) {
            assertEquals(Map.of("id", "W1"), client.rpost("/widgets", null));
            RecordedRequest post = last();
            assertEquals("", post.bodyText());
            assertNull(post.header("Content-Type"));
        }
    }

    @Test
    void a204GivesNullFromJputAndRput() {
        String teamId = (String) pd.seed().team("Payments").get("id");
        String userId = (String) pd.seed().user("Jane Doe", "jane@example.com").get("id");
        String membership = "/teams/" + teamId + "/users/" + userId;
        try (RestApiV2Client client = client()) {
            assertNull(client.jput(membership, Map.of("role", "manager")));
            assertNull(client.rput(membership, "responder"));
            assertEquals("{\"role\":\"responder\"}", last().bodyText(), "rput wrapped the entity in 'role'");
            assertEquals(204, client.rdelete("/users/" + userId).status());
            assertEquals(List.of("PUT " + membership, "PUT " + membership, "DELETE /users/" + userId), requestLines());
            assertEquals(404, client.get("/users/" + userId).status(), "the delete took effect");
        }
    }

    @Test
    void rputFollowsTheSelfLinkOfAResource() {
        Map<String, Object> user = pd.seed().user("Old", "old@example.com");
        String id = (String) user.get("id");
        try (RestApiV2Client client = client()) {
            Map<String, Object> changed = new LinkedHashMap<>(user);
            changed.put("name", "New");
            Object result = client.rput(Resources.selfUrl(user), changed);
            RecordedRequest put = last();
            assertEquals("PUT", put.method());
            assertEquals("/users/" + id, put.path());
            assertTrue(put.bodyText().startsWith("{\"user\":{"), put.bodyText());
            assertEquals("New", ((Map<?, ?>) result).get("name"));
            assertEquals("New", ((Map<?, ?>) client.rget("/users/" + id)).get("name"), "the fake stored the change");
        }
    }

    @Test
    void aKnownEndpointWithoutItsWrapperFailsClearly() {
        pd.stub("GET", "/users/P1", 200, "{\"person\":{\"id\":\"P1\"}}");
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
            assertTrue(e.getMessage().contains("'user'") && e.getMessage().contains("[person]"), e.getMessage());
            Map<String, String> found = new LinkedHashMap<>();
            found.put("[{\"id\":\"P1\"}]", "a JSON array");
            found.put("\"P1\"", "a JSON string");
            found.put("1", "a JSON value");
            for (Map.Entry<String, String> body : found.entrySet()) {
                pd.stub("GET", "/users/P1", 200, body.getKey());
                PdServerException odd = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
                assertTrue(odd.getMessage().endsWith("expected the response of GET /users/{id} to be wrapped in 'user',"
                        + " but found " + body.getValue()), odd.getMessage());
            }
        }
    }

    @Test
    void anUnknownEndpointUnwrapsByInferenceOrReturnsTheRawBody() {
        // /widgets is no PagerDuty operation (the fake answers it 404), so stubs play an endpoint added tomorrow.
        pd.stub("POST", "/widgets", 201, "{\"widget\":{\"id\":\"W1\"}}");
        pd.stub("GET", "/widgets/PW1", 200, "{\"id\":\"PW1\",\"size\":3}");
        try (RestApiV2Client client = client()) {
            assertEquals(Map.of("id", "W1"), client.rpost("/widgets", Map.of("size", 3)));
            assertEquals("{\"widget\":{\"size\":3}}", last().bodyText());
            assertEquals(Map.of("id", "PW1", "size", 3), client.rget("/widgets/PW1"));
            assertEquals(List.of("POST /widgets", "GET /widgets/PW1"), requestLines());
        }
    }

    @Test
    void getReturnsErrorStatusesAndHelpersRaise() {
        try (RestApiV2Client client = client()) {
            assertEquals(404, client.get("/users/PNOBODY").status());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.rget("/users/PNOBODY"));
            assertEquals(404, e.status());
            assertEquals(2100, e.errorCode().getAsInt());
            assertEquals("Not Found", e.errorMessage().orElseThrow());
            String requestId = e.requestId().orElseThrow();
            assertTrue(requestId.matches("[0-9a-f]{32}"), "the fake's X-Request-Id: " + requestId);
            assertEquals(requestId, e.response().requestId().orElseThrow());
            assertTrue(e.getMessage().contains("GET http://127.0.0.1:") && e.getMessage().contains("/users/PNOBODY")
                    && e.getMessage().contains("status 404") && e.getMessage().contains("2100")
                    && e.getMessage().contains(requestId), e.getMessage());
            assertFalse(e instanceof PdServerException);
            assertThrows(PdHttpException.class, () -> client.jget("/users/PNOBODY"));
        }
    }

    @Test
    void fiveHundredsRaisePdServerExceptionOnceTheRetriesRunOut() {
        for (int i = 0; i < 5; i++) {
            pd.enqueue(Fault.status(502));
        }
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.jget("/users"));
            assertEquals(502, e.status());
            assertEquals(5, e.attempts(), "a GET's 502 is retried 4 times by default");
            assertEquals(5, pd.requestCount());
        }
    }

    @Test
    void aPostsFiveHundredRaisesAtOnceWithoutASecondAttempt() {
        pd.enqueue(Fault.status(502));
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class,
                    () -> client.rpost("/teams", Map.of("type", "team", "name", "Ops")));
            assertEquals(502, e.status());
            assertEquals(1, e.attempts());
            assertEquals(1, pd.requestCount(), "PagerDuty may have created the team: no second POST");
        }
    }

    @Test
    void aRedirectIsAnErrorForHelpersAndIsNotFollowed() {
        try (LocalServer server = LocalServer.start(r -> new Reply(302, Map.of("Location", "/elsewhere"), ""));
                RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl(server.url()).build()) {
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
        try (RestApiV2Client client = client()) {
            for (Map.Entry<String, List<String>> shape : shapes.entrySet()) {
                pd.stub("GET", "/schedules", 400, shape.getKey()); // the latest stub for a route wins
                PdHttpException e = assertThrows(PdHttpException.class, () -> client.jget("/schedules"));
                assertEquals(shape.getValue(), e.errors(), shape.getKey());
                shape.getValue().forEach(detail -> assertTrue(e.getMessage().contains(detail), e.getMessage()));
            }
            assertEquals(shapes.size(), pd.requestCount());
        }
    }

    @Test
    void invalidJsonInASuccessIsAServerError() {
        pd.enqueue(Fault.malformedBody());
        pd.stub("GET", "/teams", 200, "<html>oops</html>");
        try (RestApiV2Client client = client()) {
            for (String path : List.of("/users", "/teams")) {
                PdServerException e = assertThrows(PdServerException.class, () -> client.jget(path));
                assertEquals(200, e.status(), path);
                assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
            }
        }
    }

    @Test
    void theTokenNeverAppearsInMessagesToStringOrLogs() {
        LogCapture logs = new LogCapture();
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl(pd.restUrl()).debug(true)
                .retry(500, 1).sleepTimer(0.001).build()) {
            assertNotEquals(TOKEN, pd.apiToken());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.get("/users"));
            assertEquals(401, e.status(), "PagerDuty refuses a token it does not know");
            assertEquals(2006, e.errorCode().getAsInt());
            assertTrue(e.getMessage().contains("*WXYZ"), e.getMessage());
            assertTrue(e.getMessage().contains("region"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
            assertFalse(client.account().toString().contains(TOKEN));
            assertTrue(client.account().toString().contains("*WXYZ"));
            assertEquals("*WXYZ", client.account().truncatedToken());
            pd.inject(Fault.status(500), 2, "GET", "/users");
            assertEquals(500, client.get("/users").status(), "retried once, then the 500 is returned");
            assertEquals(3, pd.requestCount());
            pd.requests().forEach(r -> assertEquals("Token token=" + TOKEN, r.header("Authorization")));
        } finally {
            System.setErr(stderr);
            logs.close();
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("pdkit DEBUG") && printed.contains("retrying"), printed);
        assertFalse(printed.contains(TOKEN));
        assertTrue(logs.messages().stream().noneMatch(line -> line.contains("retrying")),
                "a debug client prints each line once, to stderr, and does not also log it: " + logs.messages());
        logs.messages().forEach(line -> assertFalse(line.contains(TOKEN), line));
    }

    @Test
    void rejectsBadArgumentsWithClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(""));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder("has space"));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).defaultFrom("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).retry(404, -2));
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(TOKEN).sleepTimerBase(0.5));
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class,
                    () -> client.request("POKE", "/users", null));
            assertTrue(e.getMessage().contains("POKE"));
            assertEquals(0, pd.requestCount(), "nothing is sent for an unsupported method");
        }
    }

    @Test
    void countsCallsPerCanonicalEndpoint() {
        String ann = (String) pd.seed().user("Ann Example", "ann@example.com").get("id");
        String bob = (String) pd.seed().user("Bob Example", "bob@example.com").get("id");
        try (RestApiV2Client client = client()) {
            assertEquals(200, client.get("/users/" + ann).status());
            assertEquals(200, client.get("/users/" + bob).status());
            assertEquals(404, client.get("/widgets/W1").status(), "no PagerDuty operation");
            assertEquals(2, client.stats().callCount("GET /users/{id}"));
            assertEquals(1, client.stats().callCount("GET /widgets/W1"));
            assertEquals(3, client.stats().totalCallCount());
            assertEquals(List.of("GET /widgets/W1"), pd.unmatchedRequests().stream().map(RecordedRequest::toString).toList());
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        RestApiV2Client client = client();
        client.close();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.get("/users"));
        assertEquals(0, pd.requestCount());
    }
}
