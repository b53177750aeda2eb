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
import dev.pdkit.spi.Headers;
import dev.pdkit.tests.LocalServer.Reply;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Events API v2 clients against a local server: the exact bodies, the replies, validation and retries. */
class EventsClientTest {

    static final String KEY = "R0UT1NGKEY0123456789abcdefWXYZ12";
    static final Reply ACCEPTED = Reply.json(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv-key-1\"}");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2020-03-25T00:00:00Z"), ZoneOffset.UTC);

    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private EventsApiV2Client events(Function<LocalServer.Received, Reply> handler) {
        server = LocalServer.start(handler);
        return EventsApiV2Client.builder(KEY).baseUrl(server.url()).clock(CLOCK).sleeper(new RecordingSleeper()).build();
    }

    private Object received() {
        assertEquals("POST", server.last().method());
        return Json.parse(server.last().body());
    }

    @Test
    void triggerWithDefaultsReturnsTheAssignedDedupKey() {
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
            assertEquals("srv-key-1", client.trigger("testing 123", "triggered.from.pdkit"));
            assertEquals("/v2/enqueue", server.last().path());
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":"
                    + "{\"summary\":\"testing 123\",\"source\":\"triggered.from.pdkit\",\"severity\":\"critical\"}}"),
                    received());
            assertNull(server.last().header("Authorization"), "the routing key travels in the body only");
            assertEquals("application/json", server.last().header("Content-Type"));
            assertNull(server.last().header("X-Routing-Key"));
        }
    }

    @Test
    void triggerWithEveryOption() {
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
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
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
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
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
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
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
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
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
            Event event = Event.trigger("CPU high", "web-3").severity("error").dedupKey("cpu-web-3").build();
            assertEquals("srv-key-1", client.send(event));
            Map<String, Object> expected = new HashMap<>(event.toBody());
            expected.put("routing_key", KEY);
            assertEquals(Json.parse(Json.write(expected)), received());
        }
    }

    @Test
    void changeEventsFullAndMinimal() {
        server = LocalServer.start(r -> Reply.json(202, "{\"status\":\"success\",\"message\":\"Change event processed\"}"));
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(server.url()).clock(CLOCK).build()) {
            client.submit("testing 123", null);
            assertEquals("/v2/change/enqueue", server.last().path());
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"testing 123\","
                    + "\"timestamp\":\"2020-03-25T00:00:00Z\"}}"), received());
            client.submit("testing 123", "triggered.from.pdpyras", Map.of("this", "that"),
                    List.of(Map.of("href", "https://http.cat/304", "text", "cat")), Instant.parse("2020-03-25T01:02:03.456Z"));
            assertEquals(Json.parse("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":\"testing 123\","
                    + "\"timestamp\":\"2020-03-25T01:02:03.456Z\",\"source\":\"triggered.from.pdpyras\","
                    + "\"custom_details\":{\"this\":\"that\"}},\"links\":[{\"href\":\"https://http.cat/304\",\"text\":\"cat\"}]}"),
                    received());
            assertNull(server.last().header("Authorization"));
        }
        try (EventsApiV2Client client = EventsApiV2Client.builder(KEY).baseUrl(server.url()).clock(CLOCK).build()) {
            client.submit("deployed v2", "ci");
            assertEquals("/v2/change/enqueue", server.last().path());
        }
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
                Arguments.of("trigger without a source", "source", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", " ")),
                Arguments.of("body over 512 KB", "512", (Function<EventsApiV2Client, Object>) c -> c.trigger("s", "s", e -> e.customDetails(huge))),
                Arguments.of("change event over 50 links", "links", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit("s", "s", null, java.util.Collections.nCopies(51, Map.of("href", "https://x")), null);
                    return null;
                }),
                Arguments.of("change event summary over 1024", "summary", (Function<EventsApiV2Client, Object>) c -> {
                    c.submit(longSummary, "s");
                    return null;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void validatesBeforeSendingAndNamesTheField(String name, String field, Function<EventsApiV2Client, Object> call) {
        try (EventsApiV2Client client = events(r -> ACCEPTED)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.apply(client));
            assertTrue(e.getMessage().contains(field), e.getMessage());
            assertTrue(server.received().isEmpty(), "nothing was sent");
        }
    }

    @Test
    void anEmptyRoutingKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventsApiV2Client.create(""));
        assertThrows(IllegalArgumentException.class, () -> EventsApiV2Client.create(null));
        assertThrows(IllegalArgumentException.class, () -> ChangeEventsApiV2Client.create("  "));
    }

    @Test
    void a400RaisesWithPagerDutysErrors() {
        try (EventsApiV2Client client = events(r -> Reply.json(400, "{\"status\":\"invalid event\",\"message\":"
                + "\"Event object is invalid\",\"errors\":[\"'payload.source' is missing or blank\"]}"))) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.trigger("s", "src"));
            assertEquals(400, e.status());
            assertEquals(List.of("'payload.source' is missing or blank"), e.errors());
            assertTrue(e.getMessage().contains("'payload.source' is missing or blank"), e.getMessage());
            assertEquals(1, server.received().size(), "a 400 is not retried");
        }
    }

    @Test
    void theOddChangeEventErrorShapeIsParsed() {
        server = LocalServer.start(r -> Reply.json(400, "{\"error\":[\"links should have at most 50 item(s)\"]}"));
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(server.url()).build()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.submit("s", "src"));
            assertEquals(List.of("links should have at most 50 item(s)"), e.errors());
        }
    }

    @Test
    void a429ThenA202Succeeds() {
        int[] calls = {0};
        try (EventsApiV2Client client = events(r -> calls[0]++ == 0 ? Reply.json(429, "{}") : ACCEPTED)) {
            assertEquals("srv-key-1", client.trigger("s", "src"));
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void a502BurstWithinTheDefaultRetryTableSucceeds() {
        int[] calls = {0};
        try (EventsApiV2Client client = events(r -> calls[0]++ < 4 ? Reply.json(502, "{}") : ACCEPTED)) {
            assertEquals("srv-key-1", client.trigger("s", "src", e -> e.dedupKey("k")));
            assertEquals(5, server.received().size(), "four 502s retried, as the Events defaults allow");
        }
        try (EventsApiV2Client client = events(r -> Reply.json(502, "{}"))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.acknowledge("k"));
            assertEquals(5, e.attempts());
        }
        server.close();
        server = LocalServer.start(r -> Reply.json(504, "{}"));
        try (ChangeEventsApiV2Client client = ChangeEventsApiV2Client.builder(KEY).baseUrl(server.url())
                .sleeper(new RecordingSleeper()).build()) {
            assertThrows(PdHttpException.class, () -> client.submit("s", "src"));
            assertEquals(1, server.received().size(), "change events do not retry 504");
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
    void aReplyWithoutADedupKeyIsAServerError() {
        try (EventsApiV2Client client = events(r -> Reply.json(202, "{\"status\":\"success\"}"))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.trigger("s", "src"));
            assertTrue(e.getMessage().contains("dedup_key"), e.getMessage());
        }
    }

    @Test
    void regionsAndTheDefaultHost() {
        try (EventsApiV2Client eu = EventsApiV2Client.builder(KEY).region(Region.EU).build();
                EventsApiV2Client us = EventsApiV2Client.create(KEY);
                ChangeEventsApiV2Client ceu = ChangeEventsApiV2Client.builder(KEY).region(Region.EU).build()) {
            assertEquals("https://events.eu.pagerduty.com", eu.baseUrl());
            assertEquals("https://events.pagerduty.com", us.baseUrl());
            assertEquals("https://events.eu.pagerduty.com", ceu.baseUrl());
        }
    }

    @Test
    void theRoutingKeyIsRedactedEverywhere() {
        try (EventsApiV2Client client = events(r -> Reply.json(400, "{\"status\":\"invalid event\",\"message\":"
                + "\"Event object is invalid\",\"errors\":[\"routing key " + KEY + " is unknown\"]}"))) {
            assertFalse(client.toString().contains(KEY));
            assertTrue(client.toString().contains("routingKey=*YZ12"), client.toString());
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.trigger("s", "src"));
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertTrue(e.getMessage().contains("*YZ12"), e.getMessage());
        }
        assertFalse(EventsApiV2Client.builder(KEY).toString().contains(KEY));
    }
}
