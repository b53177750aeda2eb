package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ChangeEventsApiV2Client;
import dev.pdkit.Event;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.Region;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Headers;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Events API v2 clients against {@link FakePagerDuty}, whose standard seed has a service with an
 * Events API v2 integration on {@link #KEY}: the exact bodies, the replies (the dedup key PagerDuty
 * assigns, the incidents events open), validation and retries. Faults play the 429s and 5xx
 * bursts; stubs play the answers PagerDuty's Events API gives in cases the fake does not reproduce
 * (the change-events error shape for a body the client refuses to send, a reply without a dedup
 * key, an error that echoes the routing key).
 */
class EventsClientTest {

    static final String KEY = "R0UT1NGKEY0123456789abcdefWXYZ12";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2020-03-25T00:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.routingKey(KEY))
            .build();

    private FakePagerDuty pd;

    @BeforeEach
    void fake(FakePagerDuty pd) {
        this.pd = pd;
    }

    private EventsApiV2Client events() {
        return EventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).clock(CLOCK).sleeper(new RecordingSleeper()).build();
    }

    private RecordedRequest last() {
        List<RecordedRequest> all = pd.requests();
        return all.get(all.size() - 1);
    }

    /** The body of the last request, which must be an Events API post. */
    private Object received() {
        assertEquals("POST", last().method());
        return Json.parse(last().bodyText());
    }

    /** The fake's incidents opened with this dedup key (read over REST, after the events were sent). */
    private List<Map<String, Object>> incidentsWithKey(String dedupKey) {
        try (RestApiV2Client rest = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build()) {
            return rest.with(o -> o.params(Map.of("incident_key", dedupKey))).listAll("/incidents");
        }
    }

    @Test
    void triggerWithDefaultsReturnsTheAssignedDedupKey() {
        try (EventsApiV2Client client = events()) {
            String dedupKey = client.trigger("testing 123", "triggered.from.pdkit");
            assertEquals("/v2/enqueue", last().path());
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":"
                    + "{\"summary\":\"testing 123\",\"source\":\"triggered.from.pdkit\",\"severity\":\"critical\"}}"),
                    received());
            assertNull(last().header("Authorization"), "the routing key travels in the body only");
            assertEquals("application/json", last().header("Content-Type"));
            assertNull(last().header("X-Routing-Key"));
            assertTrue(dedupKey != null && dedupKey.matches("[0-9a-f]{32}"), "the key PagerDuty assigned: " + dedupKey);
            List<Map<String, Object>> opened = incidentsWithKey(dedupKey);
            assertEquals(1, opened.size(), "the trigger opened an incident under the returned key");
            assertEquals("testing 123", opened.get(0).get("title"));
        }
    }

    @Test
    void triggerWithEveryOption() {
        try (EventsApiV2Client client = events()) {
            client.trigger("Disk full", "db-1", e -> e.dedupKey("disk-db-1").severity("warning")
                    .timestamp(Instant.parse("2026-01-02T03:04:05Z")).component("postgres").group("prod")
                    .eventClass("disk").customDetails(Map.of("free", 0))
                    .image("https://img.example.com/g.png", "https://example.com", "graph")
                    .link("https://runbooks.example.com/disk", "Runbook")
                    .client("Monitor").clientUrl("https://monitor.example.com"));
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\","
                    + "\"dedup_key\":\"disk-db-1\",\"payload\":{\"summary\":\"Disk full\",\"source\":\"db-1\","
                    + "\"severity\":\"warning\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"component\":\"postgres\","
                    + "\"group\":\"prod\",\"class\":\"disk\",\"custom_details\":{\"free\":0}},"
                    + "\"images\":[{\"src\":\"https://img.example.com/g.png\",\"href\":\"https://example.com\",\"alt\":\"graph\"}],"
                    + "\"links\":[{\"href\":\"https://runbooks.example.com/disk\",\"text\":\"Runbook\"}],"
                    + "\"client\":\"Monitor\",\"client_url\":\"https://monitor.example.com\"}"), received());
        }
    }

    @Test
    void payloadFieldsAreMergedOverTheDefaultsAsInPdpyrasIssue17() {
        try (EventsApiV2Client client = events()) {
            Map<String, Object> payload = Map.of("severity", "warning", "custom_details", Map.of("this", "other", "kept", 1));
            client.trigger("testing 123", "triggered.from.pdpyras", e -> e.payload(payload)
                    .customDetails(Map.of("this", "that")).image(Map.of("url", "https://http.cat/502.jpg")));
            assertEquals(Json.parse("{\"event_action\":\"trigger\",\"routing_key\":\"" + KEY + "\",\"payload\":"
                    + "{\"summary\":\"testing 123\",\"source\":\"triggered.from.pdpyras\",\"severity\":\"warning\","
                    + "\"custom_details\":{\"this\":\"that\",\"kept\":1}},\"images\":[{\"url\":\"https://http.cat/502.jpg\"}]}"),
                    received());
            assertEquals(Map.of("this", "other", "kept", 1), payload.get("custom_details"), "caller's map untouched");
        }
    }

    @Test
    void acknowledgeAndResolveBodies() {
        try (EventsApiV2Client client = events()) {
            client.acknowledge("abc123");
            assertEquals(Json.parse("{\"event_action\":\"acknowledge\",\"dedup_key\":\"abc123\",\"routing_key\":\"" + KEY + "\"}"),
                    received());
            client.resolve("abc123");
            assertEquals(Json.parse("{\"event_action\":\"resolve\",\"dedup_key\":\"abc123\",\"routing_key\":\"" + KEY + "\"}"),
                    received());
        }
    }

    @Test
    void sendEventGivesFullControlWithoutMutatingTheCallersMap() {
        try (EventsApiV2Client client = events()) {
            Map<String, Object> props = new HashMap<>(Map.of("payload", Map.of("summary", "s", "source", "x",
                    "severity", "info"), "routing_key", "ignored"));
            Map<String, Object> before = Map.copyOf(props);
            client.sendEvent("trigger", "k1", props);
            assertEquals(before, props);
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"k1\","
                    + "\"payload\":{\"summary\":\"s\",\"source\":\"x\",\"severity\":\"info\"}}"), received());
        }
    }

    @Test
    void aTypedEventIsSentAsBuilt() {
        try (EventsApiV2Client client = events()) {
            Event event = Event.trigger("CPU high", "web-3").severity("error").dedupKey("cpu-web-3").build();
            assertEquals("cpu-web-3", client.send(event), "the key PagerDuty answered with: the event's own");
            Map<String, Object> expected = new HashMap<>(event.toBody());
            expected.put("routing_key", KEY);
            assertEquals(Json.parse(Json.write(expected)), received());
        }
    }

    @Test
    void changeEventsFullAndMinimal() {
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).clock(CLOCK).build()) {
            client.submit("testing 123", null);
            assertEquals("/v2/change/enqueue", last().path());
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"testing 123\","
                    + "\"timestamp\":\"2020-03-25T00:00:00Z\"}}"), received());
            client.submit("testing 123", "triggered.from.pdpyras", e -> e.customDetail("this", "that")
                    .link("https://http.cat/304", "cat").timestamp(Instant.parse("2020-03-25T01:02:03.456Z")));
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"testing 123\","
                    + "\"timestamp\":\"2020-03-25T01:02:03.456Z\",\"source\":\"triggered.from.pdpyras\","
                    + "\"custom_details\":{\"this\":\"that\"}},\"links\":[{\"href\":\"https://http.cat/304\",\"text\":\"cat\"}]}"),
                    received());
            assertNull(last().header("Authorization"));
        }
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).clock(CLOCK).build()) {
            client.submit("deployed v2", "ci");
            assertEquals("/v2/change/enqueue", last().path());
        }
        assertEquals(3, pd.requestCount());
        assertEquals(List.of(), pd.unmatchedRequests(), "the fake accepted every change event");
    }

    @Test
    void aChangeEventBodyGoesAsGivenThroughEitherClientAndIsCounted() {
        Map<String, Object> body = Map.of("payload", Map.of("summary", "Deployed v3", "source", "ci",
                "timestamp", "2026-01-02T03:04:05Z"), "routing_key", "ignored");
        Object expected = Json.parse("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"Deployed v3\","
                + "\"source\":\"ci\",\"timestamp\":\"2026-01-02T03:04:05Z\"}}");
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).build()) {
            client.sendChangeEvent(body);
            assertEquals("/v2/change/enqueue", last().path());
            assertEquals(expected, received(), "the client's routing key replaces the body's");
            assertEquals(1, client.stats().callCount("POST /v2/change/enqueue"));
        }
        try (EventsApiV2Client client = events()) {
            client.sendChangeEvent(body);
            assertEquals("/v2/change/enqueue", last().path());
            assertEquals(expected, received());
            assertEquals(1, client.stats().callCount("POST /v2/change/enqueue"));
            assertEquals(0, client.stats().callCount("POST /v2/enqueue"));
        }
        assertEquals(List.of(), pd.unmatchedRequests(), "the fake accepted both");
    }

    static Stream<Arguments> invalid() {
        String longSummary = "x".repeat(1025);
        String longKey = "k".repeat(256);
        Map<String, Object> huge = Map.of("blob", "y".repeat(600 * 1024));
        return Stream.of(
                Arguments.of("summary over 1024", "summary", (Function<EventsApiV2Client, Object>) c -> c.trigger(longSummary, "s")),
                Arguments.of("dedup key over 255", "dedup_key", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", "s", e -> e.dedupKey(longKey))),
                Arguments.of("unknown severity", "severity", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", "s", e -> e.severity("fatal"))),
                Arguments.of("unknown action", "event_action", (Function<EventsApiV2Client, Object>) c -> c.sendEvent("poke", "k", Map.of())),
                Arguments.of("acknowledge without a key", "dedup_key", (Function<EventsApiV2Client, Object>) c -> c.acknowledge(null)),
                Arguments.of("resolve with an empty key", "dedup_key", (Function<EventsApiV2Client, Object>) c -> c.resolve("")),
                Arguments.of("sendEvent resolve without a key", "dedup_key", (Function<EventsApiV2Client, Object>) c -> c.sendEvent("resolve", null, Map.of())),
                Arguments.of("sendEvent acknowledge with an empty key", "dedup_key", (Function<EventsApiV2Client, Object>) c -> c.sendEvent("acknowledge", "", Map.of())),
                Arguments.of("trigger without a source", "source", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", " ")),
                Arguments.of("body over 512 KB", "512", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", "s", e -> e.customDetails(huge))),
                Arguments.of("change event over 50 links", "links", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit("s", "s", e -> {
                        for (int i = 0; i < 51; i++) {
                            e.link("https://x", null);
                        }
                    });
                    return null;
                }),
                Arguments.of("change event summary over 1024", "summary", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit(longSummary, "s");
                    return null;
                }),
                Arguments.of("change event without a summary", "summary", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit(null, "s");
                    return null;
                }),
                Arguments.of("change event with a blank summary", "summary", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit(" ", "s");
                    return null;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void validatesBeforeSendingAndNamesTheField(String name, String field, Function<EventsApiV2Client, Object> call) {
        try (EventsApiV2Client client = events()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.apply(client));
            assertTrue(e.getMessage().contains(field), e.getMessage());
            assertEquals(0, pd.requestCount(), "nothing was sent");
        }
    }

    @Test
    void anEmptyRoutingKeyIsRefusedWithAMessageThatSaysWhatItIs() {
        for (String key : new String[] {"", null, "  "}) {
            IllegalArgumentException alerts = assertThrows(IllegalArgumentException.class, () -> EventsApiV2Client.create(key));
            IllegalArgumentException changes = assertThrows(IllegalArgumentException.class,
                    () -> ChangeEventsApiV2Client.create(key));
            for (IllegalArgumentException e : List.of(alerts, changes)) {
                assertTrue(e.getMessage().contains("the integration key of an Events API v2 integration"), e.getMessage());
            }
        }
    }

    @Test
    void maxConcurrentSendsIsBounded() {
        EventsApiV2Client.Builder builder = EventsApiV2Client.builder(KEY);
        assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrentSends(0));
        assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrentSends(65));
        builder.maxConcurrentSends(1).maxConcurrentSends(64);
    }

    @Test
    void anEventOfExactlyTheSizeLimitIsSent() {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("summary", "s");
        payload.put("source", "src");
        payload.put("severity", "info");
        payload.put("custom_details", Map.of("pad", ""));
        Map<String, Object> sent = new java.util.LinkedHashMap<>();
        sent.put("routing_key", KEY);
        sent.put("event_action", "trigger");
        sent.put("payload", payload);
        int overhead = Json.write(sent).length();
        payload.put("custom_details", Map.of("pad", "x".repeat(512 * 1024 - overhead)));
        try (EventsApiV2Client client = events()) {
            client.sendEvent("trigger", null, Map.of("payload", payload));
            assertEquals(512 * 1024, last().body().length, "the limit itself is allowed, and the fake accepted it");
            payload.put("custom_details", Map.of("pad", "x".repeat(512 * 1024 - overhead + 1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.sendEvent("trigger", null, Map.of("payload", payload)));
            assertTrue(e.getMessage().contains("524289 bytes"), e.getMessage());
        }
        assertEquals(1, pd.requestCount());
    }

    @Test
    void aChangeEventAtTheLimitsIsSent() {
        String summary = "s".repeat(1024);
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).clock(CLOCK)
                .build()) {
            client.submit(summary, null, e -> {
                for (int i = 0; i < 50; i++) {
                    e.link("https://ci.example.com", null);
                }
            });
        }
        Map<?, ?> body = (Map<?, ?>) received();
        assertEquals(Map.of("summary", summary, "timestamp", "2020-03-25T00:00:00Z"), body.get("payload"),
                "no source and no empty custom_details");
        assertEquals(50, ((List<?>) body.get("links")).size());
        assertEquals(List.of(), pd.unmatchedRequests());
    }

    @Test
    void a400RaisesWithPagerDutysErrors() {
        // A routing key of the right length that names no integration: PagerDuty's "invalid event" 400.
        try (EventsApiV2Client client = EventsApiV2Client.builder("0123456789abcdef0123456789abcdef")
                .baseUrl(pd.eventsUrl()).sleeper(new RecordingSleeper()).build()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.trigger("s", "src"));
            assertEquals(400, e.status());
            assertEquals(List.of("Invalid routing key"), e.errors());
            assertTrue(e.getMessage().contains("Invalid routing key"), e.getMessage());
            assertEquals(1, pd.requestCount(), "a 400 is not retried");
        }
    }

    @Test
    void theOddChangeEventErrorShapeIsParsed() {
        // The fake answers this shape for more than 50 links, which the client refuses to send: a stub.
        pd.stub("POST", "/v2/change/enqueue", 400, "{\"error\":[\"links should have at most 50 item(s)\"]}");
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).build()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.submit("s", "src"));
            assertEquals(List.of("links should have at most 50 item(s)"), e.errors());
        }
    }

    @Test
    void a429ThenA202Succeeds() {
        pd.enqueue(Fault.rateLimited(1));
        try (EventsApiV2Client client = events()) {
            String dedupKey = client.trigger("s", "src");
            assertEquals(2, pd.requestCount());
            assertEquals(1, incidentsWithKey(dedupKey).size(), "one incident: the 429 had no effect");
        }
    }

    @Test
    void a502BurstWithinTheDefaultRetryTableSucceeds() {
        pd.inject(Fault.status(502), 4, "POST", "/v2/enqueue");
        try (EventsApiV2Client client = events()) {
            assertEquals("k", client.trigger("s", "src", e -> e.dedupKey("k")));
            assertEquals(5, pd.requestCount(), "four 502s retried, as the Events defaults allow");
        }
        pd.inject(Fault.status(502), 5, "POST", "/v2/enqueue");
        try (EventsApiV2Client client = events()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.acknowledge("k"));
            assertEquals(5, e.attempts());
            assertEquals(10, pd.requestCount());
        }
        List<Map<String, Object>> opened = incidentsWithKey("k");
        assertEquals(1, opened.size());
        assertEquals("triggered", opened.get(0).get("status"), "no acknowledge got through");
        pd.inject(Fault.status(504), 1, "POST", "/v2/change/enqueue");
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl())
                .sleeper(new RecordingSleeper()).build()) {
            assertThrows(PdHttpException.class, () -> client.submit("s", "src"));
            assertEquals(1, pd.requests().stream().filter(r -> r.path().equals("/v2/change/enqueue")).count(),
                    "change events do not retry 504");
        }
    }

    @Test
    void aTriggerWithoutADedupKeyIsNotResentAfterAReadTimeout() {
        Supplier<ScriptedTransport> timeoutThenOk = () -> new ScriptedTransport()
                .fail(new SocketTimeoutException("read timed out"), 1)
                .respond(202, Headers.empty(), "{\"status\":\"success\",\"dedup_key\":\"d\"}");
        ScriptedTransport unsafe = timeoutThenOk.get();
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(unsafe)
                .sleeper(new RecordingSleeper()).build()) {
            assertThrows(PdClientException.class, () -> client.trigger("s", "src"));
            assertEquals(1, unsafe.requests.size(), "PagerDuty would open a second incident");
        }
        ScriptedTransport safe = timeoutThenOk.get();
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(safe)
                .sleeper(new RecordingSleeper()).build()) {
            assertEquals("d", client.trigger("s", "src", e -> e.dedupKey("mine")));
            assertEquals(2, safe.requests.size(), "a dedup key makes the resend harmless");
        }
    }

    @Test
    void aDroppedConnectionIsResentOnlyWithADedupKey() {
        pd.enqueue(Fault.dropConnection());
        try (EventsApiV2Client client = events()) {
            assertThrows(PdClientException.class, () -> client.trigger("s", "src"));
            assertEquals(1, pd.requestCount(), "without a dedup key a resend could open a second incident");
        }
        pd.enqueue(Fault.dropConnection());
        try (EventsApiV2Client client = events()) {
            assertEquals("mine", client.trigger("s", "src", e -> e.dedupKey("mine")));
            assertEquals(3, pd.requestCount(), "a dedup key makes the resend harmless");
        }
        assertEquals(1, incidentsWithKey("mine").size());
    }

    @Test
    void aReplyWithoutADedupKeyIsAServerError() {
        pd.stub("POST", "/v2/enqueue", 202, "{\"status\":\"success\"}");
        try (EventsApiV2Client client = events()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.trigger("s", "src"));
            assertTrue(e.getMessage().endsWith("no \"dedup_key\" in the reply to a trigger event (body {\"status\":\"success\"})"),
                    e.getMessage());
        }
        pd.stub("POST", "/v2/enqueue", 202, "");
        try (EventsApiV2Client client = events()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.acknowledge("k"));
            assertTrue(e.getMessage().endsWith("in the reply to a acknowledge event (empty body)"), e.getMessage());
        }
    }

    @Test
    void regionsAndTheDefaultHost() {
        try (EventsApiV2Client eu = EventsApiV2Client.builder(KEY).region(Region.EU).build();
                EventsApiV2Client us = EventsApiV2Client.create(KEY);
                ChangeEventsApiV2Client ceu = ChangeEventsApiV2Client.builder(KEY).region(Region.EU).build();
                ChangeEventsApiV2Client cus = ChangeEventsApiV2Client.create(KEY)) {
            assertEquals("https://events.eu.pagerduty.com", eu.baseUrl());
            assertEquals("https://events.pagerduty.com", us.baseUrl());
            assertEquals("https://events.eu.pagerduty.com", ceu.baseUrl());
            assertEquals("https://events.pagerduty.com", cus.baseUrl());
        }
    }

    @Test
    void theRoutingKeyIsRedactedEverywhere() {
        // The fake's errors never echo the key; a stub plays an error that does.
        pd.stub("POST", "/v2/enqueue", 400, "{\"status\":\"invalid event\",\"message\":"
                + "\"Event object is invalid\",\"errors\":[\"routing key " + KEY + " is unknown\"]}");
        try (EventsApiV2Client client = events()) {
            assertFalse(client.toString().contains(KEY));
            assertTrue(client.toString().contains("routingKey=*YZ12"), client.toString());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.trigger("s", "src"));
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertTrue(e.getMessage().contains("*YZ12"), e.getMessage());
        }
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(pd.eventsUrl()).build()) {
            assertFalse(client.toString().contains(KEY));
            assertTrue(client.toString().contains("routingKey=*YZ12"), client.toString());
        }
        assertEquals("EventsApiV2Client.Builder{routingKey=*YZ12}", EventsApiV2Client.builder(KEY).toString());
        assertEquals("ChangeEventsApiV2Client.Builder{routingKey=*YZ12}", ChangeEventsApiV2Client.builder(KEY).toString());
    }
}
