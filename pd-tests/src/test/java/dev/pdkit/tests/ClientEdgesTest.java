package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ChangeEventsApiV2Client;
import dev.pdkit.ClientStats;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.Response;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.Transport;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public clients' smaller promises, each pinned once: what their builders refuse, what close()
 * releases, what an answer carries back (elapsed time, per-endpoint times, the dedup key), the
 * per-request headers of {@code request(...)}, and the cases of the account helpers that are not
 * remembered.
 */
class ClientEdgesTest {

    private static final String TOKEN = "u+EdgeCaseToken1";
    private static final String KEY = "R0123456789abcdef0123456789abcd";

    private final ScriptedTransport transport = new ScriptedTransport();

    private RestApiV2Client client() {
        return RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .sleeper(new RecordingSleeper()).build();
    }

    private static HttpResponse json(int status, String body) {
        return HttpResponse.of(status, Headers.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "a credential with {0} is refused")
    @ValueSource(strings = {"caf\u00e9-token", "tab\tin", "new\nline", "del\u007fchar", "space in", " ", ""})
    void credentialsWithCharactersNoHeaderCanCarryAreRefused(String credential) {
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder(credential));
        assertThrows(IllegalArgumentException.class, () -> EventsApiV2Client.builder(credential));
        assertThrows(IllegalArgumentException.class, () -> ChangeEventsApiV2Client.builder(credential));
    }

    @Test
    void theWholeVisibleAsciiRangeIsAcceptedInACredential() {
        StringBuilder all = new StringBuilder();
        for (char c = 0x21; c <= 0x7e; c++) {
            all.append(c);
        }
        assertEquals("*" + all.substring(all.length() - 4), RestApiV2Client.builder(all.toString()).build().truncatedToken());
    }

    @Test
    void pageSizesAndConcurrencyAreBounded() {
        RestApiV2Client.Builder builder = RestApiV2Client.builder(TOKEN);
        assertThrows(IllegalArgumentException.class, () -> builder.defaultPageSize(0));
        assertThrows(IllegalArgumentException.class, () -> builder.defaultPageSize(10_001));
        builder.defaultPageSize(1).defaultPageSize(10_000);
        assertThrows(IllegalArgumentException.class, () -> builder.pageConcurrency(0));
        assertThrows(IllegalArgumentException.class, () -> builder.pageConcurrency(101));
        builder.pageConcurrency(1).pageConcurrency(100);
        try (RestApiV2Client client = client()) {
            assertThrows(IllegalArgumentException.class, () -> client.iterAll("/users", null, 0));
            assertThrows(IllegalArgumentException.class, () -> client.iterCursor("/audit/records", null, 0));
            assertThrows(IllegalArgumentException.class, () -> client.iterAll("/users", null, 10, 0));
            assertThrows(IllegalArgumentException.class, () -> client.iterAll("/users", null, 10, 101));
            assertThrows(IllegalArgumentException.class, () -> client.iterAlertGroupingSettings(null, 0));
        }
        assertEquals(0, transport.requests.size(), "nothing is sent for a bad argument");
    }

