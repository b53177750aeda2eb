package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pdkit.Event;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdClientException;
import dev.pdkit.PdServerException;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When an Events API post is sent again: an event with a dedup key may be, since PagerDuty merges
 * it with the first; a trigger without one may not once it may have reached PagerDuty, or it opens a
 * second incident. 429 (not ingested) and a refused connection (nothing sent) are safe either way.
 */
class EventsResendTest {

    private static final String KEY = "R0123456789abcdef0123456789abcd";

    private final ScriptedTransport transport = new ScriptedTransport();

    private EventsApiV2Client client() {
        return EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9").transport(transport)
                .sleeper(new RecordingSleeper()).build();
    }

    private static HttpResponse accepted(String dedupKey) {
        return HttpResponse.of(202, Headers.of("Content-Type", "application/json"),
                ("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeylessTriggerIsNotResentAfterATimeout() {
        transport.fail(new SocketTimeoutException("read timed out"), 1).then(r -> accepted("k"));
        try (EventsApiV2Client client = client()) {
            assertThrows(PdClientException.class, () -> client.trigger("Disk full", "db-1"));
        }
        assertEquals(1, transport.requests.size());
    }

    @Test
    void aKeyedTriggerIsResentAfterATimeout() {
        transport.fail(new SocketTimeoutException("read timed out"), 1).then(r -> accepted("disk-db-1"));
        try (EventsApiV2Client client = client()) {
            assertEquals("disk-db-1", client.send(Event.trigger("Disk full", "db-1").dedupKey("disk-db-1").build()));
        }
        assertEquals(2, transport.requests.size());
    }

    @Test
    void aKeylessTriggerAnswered502IsNotResent() {
        transport.status(502, 3).then(r -> accepted("k"));
        try (EventsApiV2Client client = client()) {
            assertEquals(502, assertThrows(PdServerException.class, () -> client.trigger("Disk full", "db-1")).status());
        }
        assertEquals(1, transport.requests.size());
    }

    @Test
    void aKeyedResolveAnswered502IsResent() {
        transport.status(502, 2).then(r -> accepted("disk-db-1"));
        try (EventsApiV2Client client = client()) {
            assertEquals("disk-db-1", client.resolve("disk-db-1"));
        }
        assertEquals(3, transport.requests.size());
    }

    @Test
    void aKeylessTriggerAnswered429IsResent() {
        transport.status(429).then(r -> accepted("k"));
        try (EventsApiV2Client client = client()) {
            assertEquals("k", client.trigger("Disk full", "db-1"));
        }
        assertEquals(2, transport.requests.size());
    }

    @Test
    void sendEventFollowsTheSameRule() {
        transport.status(503, 2).then(r -> accepted("k"));
        try (EventsApiV2Client client = client()) {
            assertThrows(PdServerException.class, () -> client.sendEvent("trigger", null, Map.of("payload",
                    Map.of("summary", "s", "source", "src", "severity", "info"))));
            assertEquals(1, transport.requests.size());
            assertEquals("k", client.sendEvent("trigger", "k", Map.of("payload",
                    Map.of("summary", "s", "source", "src", "severity", "info"))));
        }
        assertEquals(3, transport.requests.size());
    }
}
