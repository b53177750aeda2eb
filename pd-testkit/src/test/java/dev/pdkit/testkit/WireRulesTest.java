package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static dev.pdkit.testkit.Api.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every REST answer follows: authentication, From, headers, errors, pagination, links. */
class WireRulesTest {

    static FakePagerDuty pd;

    @BeforeAll
    static void start() {
        pd = FakePagerDuty.start();
    }

    @AfterAll
    static void stop() {
        pd.close();
    }

    @BeforeEach
    void reset() {
        pd.reset();
    }

    // ---- authentication ----

    @Test
    void aMissingTokenIs401WithPagerDutysBody() {
        Api.Res r = Api.anonymous(pd).get("/users").expect(401);
        assertEquals(Map.of("error", Map.of("message", "Authentication failed", "code", 2006)), r.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Token token=nope", "Token nope", "Bearer nope", "Basic dXNlcjpwYXNz", "token token=X"})
    void anUnknownOrMalformedCredentialIs401(String authorization) {
        Api.Res r = Api.anonymous(pd).with("Authorization", authorization).get("/users").expect(401);
        assertEquals(2006, Api.map(r.json().get("error")).get("code"));
    }

    @Test
    void eachCredentialWorksOnlyWithItsScheme() {
        Api.account(pd).get("/users").expect(200);
        Api.user(pd).get("/users").expect(200);
        Api.oauth(pd).get("/users").expect(200);
        Api.anonymous(pd).with("Authorization", "Bearer " + pd.apiToken()).get("/users").expect(401);
        Api.anonymous(pd).with("Authorization", "Token token=" + pd.oauthToken()).get("/users").expect(401);
    }

    @Test
    void anOauthTokenWithPlusAndUnderscoreIsAccepted() {
        assertTrue(pd.oauthToken().contains("+") && pd.oauthToken().contains("_"), pd.oauthToken());
        Api.oauth(pd).get("/users/me").expect(200);
    }

    @Test
    void usersMeDependsOnTheKindOfKey() {
        Api.Res account = Api.account(pd).get("/users/me").expect(400);
        String message = (String) account.obj("error").get("message");
        assertTrue(message.contains("account-level access token"), message);
        assertEquals(pd.userEmail(), Api.user(pd).get("/users/me").expect(200).obj("user").get("email"));
        assertEquals(pd.userEmail(), Api.oauth(pd).get("/users/me").expect(200).obj("user").get("email"));
    }

    @Test
    void fixedCredentialsFromTheBuilderAreTheOnesAccepted() {
        try (FakePagerDuty fixed = FakePagerDuty.builder().apiToken("T").userToken("U").oauthToken("O+_x")
                .routingKey("0123456789abcdef0123456789abcdef").start()) {
            assertEquals("T", fixed.apiToken());
            assertEquals("0123456789abcdef0123456789abcdef", fixed.routingKey());
            Api.anonymous(fixed).with("Authorization", "Token token=T").get("/users").expect(200);
            Api.anonymous(fixed).with("Authorization", "Token token=U").get("/users/me").expect(200);
            Api.anonymous(fixed).with("Authorization", "Bearer O+_x").get("/users/me").expect(200);
            Api.anonymous(fixed).with("Authorization", "Token token=" + pd.apiToken()).get("/users").expect(401);
        }
    }

    // ---- the From header ----

    @Test
    void anAccountKeyNeedsFromWhereTheSpecRequiresIt() {
        Map<String, Object> body = obj("incident", obj("type", "incident", "title", "Disk full",
                "service", ref(serviceId(), "service_reference")));
        Api.Res r = Api.account(pd).post("/incidents", body).expect(400);
        assertEquals(2016, r.obj("error").get("code"));
        assertEquals("You must specify a user's email address in the \"From\" header to perform this action",
                r.obj("error").get("message"));
        Api.account(pd).from(pd.userEmail()).post("/incidents", body).expect(201);
    }

    @Test
    void aFromThatNamesNoUserIs400Code1028() {
        Map<String, Object> body = obj("incident", obj("type", "incident", "title", "Disk full",
                "service", ref(serviceId(), "service_reference")));
        Api.Res r = Api.account(pd).from("nobody@example.com").post("/incidents", body).expect(400);
        assertEquals(1028, r.obj("error").get("code"));
    }

    @Test
    void aUserKeyActsAsItsUserWithoutFrom() {
        Map<String, Object> incident = Api.user(pd).post("/incidents", obj("incident", obj("type", "incident",
                "title", "Disk full", "service", ref(serviceId(), "service_reference")))).expect(201).obj("incident");
        assertEquals(pd.userEmail(), userEmailOf(Api.map(incident.get("last_status_change_by"))));
    }

    @Test
    void fromIsNotNeededWhereTheSpecDoesNotRequireIt() {
        Api.account(pd).post("/teams", obj("team", obj("name", "No From"))).expect(201);
    }

    // ---- headers on every response ----

    @Test
    void everyResponseCarriesRequestIdRateLimitHeadersAndTheJsonContentType() {
        List<Api.Res> responses = List.of(Api.account(pd).get("/users"), Api.anonymous(pd).get("/users"),
                Api.account(pd).get("/users/PNOTHERE"), Api.account(pd).get("/no/such/path"),
                Api.anonymous(pd).post("/v2/enqueue", obj("event_action", "trigger")));
        Set<String> ids = new HashSet<>();
        for (Api.Res r : responses) {
            assertEquals("application/json; charset=utf-8", r.header("Content-Type"), r.toString());
            String id = r.header("X-Request-Id");
            assertNotNull(id, r.toString());
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            ids.add(id);
            assertEquals("960", r.header("ratelimit-limit"), r.toString());
            assertNotNull(r.header("ratelimit-remaining"), r.toString());
            assertTrue(Integer.parseInt(r.header("ratelimit-reset")) >= 1, r.toString());
            assertNotNull(r.header("Content-Length"), "fixed-length replies: " + r);
        }
        assertEquals(responses.size(), ids.size(), "request ids are unique");
    }

    @Test
    void aNoContentAnswerHasNoBody() {
        Api.Res r = Api.account(pd).get("/abilities/teams").expect(204);
        assertEquals(0, r.body().length);
        assertNotNull(r.header("X-Request-Id"));
    }

    // ---- errors ----

    @Test
    void anUnknownIdIs404WithCode2100() {
        Api.Res r = Api.account(pd).get("/users/PNOTHERE").expect(404);
        assertEquals(Map.of("error", Map.of("message", "Not Found", "code", 2100)), r.json());
    }

    @Test
    void aPathNoOperationMatchesIs404AndListedAsUnmatched() {
        Api.account(pd).get("/users").expect(200);
        Api.account(pd).get("/not/an/endpoint").expect(404);
        Api.account(pd).send("PATCH", "/users", obj()).expect(404);
        List<RecordedRequest> unmatched = pd.unmatchedRequests();
        assertEquals(List.of("GET /not/an/endpoint", "PATCH /users"), unmatched.stream().map(RecordedRequest::toString).toList());
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, pd::assertNoUnmatchedRequests);
        assertTrue(e.getMessage().contains("/not/an/endpoint"), e.getMessage());
    }

    @Test
    void invalidInputIs400Code2001WithDetails() {
        Api.Res r = Api.account(pd).from(pd.userEmail()).post("/users", obj("user", obj("name", "No Email"))).expect(400);
        assertEquals(2001, r.obj("error").get("code"));
        assertEquals("Invalid Input Provided", r.obj("error").get("message"));
        assertFalse(Api.maps(List.of()).size() > 0);
        assertTrue(((List<?>) r.obj("error").get("errors")).size() > 0);
    }

    @Test
    void anInvalidStatusFilterIsPagerDutysObserved400() {
        Api.Res r = Api.account(pd).get("/incidents?statuses%5B%5D=open").expect(400);
        assertEquals(List.of("Status must be a list of triggered, acknowledged, or resolved."), r.obj("error").get("errors"));
    }

    @Test
    void malformedJsonIs400() {
        Api.account(pd).send("POST", "/teams", "{\"team\": {").expect(400);
    }

    // ---- offset pagination ----

    @Test
    void offsetPaginationDefaultsClampsAndEchoes() {
        for (int i = 0; i < 130; i++) {
            pd.seed().tag(String.format("tag-%03d", i));
        }
        Map<String, Object> first = Api.account(pd).get("/tags").expect(200).json();
        assertEquals(25, first.get("limit"));
        assertEquals(0, first.get("offset"));
        assertEquals(true, first.get("more"));
        assertTrue(first.containsKey("total"));
        assertNull(first.get("total"), "total is null unless total=true");
        assertEquals(25, ((List<?>) first.get("tags")).size());

        Map<String, Object> big = Api.account(pd).get("/tags?limit=1000&total=true").expect(200).json();
        assertEquals(100, big.get("limit"), "the limit is clamped to 100 and echoed");
        assertEquals(130, big.get("total"));
        assertEquals(100, ((List<?>) big.get("tags")).size());

        Map<String, Object> last = Api.account(pd).get("/tags?limit=100&offset=100&total=1").expect(200).json();
        assertEquals(100, last.get("offset"));
        assertEquals(false, last.get("more"));
        assertEquals(30, ((List<?>) last.get("tags")).size());
        assertEquals("tag-100", Api.maps(last.get("tags")).get(0).get("label"));
    }

    @Test
    void offsetPlusLimitAbove10000Is400Code2002() {
        Api.account(pd).get("/users?offset=9900&limit=100").expect(200);
        Api.Res r = Api.account(pd).get("/users?offset=9901&limit=100").expect(400);
        assertEquals(2002, r.obj("error").get("code"));
        assertEquals("Arguments Caused Error", r.obj("error").get("message"));
        assertEquals(List.of("Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search "
                + "to reduce the returned set of records below this number, like adding a date range."),
                r.obj("error").get("errors"));
    }

    @Test
    void aNonNumericLimitIs400() {
        Api.account(pd).get("/users?limit=lots").expect(400);
        Api.account(pd).get("/users?offset=-1").expect(400);
    }

    // ---- links ----

    @Test
    void selfLinksPointAtTheFakeAndHtmlUrlsAtAPlausibleWebHost() {
        for (String path : List.of("/users", "/teams", "/services", "/escalation_policies", "/schedules", "/priorities")) {
            Map<String, Object> page = Api.account(pd).get(path).expect(200).json();
            String wrapper = path.substring(1);
            for (Map<String, Object> item : Api.maps(page.get(wrapper))) {
                String self = (String) item.get("self");
                assertEquals(pd.restUrl() + path + "/" + item.get("id"), self);
                assertTrue(((String) item.get("id")).matches("P[A-Z0-9]{6}"), String.valueOf(item.get("id")));
                Object html = item.get("html_url");
                assertTrue(html == null || ((String) html).startsWith("https://fake-subdomain.pagerduty.com/"), String.valueOf(html));
                if (path.equals("/priorities")) {
                    continue; // PagerDuty has no GET /priorities/{id}
                }
                String selfPath = self.substring(pd.restUrl().length());
                assertEquals(item.get("id"), Api.account(pd).get(selfPath).expect(200).obj(wrapper.replaceAll("ies$", "y")
                        .replaceAll("s$", "")).get("id"), "following self reads the resource back");
            }
        }
    }

    @Test
    void percentEncodedArrayParametersAreDecoded() {
        String teamId = Api.id(Api.account(pd).get("/teams?query=platform").list("teams").get(0));
        List<Map<String, Object>> users = Api.account(pd).get("/users?team_ids%5B%5D=" + teamId).list("users");
        assertEquals(2, users.size());
        assertEquals(2, Api.account(pd).get("/users?team_ids[]=" + teamId).list("users").size());
        assertEquals(0, Api.account(pd).get("/users?team_ids%5B%5D=PNOTEAM").list("users").size());
        RecordedRequest recorded = pd.requests().get(1);
        assertEquals(List.of(teamId), recorded.queryParams("team_ids"));
        assertEquals(List.of(teamId), recorded.query().get("team_ids[]"));
    }

    // ---- helpers ----

    static String serviceId() {
        return Api.id(Api.account(pd).get("/services").expect(200).list("services").get(0));
    }

    static String userEmailOf(Map<String, Object> ref) {
        String self = (String) ref.get("self");
        return (String) Api.account(pd).get(self.substring(pd.restUrl().length())).expect(200).obj("user").get("email");
    }
}