    @Test
    void retrySettingsAreCheckedWhenSet() {
        RestApiV2Client.Builder b = RestApiV2Client.builder(TOKEN);
        assertThrows(IllegalArgumentException.class, () -> b.retry(99, 1));
        assertThrows(IllegalArgumentException.class, () -> b.retry(1000, 1));
        assertThrows(IllegalArgumentException.class, () -> b.retry(500, -2));
        assertThrows(IllegalArgumentException.class, () -> b.maxHttpAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> b.maxNetworkAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> b.sleepTimer(-0.1));
        assertThrows(IllegalArgumentException.class, () -> b.sleepTimer(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> b.sleepTimer(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.sleepTimerBase(0.99));
        assertThrows(IllegalArgumentException.class, () -> b.sleepTimerBase(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> b.staggerCooldown(-1));
        assertThrows(IllegalArgumentException.class, () -> b.staggerCooldown(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.maxSleep(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.rateLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.defaultFrom(" "));
        assertThrows(IllegalArgumentException.class, () -> b.defaultFrom("caf\u00e9@example.com"));
        b.retry(100, 1).retry(999, -1).retry(500, 0).maxHttpAttempts(0).maxNetworkAttempts(0).sleepTimer(0)
                .sleepTimerBase(1).staggerCooldown(0).maxSleep(Duration.ZERO).rateLimit(0).defaultFrom(null);
    }

    @Test
    void perRequestHeadersOverrideTheClientsOnes() {
        transport.then(r -> json(200, "{}"));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .defaultFrom("a@example.com").header("X-Client", "c").build()) {
            client.request("post", "/incidents", Map.of("q", 1), Map.of("a", 1),
                    Map.of("From", "b@example.com", "X-Early-Access", "yes"));
        }
        HttpRequest sent = transport.requests.get(0);
        assertEquals("POST", sent.method());
        assertEquals("b@example.com", sent.headers().firstOrNull("From"));
        assertEquals("yes", sent.headers().firstOrNull("X-Early-Access"));
        assertEquals("c", sent.headers().firstOrNull("X-Client"));
        assertEquals("application/json", sent.headers().firstOrNull("Content-Type"));
        assertEquals("q=1", sent.uri().getRawQuery());
        try (RestApiV2Client client = client()) {
            assertThrows(PdClientException.class, () -> client.request("TRACE", "/users", null, null, null));
        }
    }

    @Test
    void answersCarryTheirTimeAndTheStatisticsAddItUp() {
        transport.then(r -> json(200, "{\"users\":[]}")).then(r -> json(200, "{\"users\":[]}"));
        try (RestApiV2Client client = client()) {
            Response first = client.get("/users");
            Response second = client.get("/users");
            ClientStats stats = client.stats();

            assertTrue(first.isSuccess());
            assertFalse(first.elapsed().isNegative());
            assertEquals(2, stats.callCount("GET /users"));
            assertEquals(stats.callTimes().get("GET /users"), stats.totalCallTime());
            assertTrue(stats.totalCallTime().compareTo(Duration.ZERO) > 0, stats::toString);
            assertEquals("application/json", second.header("Content-Type").orElseThrow());
            assertEquals("application/json", second.headers().firstOrNull("content-type"));
            assertEquals(Map.of(), stats.failureCounts());
        }
    }

    @Test
    void apiKeyAccessIsNotRememberedAfterAServerError() {
        transport.status(503, 7).then(r -> json(200, "{\"user\":{\"id\":\"P1\"}}"));
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, client::apiKeyAccess);
            assertEquals(503, e.status());
            assertEquals("user", client.apiKeyAccess(), "asked again, not remembered");
            assertEquals("user", client.apiKeyAccess(), "remembered now");
        }
        assertEquals(8, transport.requests.size());
    }

    @Test
    void apiKeyAccessTellsAnAccountKeyFromA400() {
        transport.then(r -> json(400, "{\"error\":{\"message\":\"Requires an account-level access token\"}}"))
                .then(r -> json(400, "{\"error\":{\"message\":\"Something else\"}}"));
        try (RestApiV2Client account = client()) {
            assertEquals("account", account.apiKeyAccess());
        }
        try (RestApiV2Client unclear = client()) {
            assertThrows(PdHttpException.class, unclear::apiKeyAccess);
        }
    }

    @Test
    void closingAClientClosesTheTransportItCreatedButNotOneItWasGiven() {
        AtomicBoolean closed = new AtomicBoolean();
        Transport given = new Transport() {
            @Override
            public HttpResponse send(HttpRequest request) {
                return json(200, "{}");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(given).build();
        client.close();
        client.close();
        assertFalse(closed.get(), "the caller's transport stays open");
        assertThrows(IllegalStateException.class, () -> client.get("/users"));
    }

    @Test
    void eventsReturnTheDedupKeyPagerDutyAssigned() {
        ScriptedTransport events = new ScriptedTransport()
                .then(r -> json(202, "{\"status\":\"success\",\"dedup_key\":\"ack-1\"}"))
                .then(r -> json(202, "{\"status\":\"success\",\"dedup_key\":\"res-1\"}"))
                .then(r -> json(202, "{\"status\":\"success\"}"));
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(events)
                .build()) {
            assertEquals("ack-1", client.acknowledge("k1"));
            assertEquals("res-1", client.resolve("k1"));
            client.submit("Deployed", "ci");
        }
        assertEquals(List.of("/v2/enqueue", "/v2/enqueue", "/v2/change/enqueue"),
                events.requests.stream().map(r -> r.uri().getPath()).toList());
    }

    @Test
    void closingTheEventsClientFailsTheEventsNotYetSent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(1);
        Transport slow = new Transport() {
            @Override
            public HttpResponse send(HttpRequest request) throws IOException {
                sending.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("closed");
                }
                return json(202, "{\"status\":\"success\",\"dedup_key\":\"k\"}");
            }
        };
        EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(slow)
                .maxConcurrentSends(1).build();
        CompletableFuture<String> onTheWire = client.sendAsync(dev.pdkit.Event.resolve("k"));
        assertTrue(sending.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> queued = client.sendAsync(dev.pdkit.Event.resolve("k"));

        client.close();
        release.countDown();

        CompletionException e = assertThrows(CompletionException.class, () -> queued.orTimeout(10, TimeUnit.SECONDS).join());
        assertTrue(e.getCause() instanceof PdClientException, e::toString);
        assertTrue(onTheWire.orTimeout(10, TimeUnit.SECONDS).handle((v, t) -> true).join());
    }
}
