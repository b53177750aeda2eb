package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.Response;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.RestApiV2ClientBuilder;
import dev.pdkit.spi.Headers;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry contract, table-driven: each case scripts the server's answers and asserts the
 * requests made, the waits taken and the outcome. Nothing sleeps: the sleeper records.
 */
class RetryBehaviourTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    record Case(String name, UnaryOperator<RestApiV2ClientBuilder> config, UnaryOperator<ScriptedTransport> script,
            String method, int expectedRequests, List<Double> expectedSleeps, Integer expectedStatus,
            Class<? extends Throwable> expectedError) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("user guide: retry(404,5), maxHttpAttempts(4): sleeps 2,4,8,16 then the 404",
                        b -> b.sleepTimer(1).sleepTimerBase(2).maxHttpAttempts(4).retry(404, 5),
                        s -> s.status(404, 10), "GET", 5, List.of(2.0, 4.0, 8.0, 16.0), 404, null),
                new Case("user guide: retry(404,5), maxHttpAttempts(6): sleeps 2..32 then the 404",
                        b -> b.sleepTimer(1).sleepTimerBase(2).maxHttpAttempts(6).retry(404, 5),
                        s -> s.status(404, 10), "GET", 6, List.of(2.0, 4.0, 8.0, 16.0, 32.0), 404, null),
                new Case("retry(404,3): 404, 404, 200 returns the 200",
                        b -> b.sleepTimer(1).retry(404, 3),
                        s -> s.status(404, 2).status(200), "GET", 3, List.of(2.0, 4.0), 200, null),
                new Case("retry(404,1): 404, 404 returns the 404",
                        b -> b.sleepTimer(1).retry(404, 1),
                        s -> s.status(404, 2), "GET", 2, List.of(2.0), 404, null),
                new Case("alternating 502/503 with per-status limits, maxHttpAttempts bounds the total",
                        b -> b.sleepTimer(1).retry(502, 3).retry(503, 3).maxHttpAttempts(3),
                        s -> s.status(502).status(503).status(502).status(503).status(502),
                        "GET", 4, List.of(2.0, 4.0, 8.0), 503, null),
                new Case("per-status limit reached before the global one",
                        b -> b.sleepTimer(1).retry(502, 1).retry(503, 5),
                        s -> s.status(502).status(503).status(502), "GET", 3, List.of(2.0, 4.0), 502, null),
                new Case("retry(500,-1) retries forever, ignoring maxHttpAttempts",
                        b -> b.sleepTimer(0.001).retry(500, -1).maxHttpAttempts(2),
                        s -> s.status(500, 12).status(200), "GET", 13, null, 200, null),
                new Case("429 x 50 then 200: retried until it succeeds, not counted",
                        b -> b.sleepTimer(0.001).maxHttpAttempts(2),
                        s -> s.status(429, 50).status(200), "GET", 51, null, 200, null),
                new Case("429, 429, 200 with defaults: sleeps 3, 6",
                        b -> b,
                        s -> s.status(429, 2).status(200), "GET", 3, List.of(3.0, 6.0), 200, null),
                new Case("retry(429,2) replaces the default: the third 429 is returned",
                        b -> b.sleepTimer(1).retry(429, 2),
                        s -> s.status(429, 5), "GET", 3, List.of(2.0, 4.0), 429, null),
                new Case("401 raises at once",
                        b -> b,
                        s -> s.status(401, 3), "GET", 1, List.of(), null, PdHttpException.class),
                new Case("retry(401,2): retried, then the 401 is returned",
                        b -> b.sleepTimer(1).retry(401, 2),
                        s -> s.status(401, 3), "GET", 3, List.of(2.0, 4.0), 401, null),
                new Case("unconfigured 404 is returned at once by get()",
                        b -> b,
                        s -> s.status(404, 3), "GET", 1, List.of(), 404, null),
                new Case("defaults: 500 on GET is retried twice (sleeps 3, 6), then returned",
                        b -> b,
                        s -> s.status(500, 5), "GET", 3, List.of(3.0, 6.0), 500, null),
                new Case("defaults: 500 on PUT is returned at once: 500 is retried for reads only",
                        b -> b,
                        s -> s.status(500, 5), "PUT", 1, List.of(), 500, null),
                new Case("retry(500, 2) set by the caller applies to PUT as well",
                        b -> b.sleepTimer(1).retry(500, 2),
                        s -> s.status(500, 5), "PUT", 3, List.of(2.0, 4.0), 500, null),
                new Case("defaults: 502 on GET is retried 4 times, then returned",
                        b -> b,
                        s -> s.status(502, 9), "GET", 5, List.of(3.0, 6.0, 12.0, 24.0), 502, null),
                new Case("defaults: 503, 504, 200 on GET returns the 200",
                        b -> b.sleepTimer(1),
                        s -> s.status(503).status(504).status(200), "GET", 3, List.of(2.0, 4.0), 200, null),
                new Case("defaults: 504 on DELETE is retried (DELETE is idempotent)",
                        b -> b.sleepTimer(1),
                        s -> s.status(504).status(204), "DELETE", 2, List.of(2.0), 204, null),
                new Case("defaults: 502 on POST is returned at once: PagerDuty may have created it",
                        b -> b,
                        s -> s.status(502, 3).status(201), "POST", 1, List.of(), 502, null),
                new Case("retry(502, 10) does not make a POST repeatable",
                        b -> b.sleepTimer(1).retry(502, 10),
                        s -> s.status(502, 3).status(201), "POST", 1, List.of(), 502, null),
                new Case("retry(502, 10) with retryNonIdempotent(true) retries the POST",
                        b -> b.sleepTimer(1).retry(502, 10).retryNonIdempotent(true),
                        s -> s.status(502, 2).status(201), "POST", 3, List.of(2.0, 4.0), 201, null),
                new Case("503 on PATCH is returned at once",
                        b -> b.sleepTimer(1).retry(503, 5),
                        s -> s.status(503, 2).status(200), "PATCH", 1, List.of(), 503, null),
                new Case("429 on POST is retried: the server refused it without acting on it",
                        b -> b.sleepTimer(1),
                        s -> s.status(429).status(201), "POST", 2, List.of(2.0), 201, null),
                new Case("retry(401, 1) on POST is retried: a 401 was not acted on",
                        b -> b.sleepTimer(1).retry(401, 1),
                        s -> s.status(401).status(201), "POST", 2, List.of(2.0), 201, null),
                new Case("retry(429, 0) is the default again: retried until it succeeds",
                        b -> b.sleepTimer(0.001).retry(429, 2).retry(429, 0),
                        s -> s.status(429, 4).status(200), "GET", 5, null, 200, null),
                new Case("retry(500, 0) turns the GET default off",
                        b -> b.retry(500, 0),
                        s -> s.status(500, 3), "GET", 1, List.of(), 500, null),
                new Case("retry(502, 0) turns the default off",
                        b -> b.retry(502, 0),
                        s -> s.status(502, 3), "GET", 1, List.of(), 502, null),
                new Case("network error x3 then success: 4 requests, 3 sleeps",
                        b -> b.sleepTimer(1),
                        s -> s.fail(new SocketTimeoutException("read timed out"), 3).status(200),
                        "GET", 4, List.of(2.0, 4.0, 8.0), 200, null),
                new Case("network error x4: PdClientException after 4 requests",
                        b -> b.sleepTimer(1),
                        s -> s.fail(new SocketTimeoutException("read timed out"), 4),
                        "GET", 4, List.of(2.0, 4.0, 8.0), null, PdClientException.class),
                new Case("POST read timeout is not retried",
                        b -> b.sleepTimer(1),
                        s -> s.fail(new SocketTimeoutException("read timed out"), 1).status(201),
                        "POST", 1, List.of(), null, PdClientException.class),
                new Case("POST connect refused is retried: nothing was sent",
                        b -> b.sleepTimer(1),
                        s -> s.fail(new ConnectException("Connection refused"), 2).status(201),
                        "POST", 3, List.of(2.0, 4.0), 201, null),
                new Case("POST read timeout retried when retryNonIdempotent(true)",
                        b -> b.sleepTimer(1).retryNonIdempotent(true),
                        s -> s.fail(new SocketTimeoutException("read timed out"), 1).status(201),
                        "POST", 2, List.of(2.0), 201, null),
                new Case("PUT read timeout is retried: PUT is idempotent",
                        b -> b.sleepTimer(1),
                        s -> s.fail(new SocketTimeoutException("read timed out"), 1).status(200),
                        "PUT", 2, List.of(2.0), 200, null),
                new Case("one timer is shared by network and HTTP retries",
                        b -> b.sleepTimer(1).retry(503, 2),
                        s -> s.fail(new ConnectException("refused"), 1).status(503).status(200),
                        "GET", 3, List.of(2.0, 4.0), 200, null),
                new Case("429 with ratelimit-reset: 7 waits 7 s plus a little jitter, not the backoff",
                        b -> b.sleepTimer(1).random(new SplittableRandom(1)),
                        s -> s.respond(429, Headers.of("ratelimit-reset", "7"), "{}").status(200),
                        "GET", 2, null, 200, null),
                new Case("429 with an unparseable Retry-After falls back to the backoff",
                        b -> b.sleepTimer(1),
                        s -> s.respond(429, Headers.of("Retry-After", "soon-ish"), "{}").status(200),
                        "GET", 2, List.of(2.0), 200, null),
                new Case("503 with the budget left ignores ratelimit-reset (on every PagerDuty reply) and backs off",
                        b -> b.sleepTimer(1).retry(503, 2),
                        s -> s.respond(503, Headers.of("ratelimit-remaining", "950", "ratelimit-reset", "60"), "{}")
                                .respond(503, Headers.of("ratelimit-remaining", "949", "ratelimit-reset", "59"), "{}")
                                .status(200),
                        "GET", 3, List.of(2.0, 4.0), 200, null),
                new Case("a single sleep never exceeds maxSleep",
                        b -> b.sleepTimer(10).retry(500, 5).maxSleep(Duration.ofSeconds(30)),
                        s -> s.status(500, 4).status(200), "GET", 5, List.of(20.0, 30.0, 30.0, 30.0), 200, null),
                new Case("429 asking for an hour is capped at maxSleep",
                        b -> b.maxSleep(Duration.ofSeconds(5)),
                        s -> s.respond(429, Headers.of("ratelimit-reset", "3600"), "{}").status(200),
                        "GET", 2, List.of(5.0), 200, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTheRetryContract(Case c) {
        ScriptedTransport transport = c.script().apply(new ScriptedTransport());
        RecordingSleeper sleeper = new RecordingSleeper();
        RestApiV2ClientBuilder builder = RestApiV2Client.builder("y_NbAkKc66ryYTWUXYEu")
                .baseUrl("http://127.0.0.1:9").transport(transport).sleeper(sleeper).clock(CLOCK);
        try (RestApiV2Client client = c.config().apply(builder).build()) {
            Map<String, Object> body = Map.of("a", 1);
            if (c.expectedError() != null) {
                Throwable t = assertThrows(c.expectedError(), () -> call(client, c.method(), body));
                assertFalse(t.getMessage().contains("y_NbAkKc66ryYTWUXYEu"), "token leaked: " + t.getMessage());
            } else {
                Response r = call(client, c.method(), body);
                assertEquals(c.expectedStatus(), r.status());
                assertEquals(c.expectedRequests(), r.attempts());
            }
        }
        assertEquals(c.expectedRequests(), transport.requests.size(), "requests sent");
        if (c.expectedSleeps() != null) {
            assertEquals(c.expectedSleeps(), sleeper.seconds(), "sleeps in seconds");
        }
    }

    private static Response call(RestApiV2Client client, String method, Object body) {
        return switch (method) {
            case "GET" -> client.get("/users");
            case "POST" -> client.request("POST", "/users", body);
            case "PUT" -> client.request("PUT", "/users/P1", body);
            case "PATCH" -> client.request("PATCH", "/users/P1", body);
            case "DELETE" -> client.request("DELETE", "/users/P1", null);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @Test
    void theFixedRateLimitSpacesRequestStartsOnTheClientsClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport().status(200, 3);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).clock(clock).rateLimit(60).build()) {
            client.get("/users");
            client.get("/users");
            clock.advance(Duration.ofSeconds(30));
            client.get("/users");
        }
        assertEquals(List.of(1.0), sleeper.seconds(),
                "60 per minute: the second request waits 1 s; the third, 30 s later by the clock, not at all");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theUserGuideExampleWaitsThirtySecondsInAll() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport().status(404, 6);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).sleepTimer(1).sleepTimerBase(2).maxHttpAttempts(4)
                .retry(404, 5).build()) {
            assertEquals(404, client.get("/users").status());
        }
        assertEquals(30.0, sleeper.total(), 1e-9);
    }

    @Test
    void rateLimitResetWaitIsTheHintPlusSmallJitter() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport()
                .respond(429, Headers.of("ratelimit-reset", "7"), "{}").status(200);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).random(new SplittableRandom(42)).build()) {
            client.get("/users");
        }
        double waited = sleeper.seconds().get(0);
        assertTrue(waited >= 7.0 && waited <= 7.7, "waited " + waited);
    }

    static Stream<Arguments> hinted503s() {
        return Stream.of(
                Arguments.of(Headers.of("ratelimit-remaining", "0", "ratelimit-reset", "9"), 9.0),
                Arguments.of(Headers.of("Retry-After", "3", "ratelimit-remaining", "950", "ratelimit-reset", "60"), 3.0));
    }

    @ParameterizedTest(name = "503 with {0} waits about {1} s")
    @MethodSource("hinted503s")
    void a503WaitsForItsRetryAfterOrASpentBudgetsReset(Headers headers, double expected) {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport().respond(503, headers, "{}").status(200);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).retry(503, 2).random(new SplittableRandom(5)).build()) {
            assertEquals(200, client.get("/users").status());
        }
        double waited = sleeper.seconds().get(0);
        assertTrue(waited >= expected && waited <= expected * 1.1 + 0.05, "waited " + waited);
    }

    @Test
    void retryAfterAsAnHttpDateSetsTheWait() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport()
                .respond(429, Headers.of("Retry-After", "Thu, 01 Jan 2026 00:00:12 GMT"), "{}").status(200);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).clock(CLOCK).random(new SplittableRandom(3)).build()) {
            client.get("/users");
        }
        double waited = sleeper.seconds().get(0);
        assertTrue(waited >= 12.0 && waited <= 13.0, "waited " + waited);
    }

    @Test
    void staggerMultipliesEachSleepByBaseTimesOnePlusRhoR() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ScriptedTransport transport = new ScriptedTransport().status(503, 3).status(200);
        long seed = 7;
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).sleepTimer(1).sleepTimerBase(2).staggerCooldown(0.5)
                .retry(503, 3).random(new SplittableRandom(seed)).build()) {
            client.get("/users");
        }
        SplittableRandom expected = new SplittableRandom(seed);
        double timer = 1;
        for (double slept : sleeper.seconds()) {
            timer = timer * 2 * (1 + 0.5 * expected.nextDouble());
            assertEquals(timer, slept, 1e-6);
        }
        assertEquals(3, sleeper.seconds().size());
    }

    @Test
    void exhaustedNetworkRetriesCarryTheLastCauseAndTheEarlierOnesSuppressed() {
        IOException[] failures = {new SocketTimeoutException("1"), new SocketTimeoutException("2"),
            new SocketTimeoutException("3"), new SocketTimeoutException("4")};
        ScriptedTransport transport = new ScriptedTransport();
        for (IOException f : failures) {
            transport.fail(f, 1);
        }
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(new RecordingSleeper()).build()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertEquals(failures[3], e.getCause());
            assertEquals(List.of(failures[0], failures[1], failures[2]), List.of(e.getSuppressed()));
        }
    }

    @Test
    void helpersRaiseWithTheAttemptCountWhenRetriesRunOut() {
        ScriptedTransport transport = new ScriptedTransport().status(503, 3);
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(new RecordingSleeper()).retry(503, 2).build()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.rget("/users"));
            assertEquals(3, e.attempts());
            assertEquals(503, e.status());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        }
    }

    @Test
    void anInterruptDuringAWaitStopsTheCallAndKeepsTheFlag() {
        ScriptedTransport transport = new ScriptedTransport().status(500, 5);
        RecordingSleeper counting = new RecordingSleeper();
        dev.pdkit.spi.Sleeper interrupting = d -> {
            counting.sleep(d);
            throw new InterruptedException("test interrupt");
        };
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(interrupting).retry(500, 5).build()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.interrupted(), "the interrupt flag is restored (and cleared here)");
        }
        assertEquals(1, transport.requests.size(), "no attempt is burnt after the interrupt");
        assertEquals(1, counting.sleeps.size());
    }

    @Test
    void sixtyRetriesNeitherOverflowNorExceedTheCap() {
        ScriptedTransport transport = new ScriptedTransport().status(500, 60).status(200);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (RestApiV2Client client = RestApiV2Client.builder("token-1234").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).retry(500, -1).sleepTimerBase(10).build()) {
            assertEquals(200, client.get("/users").status());
        }
        assertEquals(60, sleeper.sleeps.size());
        assertTrue(sleeper.sleeps.stream().allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(60)) <= 0));
        assertEquals(Duration.ofSeconds(60), sleeper.sleeps.get(59));
    }
}
