package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.Paged;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-call options through {@link RestApiV2Client#with}: what each option puts on the wire, against
 * {@link FakePagerDuty} on 127.0.0.1, and how views combine.
 */
class RequestOptionsTest {

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.standardSeed(false))
            .build();

    private FakePagerDuty pd;
    private List<Map<String, Object>> users;

    @BeforeEach
    void seed(FakePagerDuty pd) {
        this.pd = pd;
        users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            users.add(pd.seed().user(String.format("User %02d", i), "user" + i + "@example.com"));
        }
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).defaultFrom("admin@example.com").build();
    }

    private List<RecordedRequest> sent() {
        return pd.requests();
    }

    @Test
    void paramsAndHeadersGoWithEveryRequestAndTheCallsOwnParamsWin() {
        try (RestApiV2Client client = client()) {
            RestApiV2Client view = client.with(o -> o.param("include[]", List.of("teams")).param("query", "User")
                    .header("X-EARLY-ACCESS", "feature-x").from("ops@example.com"));

            view.with(o -> o.params(Map.of("query", "User 01"))).get("/users");
            view.rget("/users/" + users.get(0).get("id"));

            RecordedRequest list = sent().get(0);
            assertEquals("User 01", list.queryParam("query"), "the call's own parameter wins");
            assertEquals(List.of("teams"), list.queryParams("include[]"));
            assertEquals("feature-x", list.header("X-EARLY-ACCESS"));
            assertEquals("ops@example.com", list.header("From"), "from() replaces the client's defaultFrom");
            RecordedRequest read = sent().get(1);
            assertEquals(List.of("teams"), read.queryParams("include[]"));
            assertEquals("feature-x", read.header("X-EARLY-ACCESS"));

            client.get("/users");
            RecordedRequest plain = sent().get(2);
            assertEquals(null, plain.header("X-EARLY-ACCESS"), "the client itself is unchanged");
            assertEquals("admin@example.com", plain.header("From"));
            assertTrue(plain.query().isEmpty(), plain.query()::toString);
        }
    }

    @Test
    void listingOptionsSetThePageSizeTheTotalAndSeeEveryItem() {
        List<String> progress = new ArrayList<>();
        try (RestApiV2Client client = client()) {
            RestApiV2Client view = client.with(o -> o.pageSize(7).total(true)
                    .itemHook((item, n, total) -> progress.add(n + "/" + total.orElse(-1) + " " + item.get("id"))));

            List<Map<String, Object>> all = view.listAll("/users");

            assertEquals(30, all.size());
            assertEquals(5, pd.requestCount(), "pages of 7");
            assertTrue(sent().stream().allMatch(r -> "7".equals(r.queryParam("limit")) && "true".equals(r.queryParam("total"))));
            assertEquals(30, progress.size());
            assertEquals("1/30 " + users.get(0).get("id"), progress.get(0));
            assertEquals("30/30 " + users.get(29).get("id"), progress.get(29));

            try (Paged<Map<String, Object>> paged = view.iterAll("/users")) {
                paged.iterator().next();
                int asked = pd.requestCount();
                assertEquals(30, paged.total(), "total(true) applies to iterAll too");
                assertEquals(asked, pd.requestCount(), "the first page reported the total");
            }
        }
    }

    @Test
    void theTimeoutIsEachAttemptsAndViewsCombine() {
        ScriptedTransport transport = new ScriptedTransport();
        Headers json = Headers.of("Content-Type", "application/json");
        transport.respond(200, json, "{}").respond(200, json, "{}").respond(200, json, "{\"users\":[],\"more\":false}")
                .respond(200, json, "{}");
        try (RestApiV2Client client = RestApiV2Client.builder("token-for-options").baseUrl("http://127.0.0.1:9")
                .transport(transport).timeout(Duration.ofSeconds(30)).build()) {
            RestApiV2Client slow = client.with(o -> o.timeout(Duration.ofSeconds(90)).header("X-A", "1"));
            RestApiV2Client both = slow.with(o -> o.header("X-B", "2").pageSize(10));

            client.get("/users");
            slow.get("/users");
            both.listAll("/users");

            List<HttpRequest> sent = transport.requests;
            assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(90)),
                    sent.stream().map(HttpRequest::timeout).toList());
            HttpRequest last = sent.get(2);
            assertEquals("1", last.headers().firstOrNull("X-A"), "an earlier view's options stay");
            assertEquals("2", last.headers().firstOrNull("X-B"));
            assertEquals("limit=10&offset=0", last.uri().getRawQuery());

            both.close();
            assertEquals(200, client.get("/users").status(), "closing a view leaves the client open");
        }
    }
}
