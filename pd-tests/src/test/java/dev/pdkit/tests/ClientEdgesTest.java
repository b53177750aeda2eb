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
import dev.pdkit.RestApiV2ClientBuilder;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecProvider;
import dev.pdkit.spi.Transport;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
        assertEquals("*" + all.substring(all.length() - 4), RestApiV2Client.builder(all.toString()).build().account().truncatedToken());
    }

    @Test
    void pageSizesAndConcurrencyAreBounded() {
        RestApiV2ClientBuilder builder = RestApiV2Client.builder(TOKEN);
        assertThrows(IllegalArgumentException.class, () -> builder.defaultPageSize(0));
        assertThrows(IllegalArgumentException.class, () -> builder.defaultPageSize(10_001));
        builder.defaultPageSize(1).defaultPageSize(10_000);
        assertThrows(IllegalArgumentException.class, () -> builder.pageConcurrency(0));
        assertThrows(IllegalArgumentException.class, () -> builder.pageConcurrency(101));
        builder.pageConcurrency(1).pageConcurrency(100);
        try (RestApiV2Client client = client()) {
            // A view's page size and concurrency are checked when the options are built.
            assertThrows(IllegalArgumentException.class, () -> client.with(o -> o.pageSize(0)));
            assertThrows(IllegalArgumentException.class, () -> client.with(o -> o.pageConcurrency(0)));
            assertThrows(IllegalArgumentException.class, () -> client.with(o -> o.pageConcurrency(101)));
            client.with(o -> o.pageSize(1)).iterAll("/users").close();
            client.with(o -> o.pageSize(1)).iterCursor("/audit/records").close();
            client.with(o -> o.pageSize(1)).iterAll("/analytics/raw/incidents").close();
            client.with(o -> o.pageSize(1)).iterAll("/alert_grouping_settings").close();
            client.with(o -> o.pageSize(1).pageConcurrency(1)).iterAll("/users").close();
            client.with(o -> o.pageSize(1).pageConcurrency(100)).iterAll("/users").close();
        }
        assertEquals(0, transport.requests.size(), "nothing is sent for a bad argument");
    }

    @Test
    void retrySettingsAreCheckedWhenSet() {
        RestApiV2ClientBuilder b = RestApiV2Client.builder(TOKEN);
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
        assertThrows(IllegalArgumentException.class, () -> b.staggerCooldown(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> b.maxResponseBytes(0));
        b.retry(100, 1).retry(999, -1).retry(500, 0).maxHttpAttempts(0).maxNetworkAttempts(0).sleepTimer(0)
                .sleepTimerBase(1).staggerCooldown(0).maxSleep(Duration.ZERO).rateLimit(0).defaultFrom(null)
                .maxResponseBytes(1).timeout(Duration.ofNanos(1)).connectTimeout(Duration.ofNanos(1));
    }

    static Stream<Arguments> refusedStatuses() {
        return Stream.of(
                Arguments.of(404, PdHttpException.class, "client error"),
                Arguments.of(501, PdServerException.class, "server error"),
                Arguments.of(302, PdHttpException.class, "unexpected redirect (PagerDuty APIs never redirect)"),
                Arguments.of(199, PdHttpException.class, "unexpected status"),
                Arguments.of(600, PdHttpException.class, "unexpected status"));
    }

    @ParameterizedTest(name = "{0} raises {1} naming a {2}")
    @MethodSource("refusedStatuses")
    void helpersNameTheKindOfStatusTheyRefuse(int status, Class<? extends PdHttpException> type, String kind) {
        transport.then(r -> HttpResponse.of(status, Headers.empty(), null));
        try (RestApiV2Client client = client()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.jget("/users"));
            assertEquals(type, e.getClass(), "PdServerException for a 5xx only");
            assertEquals("GET http://127.0.0.1:9/users: API responded with " + kind + " (status " + status + ")",
                    e.getMessage(), "an empty body adds nothing after the status");
            assertEquals(status, e.status());
            assertEquals(1, e.attempts());
        }
    }

    @Test
    void aRefusedAnswerAfterRetriesSaysHowManyAttemptsPagerDutysErrorAndTheRequestId() {
        transport.status(503, 2).respond(503, Headers.of("Content-Type", "application/json", "X-Request-Id", "req-9"),
                "{\"error\":{\"message\":\"Service Unavailable\"}}");
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .sleeper(new RecordingSleeper()).retry(503, 2).build()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.jget("/users"));
            assertEquals("GET http://127.0.0.1:9/users: API responded with server error (status 503) after 3 attempts:"
                    + " Service Unavailable [x-request-id req-9]", e.getMessage());
            assertEquals(Optional.of("req-9"), e.requestId());
            assertEquals(Optional.of("Service Unavailable"), e.errorMessage());
            assertEquals(OptionalInt.empty(), e.errorCode(), "the body carried no code");
            assertEquals(List.of(), e.errors());
        }
    }

    @Test
    void anEventsApiErrorSaysWhatTheClientWasDoing() {
        ScriptedTransport events = new ScriptedTransport().respond(400, Headers.of("Content-Type", "application/json"),
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"bad\"]}");
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(events)
                .build()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.trigger("Disk full", "db-1"));
            assertTrue(e.getMessage().startsWith("POST http://127.0.0.1:9/v2/enqueue: API responded with client error"
                    + " (status 400) in submitting an event to the Events API: "), e.getMessage());
        }
    }

    @Test
    void queryParametersAreAppendedToTheQueryOfTheUrlWithoutItsFragment() {
        transport.then(r -> json(200, "{}")).then(r -> json(200, "{}")).then(r -> json(200, "{}"));
        try (RestApiV2Client client = client()) {
            client.with(o -> o.params(Map.of())).get("/users");
            client.with(o -> o.params(Map.of("limit", 1))).get("/users#fragment");
            client.with(o -> o.params(Map.of("limit", 1))).get("/users?query=a#fragment");
        }
        assertEquals(List.of("http://127.0.0.1:9/users", "http://127.0.0.1:9/users?limit=1",
                "http://127.0.0.1:9/users?query=a&limit=1"),
                transport.requests.stream().map(r -> r.uri().toString()).toList(), "no dangling '?' for no parameters");
    }

    @Test
    void theUserAgentNamesTheTransportAndCodecInCharactersAHeaderCanCarry() {
        JsonCodec discovered = ServiceLoader.load(JsonCodecProvider.class).findFirst().orElseThrow().create();
        AtomicInteger encoded = new AtomicInteger();
        JsonCodec mine = new JsonCodec() {
            @Override
            public byte[] write(Object value) {
                encoded.incrementAndGet();
                return discovered.write(value);
            }

            @Override
            public Object read(byte[] json) {
                return discovered.read(json);
            }

            @Override
            public <T> T convert(Object tree, java.lang.reflect.Type type) {
                return discovered.convert(tree, type);
            }

            @Override
            public String name() {
                return "my-json";
            }
        };
        List<String> agents = new ArrayList<>();
        for (String name : new String[] {"tr\u00e4ns\nport", null}) {
            ScriptedTransport scripted = new ScriptedTransport().then(r -> json(201, "{}"));
            Transport named = new Transport() {
                @Override
                public HttpResponse send(HttpRequest request) throws IOException {
                    return scripted.send(request);
                }

                @Override
                public String name() {
                    return name;
                }
            };
            try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(named)
                    .json(mine).build()) {
                client.request("POST", "/teams", Map.of("name", "Ops"));
                String agent = scripted.requests.get(0).headers().firstOrNull("User-Agent");
                assertTrue(agent.contains("codec my-json"), agent);
            }
            agents.add(scripted.requests.get(0).headers().firstOrNull("User-Agent"));
        }
        assertTrue(agents.get(0).matches("pdkit/\\S+ \\(transport tr\\?ns\\?port; codec my-json\\) Java/\\S+"), agents.get(0));
        assertTrue(agents.get(1).contains("(transport unknown; codec my-json)"), agents.get(1));
        assertEquals(2, encoded.get(), "the explicit codec encoded the bodies");
    }

    @Test
    void theTimeoutGoesWithEveryRequest() {
        transport.then(r -> json(200, "{}"));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9")
                .timeout(Duration.ofSeconds(7)).transport(transport).build()) {
            client.get("/users");
        }
        assertEquals(Duration.ofSeconds(7), transport.requests.get(0).timeout());
    }

    @Test
    void perRequestHeadersOverrideTheClientsOnes() {
        transport.then(r -> json(200, "{}"));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .defaultFrom("a@example.com").header("X-Client", "c").build()) {
            client.with(o -> o.param("q", 1).headers(Map.of("From", "b@example.com", "X-Early-Access", "yes"))).request("post", "/incidents", Map.of("a", 1));
        }
        HttpRequest sent = transport.requests.get(0);
        assertEquals("POST", sent.method());
        assertEquals("b@example.com", sent.headers().firstOrNull("From"));
        assertEquals("yes", sent.headers().firstOrNull("X-Early-Access"));
        assertEquals("c", sent.headers().firstOrNull("X-Client"));
        assertEquals("application/json", sent.headers().firstOrNull("Content-Type"));
        assertEquals("q=1", sent.uri().getRawQuery());
        try (RestApiV2Client client = client()) {
            assertThrows(PdClientException.class, () -> client.request("TRACE", "/users", null));
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
    void aResponseShowsTheAnswerAndTheRequestItAnswered() {
        transport.respond(404, Headers.of("Content-Type", "application/json", "X-Request-Id", "req-1"),
                "{\"error\":{\"message\":\"Not Found\"}}").respond(200, Headers.empty(), " \r\n\t");
        try (RestApiV2Client client = client()) {
            Response missing = client.with(o -> o.params(Map.of("include", List.of("teams")))).get("/users/P1");
            assertEquals("GET", missing.method());
            assertEquals(URI.create("http://127.0.0.1:9/users/P1?include%5B%5D=teams"), missing.url());
            assertEquals(404, missing.status());
            assertFalse(missing.isSuccess());
            assertEquals(Optional.of("req-1"), missing.requestId());
            assertEquals(Optional.of("req-1"), missing.header("x-request-id"));
            assertEquals(List.of("req-1"), missing.headers().all("X-Request-Id"));
            assertEquals("{\"error\":{\"message\":\"Not Found\"}}", missing.text());
            assertEquals(missing.text(), new String(missing.body(), StandardCharsets.UTF_8));
            missing.body()[0] = 'x';
            assertEquals('{', missing.body()[0], "body() is a copy");
            assertEquals(Map.of("error", Map.of("message", "Not Found")), missing.json());
            assertEquals(1, missing.attempts());
            assertFalse(missing.elapsed().isNegative());
            assertEquals("Response{GET http://127.0.0.1:9/users/P1?include%5B%5D=teams -> 404, request id req-1}",
                    missing.toString());

            Response blank = client.get("/users");
            assertTrue(blank.isSuccess());
            assertEquals(null, blank.json(), "a blank body decodes to null");
            assertEquals(Optional.empty(), blank.requestId());
            assertEquals("Response{GET http://127.0.0.1:9/users -> 200}", blank.toString());
        }
    }

    @Test
    void aBodyThatIsNotJsonIsParsedOnce() {
        JsonCodec discovered = ServiceLoader.load(JsonCodecProvider.class).findFirst().orElseThrow().create();
        AtomicInteger reads = new AtomicInteger();
        JsonCodec counting = new JsonCodec() {
            @Override
            public byte[] write(Object value) {
                return discovered.write(value);
            }

            @Override
            public Object read(byte[] json) {
                reads.incrementAndGet();
                return discovered.read(json);
            }

            @Override
            public <T> T convert(Object tree, java.lang.reflect.Type type) {
                return discovered.convert(tree, type);
            }
        };
        transport.then(r -> json(200, "<html>maintenance</html>"));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .json(counting).build()) {
            Response r = client.get("/users");
            PdServerException first = assertThrows(PdServerException.class, r::json);
            PdServerException again = assertThrows(PdServerException.class, r::json);
            assertEquals(first.getMessage(), again.getMessage());
            assertTrue(first.getMessage().contains("invalid JSON") && first.getMessage().endsWith("<html>maintenance</html>"),
                    first.getMessage());
        }
        assertEquals(1, reads.get(), "the second call fails the same way without parsing again");
    }

    @Test
    void apiKeyAccessIsNotRememberedAfterAServerError() {
        transport.status(503, 7).then(r -> json(200, "{\"user\":{\"id\":\"P1\"}}"));
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, client.account()::apiKeyAccess);
            assertEquals(503, e.status());
            assertEquals("user", client.account().apiKeyAccess(), "asked again, not remembered");
            assertEquals("user", client.account().apiKeyAccess(), "remembered now");
        }
        assertEquals(8, transport.requests.size());
    }

    @Test
    void apiKeyAccessTellsAnAccountKeyFromA400() {
        transport.then(r -> json(400, "{\"error\":{\"message\":\"Requires an account-level access token\"}}"))
                .then(r -> json(400, "{\"error\":{\"message\":\"Something else\"}}"));
        try (RestApiV2Client account = client()) {
            assertEquals("account", account.account().apiKeyAccess());
        }
        try (RestApiV2Client unclear = client()) {
            assertThrows(PdHttpException.class, unclear.account()::apiKeyAccess);
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

        // The transport a client creates for itself is closed with it: ClientCore.close(); the
        // transports' contract tests check that a closed transport refuses to send.
        RestApiV2Client owner = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").build();
        owner.close();
        assertThrows(IllegalStateException.class, () -> owner.get("/users"));
    }

    @Test
    void closedEventsClientsSendNothing() {
        ScriptedTransport events = new ScriptedTransport();
        EventsApiV2Client alerts = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(events).build();
        ChangeEventsApiV2Client changes = ChangeEventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9")
                .transport(events).build();
        alerts.close();
        changes.close();
        assertThrows(IllegalStateException.class, () -> alerts.trigger("Disk full", "db-1"));
        assertThrows(IllegalStateException.class, () -> alerts.submit("Deployed", "ci"));
        assertThrows(IllegalStateException.class, () -> changes.submit("Deployed", "ci"));
        assertEquals(0, events.requests.size());
    }

    @Test
    void closingTheClientInterruptsThePageRequestsOnTheWire() throws Exception {
        // Concurrent pagination requests pages ahead on the client's own threads; close() ends them.
        CountDownLatch onTheWire = new CountDownLatch(2);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        Transport pages = request -> {
            if (request.uri().getRawQuery().contains("offset=0")) {
                return json(200, "{\"users\":[{\"id\":\"P0\"},{\"id\":\"P1\"}],\"limit\":2,\"offset\":0,"
                        + "\"more\":true,\"total\":6}");
            }
            onTheWire.countDown();
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (Thread.currentThread().isInterrupted()) {
                interrupted.incrementAndGet();
            }
            answered.countDown();
            throw new java.io.InterruptedIOException("stopped");
        };
        RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(pages)
                .sleeper(new RecordingSleeper()).build();
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread consumer = new Thread(() -> {
            try (Stream<Map<String, Object>> users = client.with(o -> o.pageSize(2).pageConcurrency(3)).iterAll("/users").stream()) {
                users.forEach(u -> seen.add(u.get("id")));
            } catch (RuntimeException e) {
                seen.add(e);
            }
        });
        try {
            consumer.start();
            assertTrue(onTheWire.await(10, TimeUnit.SECONDS), "the pages at offsets 2 and 4 are on the wire");
            client.close();
        } finally {
            released.countDown();
        }
        assertTrue(answered.await(10, TimeUnit.SECONDS));
        assertEquals(2, interrupted.get(), "both requests on the wire were interrupted by close()");
        consumer.join(10_000);
        assertEquals(3, seen.size(), seen::toString);
        assertEquals(List.of("P0", "P1"), seen.subList(0, 2));
        assertTrue(seen.get(2) instanceof PdClientException, seen::toString);
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
