package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Reply;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Retries through a real transport and server, and what they log. */
class RetryEndToEndTest {

    @Test
    void twoServiceUnavailableThenOkThroughARealServer() {
        AtomicInteger calls = new AtomicInteger();
        RecordingSleeper sleeper = new RecordingSleeper();
        LogCapture logs = new LogCapture();
        try (LocalServer server = LocalServer.start(r -> calls.incrementAndGet() <= 2
                        ? Reply.json(503, "{\"error\":{\"message\":\"Service Unavailable\"}}")
                        : Reply.json(200, "{\"users\":[{\"id\":\"P1\"}]}"));
                RestApiV2Client client = RestApiV2Client.builder("token-abcd1234").baseUrl(server.url())
                        .retry(503, 3).sleepTimer(1).sleeper(sleeper).build()) {
            assertEquals(List.of(Map.of("id", "P1")), client.rget("/users"));
            assertEquals(3, server.received().size());
            assertEquals(List.of(2.0, 4.0), sleeper.seconds());
            assertEquals(3, client.stats().callCount("GET /users"));
        } finally {
            logs.close();
        }
        List<LogRecord> retries = logs.records.stream().filter(r -> r.getMessage().contains("retrying")).toList();
        assertEquals(2, retries.size());
        retries.forEach(r -> {
            assertEquals(Level.WARNING, r.getLevel());
            String m = r.getMessage();
            assertTrue(m.contains("GET http://127.0.0.1:") && m.contains("/users") && m.contains("(503)"), m);
            assertTrue(m.contains("retrying in 2.0 s") || m.contains("retrying in 4.0 s"), m);
            assertTrue(!r.getMessage().contains("token-abcd1234"));
        });
    }

    @Test
    void rateLimitsAreLoggedAtDebugAndProactiveThrottlingSpacesRequests() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        AtomicInteger calls = new AtomicInteger();
        try (LocalServer server = LocalServer.start(r -> calls.incrementAndGet() == 1
                        ? new Reply(429, Map.of("ratelimit-reset", "1"), "{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}")
                        : Reply.json(200, "{\"users\":[]}"));
                RestApiV2Client client = RestApiV2Client.builder("token-abcd1234").baseUrl(server.url())
                        .rateLimit(120).clock(frozen).sleeper(sleeper).build()) {
            client.get("/users");
            client.get("/users");
            client.get("/users");
        }
        // Throttle waits on a frozen clock: 0 (not recorded), 0.5, 1.0, 1.5 s; plus one 429 wait of 1 s + jitter.
        List<Double> waits = sleeper.seconds();
        assertEquals(4, waits.size(), waits.toString());
        assertTrue(waits.containsAll(List.of(0.5, 1.0, 1.5)), waits.toString());
        assertTrue(waits.stream().anyMatch(w -> w >= 1.0 && w <= 1.2 && w != 1.0 && w != 1.5), waits.toString());
        assertTrue(sleeper.sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(2)) <= 0));
    }
}
