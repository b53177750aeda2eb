package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.TypeRef;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Retries through a real transport and {@link FakePagerDuty}, whose faults answer 5xx and 429 with
 * PagerDuty's bodies and rate-limit headers, and what the client logs about them.
 */
class RetryEndToEndTest {

    @Test
    void twoBadGatewaysThenOkThroughTheFake() {
        RecordingSleeper sleeper = new RecordingSleeper();
        LogCapture logs = new LogCapture();
        String token;
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start()) {
            token = pd.apiToken();
            Map<String, Object> user = pd.seed().user("Jane Doe", "jane@example.com");
            pd.inject(Fault.status(502), 2, "GET", "/users");
            try (RestApiV2Client client = RestApiV2Client.builder(token).baseUrl(pd.restUrl())
                    .retry(502, 3).sleepTimer(1).sleeper(sleeper).build()) {
                assertEquals(List.of(user), client.as(TypeRef.listOf(Map.class)).rget("/users"));
                assertEquals(List.of("GET /users", "GET /users", "GET /users"),
                        pd.requests().stream().map(RecordedRequest::toString).toList());
                assertEquals(List.of(2.0, 4.0), sleeper.seconds());
                assertEquals(3, client.stats().callCount("GET /users"));
            }
        } finally {
            logs.close();
        }
        assertRetriesLogged(logs, "(502)", token);
    }

    /**
     * 503s carry PagerDuty's {@code ratelimit-*} headers too, with the budget untouched: the client
     * backs off instead of waiting for the rate-limit window to reset.
     */
    @Test
    void twoServiceUnavailableThenOkThroughTheFake() {
        RecordingSleeper sleeper = new RecordingSleeper();
        LogCapture logs = new LogCapture();
        String token;
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start()) {
            token = pd.apiToken();
            Map<String, Object> user = pd.seed().user("Jane Doe", "jane@example.com");
            pd.inject(Fault.status(503), 2, "GET", "/users");
            try (RestApiV2Client client = RestApiV2Client.builder(token).baseUrl(pd.restUrl())
                    .retry(503, 3).sleepTimer(1).sleeper(sleeper).build()) {
                assertEquals(List.of(user), client.as(TypeRef.listOf(Map.class)).rget("/users"));
                assertEquals(3, pd.requestCount());
                assertEquals(List.of(2.0, 4.0), sleeper.seconds());
                assertEquals(3, client.stats().callCount("GET /users"));
            }
        } finally {
            logs.close();
        }
        assertRetriesLogged(logs, "(503)", token);
    }

    private static void assertRetriesLogged(LogCapture logs, String status, String token) {
        List<LogRecord> retries = logs.records.stream().filter(r -> r.getMessage().contains("retrying")).toList();
        assertEquals(2, retries.size());
        retries.forEach(r -> {
            assertEquals(Level.WARNING, r.getLevel());
            String m = r.getMessage();
            assertTrue(m.contains("GET http://127.0.0.1:") && m.contains("/users") && m.contains(status), m);
            assertTrue(m.contains("retrying in 2.0 s") || m.contains("retrying in 4.0 s"), m);
            assertFalse(m.contains(token), m);
        });
    }

    @Test
    void rateLimitsAreLoggedAtDebugAndProactiveThrottlingSpacesRequests() {
        RecordingSleeper sleeper = new RecordingSleeper();
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        LogCapture logs = new LogCapture();
        try (FakePagerDuty pd = FakePagerDuty.start();
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                        .rateLimit(120).clock(frozen).sleeper(sleeper).build()) {
            // PagerDuty's 429: ratelimit-remaining 0 and ratelimit-reset 1 (seconds).
            pd.enqueue(Fault.rateLimited(1));
            assertEquals(200, client.get("/users").status());
            assertEquals(200, client.get("/users").status());
            assertEquals(200, client.get("/users").status());
            assertEquals(4, pd.requestCount());
        } finally {
            logs.close();
        }
        // On a frozen clock: the first send waits 0 (not recorded); the 429 wait is 1 s + jitter; the
        // retry takes the next 120/min slot (0.5). The 429 said no request remains for 1 s, so the slot
        // after the retry comes 1 s later (1.5) instead of 0.5 s; the retry's 200 reports the whole
        // budget again, so the third send is back to the 0.5 s spacing (2.0).
        List<Double> waits = sleeper.seconds();
        assertEquals(4, waits.size(), waits.toString());
        assertTrue(waits.containsAll(List.of(0.5, 1.5, 2.0)), waits.toString());
        assertTrue(waits.stream().anyMatch(w -> w >= 1.0 && w <= 1.2 && w != 1.5), waits.toString());
        assertTrue(sleeper.sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(2)) <= 0));
        List<LogRecord> rateLimited = logs.records.stream()
                .filter(r -> r.getMessage().contains("rate limit") && r.getMessage().contains("429")).toList();
        assertEquals(1, rateLimited.size(), logs.messages().toString());
        assertTrue(rateLimited.get(0).getLevel().intValue() < Level.INFO.intValue(), "logged at debug");
        assertTrue(rateLimited.get(0).getMessage().contains("as the server asked"), rateLimited.get(0).getMessage());
    }
}
