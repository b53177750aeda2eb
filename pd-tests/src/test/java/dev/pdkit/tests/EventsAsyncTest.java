package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.Event;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdHttpException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventsApiV2Client#sendAsync} against the fake PagerDuty: many events in flight, yet the
 * events of one dedup key reach PagerDuty in order, so every alert ends in the state its last
 * event says.
 */
class EventsAsyncTest {

    private FakePagerDuty fake;
    private EventsApiV2Client events;
    private RestApiV2Client rest;

    @BeforeEach
    void start() {
        fake = FakePagerDuty.start();
        // A little latency keeps several events in flight at once.
        fake.latency(Duration.ofMillis(5));
        events = EventsApiV2Client.builder(fake.routingKey()).baseUrl(fake.eventsUrl()).maxConcurrentSends(8)
                .sleeper(new ScriptedTransport.RecordingSleeper()).build();
        rest = RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl()).build();
    }

    @AfterEach
    void stop() {
        events.close();
        rest.close();
        fake.close();
    }

    private Map<String, String> statusByIncidentKey() {
        return rest.listAll("/incidents").stream().collect(Collectors.toMap(
                i -> String.valueOf(i.get("incident_key")), i -> String.valueOf(i.get("status")), (a, b) -> a + "," + b));
    }

    @Test
    void eventsOfOneDedupKeyArriveInTheOrderTheyWereSent() {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = "async-" + i;
            sent.add(events.sendAsync(Event.trigger("Alert " + i, "host-" + i).dedupKey(key).build()));
            sent.add(events.sendAsync(Event.acknowledge(key)));
            if (i % 2 == 0) {
                sent.add(events.sendAsync(Event.resolve(key)));
            }
        }
        sent.forEach(CompletableFuture::join);
        Map<String, String> status = statusByIncidentKey();
        for (int i = 0; i < 12; i++) {
            // Out of order, an acknowledge or resolve before its trigger is dropped and the incident stays triggered.
            assertEquals(i % 2 == 0 ? "resolved" : "acknowledged", status.get("async-" + i), status.toString());
        }
        List<String> order = fake.requests().stream().filter(r -> r.path().equals("/v2/enqueue"))
                .map(r -> r.bodyText()).filter(b -> b.contains("\"async-3\"")).map(b -> b.contains("trigger") ? "t" : "a")
                .toList();
        assertEquals(List.of("t", "a"), order);
    }

    @Test
    void triggersWithoutADedupKeyEachOpenAnIncident() {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(events.sendAsync(Event.trigger("Unkeyed " + i, "host").build()));
        }
        List<String> keys = sent.stream().map(CompletableFuture::join).toList();
        assertEquals(20, keys.stream().distinct().count(), "PagerDuty assigned a dedup key to each: " + keys);
        Map<String, String> status = statusByIncidentKey();
        assertTrue(status.keySet().containsAll(keys), status.toString());
    }

    @Test
    void aFailedEventFailsItsOwnFutureAndTheOthersStillGo() {
        fake.inject(Fault.status(400), 1, "POST", "/v2/enqueue");
        CompletableFuture<String> first = events.sendAsync(Event.trigger("First", "host").dedupKey("k").build());
        CompletableFuture<String> second = events.sendAsync(Event.resolve("k"));
        CompletionException e = assertThrows(CompletionException.class, first::join);
        assertInstanceOf(PdHttpException.class, e.getCause());
        assertEquals("k", second.join());
    }
}
