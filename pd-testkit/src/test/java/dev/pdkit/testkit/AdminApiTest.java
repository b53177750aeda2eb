package dev.pdkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.testkit.rest.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API as a test suite in another language drives it: plain HTTP and JSON, no pdkit
 * classes on the calling side, no credential.
 */
class AdminApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakePagerDuty pd;

    @BeforeEach
    void start() {
        pd = FakePagerDuty.start();
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    @Test
    void resetSeedFaultsStubsAndTheJournal() throws Exception {
        Map<?, ?> index = json(send("GET", "/__admin", null), 200);
        assertEquals(pd.restUrl(), index.get("rest_url"));

        assertEquals(204, send("POST", "/__admin/seed", "{\"teams\":[{\"name\":\"From Python\"}]}").statusCode());
        Map<?, ?> teams = json(api("GET", "/teams?query=Python", null), 200);
        assertEquals(1, ((List<?>) teams.get("teams")).size());

        assertEquals(204, send("POST", "/__admin/faults",
                "{\"status\":503,\"method\":\"GET\",\"path\":\"/users\",\"count\":2}").statusCode());
        assertEquals(503, api("GET", "/users", null).statusCode());
        assertEquals(503, api("GET", "/users", null).statusCode());
        assertEquals(200, api("GET", "/users", null).statusCode());
        assertEquals(204, send("POST", "/__admin/faults", "{\"kind\":\"rate_limited\",\"reset_seconds\":7}").statusCode());
        HttpResponse<String> limited = api("GET", "/teams", null);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("ratelimit-reset").orElseThrow());

        assertEquals(201, send("POST", "/__admin/stubs",
                "{\"method\":\"GET\",\"path\":\"/vendors/{id}\",\"status\":200,\"body\":{\"vendor\":{\"id\":\"V1\"}}}")
                .statusCode());
        assertEquals(Map.of("vendor", Map.of("id", "V1")), json(api("GET", "/vendors/V9", null), 200));

        Map<?, ?> journal = json(send("GET", "/__admin/requests?method=GET&path=/vendors/%7Bid%7D", null), 200);
        List<?> requests = (List<?>) journal.get("requests");
        assertEquals(1, requests.size());
        assertEquals("/vendors/V9", ((Map<?, ?>) requests.get(0)).get("path"));
        assertEquals(6, ((Number) json(send("GET", "/__admin/requests", null), 200).get("received")).intValue(),
                "admin requests are not journalled: " + pd.requests());

        api("POST", "/teams", "{\"team\":{\"type\":\"team\",\"name\":\"Bodies\"}}");
        Map<?, ?> post = (Map<?, ?>) ((List<?>) json(send("GET", "/__admin/requests?method=POST", null), 200)
                .get("requests")).get(0);
        assertEquals(Map.of("team", Map.of("type", "team", "name", "Bodies")), post.get("body"), "the body as JSON");

        assertEquals(204, send("POST", "/__admin/reset", null).statusCode());
        assertEquals(List.of(), json(send("GET", "/__admin/requests", null), 200).get("requests"));
        assertEquals(0, ((List<?>) json(api("GET", "/teams?query=Python", null), 200).get("teams")).size());
    }

    @Test
    void latencyAndRateLimitAreSetAndClearedOverHttp() throws Exception {
        assertEquals(204, send("PUT", "/__admin/rate_limit", "{\"per_minute\":1}").statusCode());
        assertEquals(200, api("GET", "/users", null).statusCode());
        assertEquals(429, api("GET", "/users", null).statusCode());
        assertEquals(204, send("PUT", "/__admin/rate_limit", "{\"per_minute\":0}").statusCode());
        assertEquals(200, api("GET", "/users", null).statusCode());
        assertEquals(204, send("PUT", "/__admin/latency", "{\"millis\":0}").statusCode());
        assertEquals(204, send("DELETE", "/__admin/requests", null).statusCode());
        assertEquals(0, pd.requestCount());
    }

    @Test
    void badAdminRequestsAreRefusedWithAMessage() throws Exception {
        assertTrue(json(send("POST", "/__admin/faults", "{\"kind\":\"meteor\"}"), 400).toString().contains("unknown fault kind"));
        assertTrue(json(send("POST", "/__admin/faults", "[1]"), 400).toString().contains("JSON object"));
        assertTrue(json(send("PUT", "/__admin/latency", "{\"millis\":\"soon\"}"), 400).toString().contains("whole number"));
        assertTrue(json(send("POST", "/__admin/seed", "{\"users\":"), 400).toString().contains("not valid JSON"));
        assertTrue(json(send("GET", "/__admin/requests?since=yesterday", null), 400).toString().contains("ISO-8601"));
        assertTrue(json(send("GET", "/__admin/nothing", null), 404).toString().contains("GET /__admin lists them"));
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pd.restUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pd.restUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token token=" + pd.apiToken()).header("From", pd.userEmail())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r::body);
        return (Map<?, ?>) Json.read(r.body());
    }
}
