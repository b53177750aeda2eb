package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ChangeEventsApiV2Client;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.RequestEvent;
import dev.pdkit.RequestListener;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestListener} as a host uses it, through a real transport and {@link FakePagerDuty}:
 * a metrics counter keyed by endpoint template, the attempts of a retried call, the Events clients,
 * and a listener that fails. Also where the client's log lines go ({@code dev.pdkit.request} and
 * {@code dev.pdkit.retry}).
 */
class RequestListenerTest {

    /** What a host's Micrometer or OpenTelemetry binding does, reduced to counters. */
    static final class CountingListener implements RequestListener {
        final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
        final List<RequestEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onAttempt(RequestEvent event) {
            byEndpoint.computeIfAbsent(event.endpoint(), k -> new LongAdder()).increment();
            events.add(event);
        }

        Map<String, Long> counts() {
            Map<String, Long> counts = new TreeMap<>();
            byEndpoint.forEach((k, v) -> counts.put(k, v.sum()));
            return counts;
        }
    }

    @Test
    void aCounterPerEndpointTemplateCountsWhatTheStatisticsCount() {
        CountingListener listener = new CountingListener();
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start()) {
            String token = pd.apiToken();
            List<String> ids = List.of("Ann", "Bob", "Cid", "Dee", "Eve").stream()
                    .map(n -> (String) pd.seed().user(n + " Example", n.toLowerCase() + "@example.com").get("id"))
                    .toList();
            try (RestApiV2Client client = RestApiV2Client.builder(token).baseUrl(pd.restUrl())
                    .sleeper(new RecordingSleeper()).listener(listener).build()) {
                for (String id : ids.subList(0, 3)) {
                    assertEquals(id, client.rget("/users/" + id).get("id"));
                }
                assertEquals(5, client.with(o -> o.param("limit", 2)).listAll("/users").size(), "three pages of 2, 2 and 1");

                assertEquals(Map.of("GET /users/{id}", 3L, "GET /users", 3L), listener.counts());
                assertEquals(client.stats().callCounts(), listener.counts(), "the keys and counts of stats()");
            }
            assertEquals(6, listener.events.size());
            for (RequestEvent e : listener.events) {
                assertEquals("GET", e.method());
                assertEquals(1, e.attempt());
                assertEquals(OptionalInt.of(200), e.status());
                assertFalse(e.willRetry());
                assertTrue(e.url().toString().startsWith(pd.restUrl()), e.url()::toString);
                assertEquals(null, e.url().getRawQuery(), "no query string: " + e.url());
                assertFalse(e.toString().contains(token) || e.url().toString().contains(token), e::toString);
                assertFalse(e.toString().contains("limit") || e.toString().contains("offset"), e::toString);
            }
            assertEquals(ids.subList(0, 3).stream().map(id -> pd.restUrl() + "/users/" + id).toList(),
                    listener.events.subList(0, 3).stream().map(e -> e.url().toString()).toList(),
                    "the URL names the resource; the endpoint template does not");
        }
    }

    @Test
    void aRetriedCallIsSeenAttemptByAttemptWithTheWaitBetween() {
        CountingListener listener = new CountingListener();
        RecordingSleeper sleeper = new RecordingSleeper();
        LogCapture logs = new LogCapture();
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start()) {
            String id = (String) pd.seed().user("Jane Doe", "jane@example.com").get("id");
            pd.inject(Fault.status(503), 1, "GET", "/users/.*");
            try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                    .sleepTimer(1).sleeper(sleeper).listener(listener).build()) {
                assertEquals(id, client.rget("/users/" + id).get("id"));
            }
        } finally {
            logs.close();
        }
        List<RequestEvent> events = listener.events;
        assertEquals(2, events.size(), events::toString);
        RequestEvent first = events.get(0);
        RequestEvent second = events.get(1);
        assertEquals(1, first.attempt());
        assertEquals(OptionalInt.of(503), first.status());
        assertTrue(first.willRetry());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.sleeps);
        assertEquals(Duration.ofSeconds(2), first.retryDelay(), "the wait the client then slept");
        assertEquals(2, second.attempt());
        assertEquals(OptionalInt.of(200), second.status());
        assertFalse(second.willRetry());
        assertEquals(Duration.ZERO, second.retryDelay());
        assertEquals(List.of("GET /users/{id}", "GET /users/{id}"), events.stream().map(RequestEvent::endpoint).toList());

        List<LogRecord> retries = logs.records.stream().filter(r -> r.getMessage().contains("retrying")).toList();
        assertEquals(1, retries.size(), logs.messages()::toString);
        assertEquals("dev.pdkit.retry", retries.get(0).getLoggerName());
        assertEquals(Level.WARNING, retries.get(0).getLevel());
        List<LogRecord> completed = logs.records.stream()
                .filter(r -> r.getMessage().startsWith("Request completed")).toList();
        assertEquals(2, completed.size(), logs.messages()::toString);
        completed.forEach(r -> assertEquals("dev.pdkit.request", r.getLoggerName()));
        completed.forEach(r -> assertTrue(r.getLevel().intValue() < Level.INFO.intValue(), "at DEBUG"));
    }

    @Test
    void theEventsClientsReportTheirPostsToo() {
        CountingListener listener = new CountingListener();
        try (FakePagerDuty pd = FakePagerDuty.start();
                EventsApiV2Client events = EventsApiV2Client.builder(pd.routingKey()).baseUrl(pd.eventsUrl())
                        .sleeper(new RecordingSleeper()).listener(listener).build();
                ChangeEventsApiV2Client changes = ChangeEventsApiV2Client.builder(pd.routingKey())
                        .baseUrl(pd.eventsUrl()).sleeper(new RecordingSleeper()).listener(listener).build()) {
            String dedupKey = events.trigger("Disk full on db-1", "db-1");
            events.resolve(dedupKey);
            changes.submit("Deployed v2.3", "ci");

            assertEquals(Map.of("POST /v2/enqueue", 2L, "POST /v2/change/enqueue", 1L), listener.counts());
            assertEquals(List.of(202, 202, 202), listener.events.stream().map(e -> e.status().getAsInt()).toList());
            listener.events.forEach(e -> assertFalse(e.toString().contains(pd.routingKey()), e::toString));
        }
    }

    /** A failing metrics backend must not fail the call; the client warns once, on dev.pdkit.request. */
    @Test
    void aListenerThatThrowsDoesNotBreakTheCall() {
        CountingListener after = new CountingListener();
        LogCapture logs = new LogCapture();
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start();
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                        .listener(e -> {
                            throw new IllegalStateException("metrics backend down");
                        })
                        .listener(after).build()) {
            assertEquals(200, client.get("/users").status());
            assertEquals(200, client.get("/users").status());
        } finally {
            logs.close();
        }
        assertEquals(Map.of("GET /users", 2L), after.counts(), "the next listener still gets every event");
        List<LogRecord> warnings = logs.records.stream().filter(r -> r.getMessage().startsWith("request listener"))
                .filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), logs.messages()::toString);
        assertEquals("dev.pdkit.request", warnings.get(0).getLoggerName());
        assertTrue(warnings.get(0).getMessage().contains(RequestListenerTest.class.getName()),
                warnings.get(0).getMessage());
        assertEquals("metrics backend down", warnings.get(0).getThrown().getMessage());
    }

    @Test
    void aNullListenerIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> RestApiV2Client.builder("u+Fz_token-ab12WXYZ").listener(null));
        assertEquals("listener", e.getMessage());
        assertThrows(NullPointerException.class, () -> EventsApiV2Client.builder("R0UT1NGKEY0123456789abcdefWXYZ12")
                .listener(null));
    }
}
