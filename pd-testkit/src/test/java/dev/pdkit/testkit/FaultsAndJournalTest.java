package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault kind, latency, the rate limit, stubs, the journal and reset. */
class FaultsAndJournalTest {

    static FakePagerDuty pd;
    Api api;

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
        api = Api.account(pd);
    }

    int teams() {
        return api.get("/teams").expect(200).list("teams").size();
    }

    @Test
    void aStatusFaultAnswersInsteadOfPagerDutyOnce() {
        pd.enqueue(Fault.status(503));
        Api.Res r = api.post("/teams", obj("team", obj("name", "Not created"))).expect(503);
        assertEquals(Map.of("error", Map.of("message", "Service Unavailable", "code", 2000)), r.json());
        assertNotNull(r.header("X-Request-Id"));
        assertEquals(1, teams(), "the faulted request had no effect, and the next one is normal");
    }

    @Test
    void aSuccessStatusFaultHasAnEmptyBodyOrNone() {
        pd.enqueue(Fault.status(200));
        assertEquals(Map.of(), api.get("/users").expect(200).json());
        pd.enqueue(Fault.status(204));
        assertEquals(0, api.get("/users").expect(204).body().length);
    }

    @Test
    void faultAndSettingArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Fault.status(99));
        assertThrows(IllegalArgumentException.class, () -> Fault.status(600));
        assertThrows(IllegalArgumentException.class, () -> Fault.rateLimited(-1));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> pd.latency(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> pd.rateLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> pd.takeRequest(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> pd.stub("GET", "/x", 99, null));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDuty.builder().port(70000));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDuty.builder().apiToken("has space"));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDuty.builder().routingKey("short"));
        assertEquals("Fault.rateLimited(3)", Fault.rateLimited(3).toString());
    }

    @Test
    void aRateLimitedFaultIs429WithTheChosenReset() {
        pd.enqueue(Fault.rateLimited(7));
        Api.Res r = api.get("/users").expect(429);
        assertEquals("7", r.header("ratelimit-reset"));
        assertEquals("0", r.header("ratelimit-remaining"));
        assertEquals(Map.of("error", Map.of("message", "Rate Limit Exceeded", "code", 2020)), r.json());
        api.get("/users").expect(200);
    }

    @Test
    void aDroppedConnectionFailsTheClientAndHasNoEffect() {
        pd.enqueue(Fault.dropConnection());
        IOException e = api.failure("POST", "/teams", Duration.ofSeconds(10));
        assertNotNull(e);
        assertEquals(1, teams());
        assertEquals("POST /teams", pd.requests().get(0).toString(), "the request is still journalled");
    }

    @Test
    void aTruncatedBodyFailsTheClientAfterTheRequestTookEffect() {
        pd.enqueue(Fault.truncatedBody());
        assertThrows(java.io.UncheckedIOException.class, () -> api.post("/teams", obj("team", obj("name", "Created"))));
        assertEquals(2, teams(), "the server acted before the answer broke");
    }

    @Test
    void aMalformedBodyKeepsTheStatusAndBreaksTheJson() {
        pd.enqueue(Fault.malformedBody());
        Api.Res r = api.post("/teams", obj("team", obj("name", "Created"))).expect(201);
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertThrows(RuntimeException.class, r::tree);
        assertEquals(2, teams());
    }

    @Test
    void aDelayFaultOutlastsAShortClientTimeout() {
        pd.enqueue(Fault.delay(Duration.ofSeconds(30)));
        IOException e = api.failure("GET", "/users", Duration.ofMillis(200));
        assertInstanceOf(HttpTimeoutException.class, e);
        api.get("/users").expect(200); // only one request was delayed
    }

    @Test
    void injectMatchesMethodAndPathForTheGivenNumberOfRequests() {
        pd.inject(Fault.status(500), 2, "GET", "/users(/.*)?");
        api.get("/teams").expect(200);
        api.post("/users", obj()).expect(400); // POST doesn't match (and lacks From)
        api.get("/users").expect(500);
        api.get("/users/PABCDEF").expect(500);
        api.get("/users").expect(200);
        assertThrows(IllegalArgumentException.class, () -> pd.inject(Fault.status(500), 0, null, null));
    }

    @Test
    void faultsApplyInTheOrderTheyWereAdded() {
        pd.enqueue(Fault.status(502));
        pd.enqueue(Fault.status(504));
        api.get("/users").expect(502);
        api.get("/users").expect(504);
        api.get("/users").expect(200);
    }

    @Test
    void latencyAppliesToEveryRequestUntilChanged() {
        pd.latency(Duration.ofSeconds(30));
        assertInstanceOf(HttpTimeoutException.class, api.failure("GET", "/users", Duration.ofMillis(200)));
        assertInstanceOf(HttpTimeoutException.class, api.failure("GET", "/teams", Duration.ofMillis(200)));
        pd.latency(Duration.ZERO);
        api.get("/users").expect(200);
        pd.latency(Duration.ofSeconds(30));
        pd.reset(); // the latest latency stays: a suite that sets it once keeps it across tests
        assertInstanceOf(HttpTimeoutException.class, api.failure("GET", "/users", Duration.ofMillis(200)));
        pd.latency(Duration.ZERO);
        api.get("/users").expect(200);
    }

    @Test
    void theRateLimitRefusesRestRequestsBeyondItAndSaysSoInTheHeaders() {
        pd.rateLimit(3);
        assertEquals("2", api.get("/users").expect(200).header("ratelimit-remaining"));
        assertEquals("1", api.get("/users").expect(200).header("ratelimit-remaining"));
        Api.Res third = api.get("/users").expect(200);
        assertEquals("0", third.header("ratelimit-remaining"));
        assertEquals("3", third.header("ratelimit-limit"));
        Api.Res refused = api.get("/users").expect(429);
        assertEquals(2020, refused.obj("error").get("code"));
        assertTrue(Integer.parseInt(refused.header("ratelimit-reset")) >= 1);
        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", pd.routingKey(), "event_action", "trigger",
                "payload", obj("summary", "s", "source", "s", "severity", "info"))).expect(202);
        pd.rateLimit(0);
        api.get("/users").expect(200);
    }

    @Test
    void aRateLimitFromTheBuilderSurvivesReset() {
        try (FakePagerDuty limited = FakePagerDuty.builder().rateLimit(1).start()) {
            Api a = Api.account(limited);
            a.get("/users").expect(200);
            a.get("/users").expect(429);
            limited.reset();
            a.get("/users").expect(200);
            a.get("/users").expect(429);
        }
    }

    @Test
    void stubsAnswerAdHocRoutesBeforeEverythingElse() {
        pd.stub("GET", "/users/{id}", 418, "{\"teapot\":true}");
        pd.stub("POST", "/not/in/the/table", 200, "{\"ok\":1}");
        Api.Res r = Api.anonymous(pd).get("/users/PANY123").expect(418);
        assertEquals(Map.of("teapot", true), r.json());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertEquals(Map.of("ok", 1), api.post("/not/in/the/table", obj()).expect(200).json());
        api.get("/users").expect(200);
        pd.stub("GET", "/users/{id}", 200, "{\"user\":{}}");
        api.get("/users/PANY123").expect(200);
        assertEquals(List.of(), pd.unmatchedRequests());
        pd.reset();
        api.get("/users/PANY123").expect(404);
    }

    @Test
    void takeRequestReturnsRequestsInOrderAndNullWhenNoneCome() {
        assertNull(pd.takeRequest(Duration.ofMillis(50)));
        api.with("X-Custom", "v1").get("/users?limit=5&statuses%5B%5D=a&statuses%5B%5D=b");
        api.post("/teams", obj("team", obj("name", "Journalled")));
        RecordedRequest first = pd.takeRequest(Duration.ofSeconds(5));
        assertEquals("GET", first.method());
        assertEquals("/users", first.path());
        assertEquals("5", first.queryParam("limit"));
        assertEquals(List.of("a", "b"), first.queryParams("statuses[]"));
        assertEquals("v1", first.header("x-custom"), "headers ignore case");
        assertEquals("v1", first.headers().get("X-CUSTOM").get(0));
        assertTrue(first.header("Authorization").startsWith("Token token="));
        assertEquals("GET /users?limit=5&statuses%5B%5D=a&statuses%5B%5D=b", first.toString());
        RecordedRequest second = pd.takeRequest(Duration.ofSeconds(5));
        assertEquals("POST", second.method());
        assertEquals(Map.of("team", Map.of("name", "Journalled")), Api.JSON.read(second.body()));
        assertTrue(second.bodyText().contains("Journalled"));
        assertNotNull(second.receivedAt());
        assertNull(pd.takeRequest(Duration.ZERO));
        assertEquals(2, pd.requestCount());
        assertEquals(2, pd.requests().size());
        assertThrows(UnsupportedOperationException.class, () -> pd.requests().clear());
    }

    @Test
    void resetClearsTheJournalFaultsStubsAndData() {
        String before = Api.id(api.get("/users").list("users").get(0));
        api.post("/teams", obj("team", obj("name", "Gone after reset"))).expect(201);
        pd.enqueue(Fault.status(500));
        pd.stub("GET", "/x", 200, "{}");
        pd.reset();
        assertEquals(0, pd.requestCount());
        api.get("/users").expect(200);
        assertEquals(1, teams());
        assertTrue(!Api.id(api.get("/users").list("users").get(0)).equals(before), "ids change on reset");
        api.get("/x").expect(404);
        assertEquals(4, pd.requestCount());
    }

    @Test
    void closeEndsWaitingRequestsPromptly() throws Exception {
        FakePagerDuty slow = FakePagerDuty.start();
        slow.enqueue(Fault.delay(Duration.ofMinutes(5)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(HttpRequest.newBuilder(URI.create(slow.restUrl() + "/users"))
                .header("Authorization", "Token token=" + slow.apiToken()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNotNull(slow.takeRequest(Duration.ofSeconds(10)), "the request reached the server");
        assertTimeoutPreemptively(Duration.ofSeconds(10), slow::close);
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(20, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
        slow.close(); // idempotent
    }
}
