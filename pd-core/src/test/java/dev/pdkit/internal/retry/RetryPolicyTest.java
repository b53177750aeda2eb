package dev.pdkit.internal.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.internal.retry.Decision.Retry;
import dev.pdkit.internal.retry.Decision.Stop;
import dev.pdkit.internal.retry.Decision.StopReason;
import dev.pdkit.spi.Headers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure retry decision as a table: for each settings, method and outcome, the first decision.
 * No I/O and no waiting: the decision only says how long.
 */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Decision first(RetrySettings settings, String method, Outcome outcome) {
        RetryPolicy policy = new RetryPolicy(settings);
        return policy.decide(policy.start(), method, policy.safeToRepeat(method), outcome, () -> 0.0, NOW);
    }

    private static String describe(Decision d) {
        return d instanceof Retry r ? "retry " + r.delay().toMillis() : ((Stop) d).reason().name();
    }

    @ParameterizedTest(name = "REST defaults: {0} answered {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | 200 | ANSWERED
            GET    | 404 | ANSWERED
            GET    | 401 | UNAUTHORIZED
            GET    | 429 | retry 3000
            POST   | 429 | retry 3000
            GET    | 500 | retry 3000
            HEAD   | 500 | retry 3000
            PUT    | 500 | ANSWERED
            DELETE | 500 | ANSWERED
            POST   | 500 | ANSWERED
            GET    | 502 | retry 3000
            PUT    | 502 | retry 3000
            DELETE | 503 | retry 3000
            OPTIONS| 504 | retry 3000
            POST   | 502 | NOT_SAFE_TO_REPEAT
            POST   | 503 | NOT_SAFE_TO_REPEAT
            PATCH  | 504 | NOT_SAFE_TO_REPEAT
            GET    | 501 | ANSWERED
            """)
    void restDefaults(String method, int status, String expected) {
        Decision d = first(RetrySettings.restDefaults(), method, new Outcome.Answered(status, Headers.empty()));
        assertEquals(expected, describe(d));
    }

    @ParameterizedTest(name = "retryNonIdempotent: {0} answered {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST  | 502 | retry 3000
            PATCH | 503 | retry 3000
            POST  | 500 | ANSWERED
            """)
    void retryNonIdempotentMakesWritesRepeatable(String method, int status, String expected) {
        RetrySettings d = RetrySettings.restDefaults();
        RetrySettings settings = new RetrySettings(d.retry(), d.readsOnly(), d.maxHttpAttempts(), d.maxNetworkAttempts(),
                d.sleepTimer(), d.sleepTimerBase(), d.staggerCooldown(), d.maxSleep(), true, false);
        assertEquals(expected, describe(first(settings, method, new Outcome.Answered(status, Headers.empty()))));
    }

    @Test
    void eventsPostsAreRepeatableAndRetried() {
        assertEquals("retry 3000", describe(first(RetrySettings.eventsDefaults(), "POST",
                new Outcome.Answered(500, Headers.empty()))));
        assertEquals("ANSWERED", describe(first(RetrySettings.changeEventsDefaults(), "POST",
                new Outcome.Answered(504, Headers.empty()))));
    }

    @Test
    void aRequestThatIsNotRepeatableStillRetries429And401() {
        RetrySettings settings = new RetrySettings(Map.of(401, 1, 502, 3), Set.of(), 10, 3, 1, 2, 0,
                Duration.ofSeconds(60), false, false);
        RetryPolicy policy = new RetryPolicy(settings);
        for (int status : new int[] {401, 429}) {
            Decision d = policy.decide(policy.start(), "POST", false, new Outcome.Answered(status, Headers.empty()),
                    () -> 0.0, NOW);
            assertInstanceOf(Retry.class, d, () -> status + " on a POST");
        }
        Decision d = policy.decide(policy.start(), "POST", false, new Outcome.Answered(502, Headers.empty()), () -> 0.0, NOW);
        assertEquals(StopReason.NOT_SAFE_TO_REPEAT, ((Stop) d).reason());
        assertTrue(RetryPolicy.refusedUnprocessed(429) && RetryPolicy.refusedUnprocessed(401));
        assertFalse(RetryPolicy.refusedUnprocessed(408) || RetryPolicy.refusedUnprocessed(503));
    }

    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | connect  | retry 3000
            POST | connect  | retry 3000
            GET  | timeout  | retry 3000
            PUT  | timeout  | retry 3000
            POST | timeout  | NOT_RETRYABLE
            PATCH| timeout  | NOT_RETRYABLE
            """)
    void networkFailures(String method, String failure, String expected) {
        IOException e = failure.equals("connect") ? new ConnectException("refused") : new SocketTimeoutException("read");
        Outcome outcome = new Outcome.NetworkFailure(e, e instanceof ConnectException);
        assertEquals(expected, describe(first(RetrySettings.restDefaults(), method, outcome)));
    }

    @Test
    void networkRetriesStopAtTheirMaximum() {
        RetryPolicy policy = new RetryPolicy(RetrySettings.restDefaults());
        Outcome timeout = new Outcome.NetworkFailure(new SocketTimeoutException("read"), false);
        RetryState state = policy.start();
        for (int i = 0; i < 3; i++) {
            state = ((Retry) policy.decide(state, "GET", true, timeout, () -> 0.0, NOW)).next();
        }
        assertEquals(StopReason.NETWORK_ATTEMPTS_EXHAUSTED,
                ((Stop) policy.decide(state, "GET", true, timeout, () -> 0.0, NOW)).reason());
    }

    @ParameterizedTest(name = "503 with remaining {0} and reset {1}: waits {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            0    | 9  | 9000
            0.5  | 9  | 9000
            1    | 60 | 3000
            950  | 60 | 3000
            """)
    void a503WaitsForTheResetOnlyWhenTheBudgetIsSpent(String remaining, String reset, long expectedMillis) {
        Headers headers = Headers.of("ratelimit-remaining", remaining, "ratelimit-reset", reset);
        Decision d = first(RetrySettings.restDefaults(), "GET", new Outcome.Answered(503, headers));
        assertEquals(expectedMillis, ((Retry) d).delay().toMillis());
    }

    @Test
    void readsOnlyStatusesApplyToGetAndHead() {
        RetrySettings settings = RetrySettings.restDefaults();
        assertEquals(2, settings.retriesFor(500, "GET"));
        assertEquals(2, settings.retriesFor(500, "head"));
        assertEquals(0, settings.retriesFor(500, "PUT"));
        assertEquals(4, settings.retriesFor(502, "PUT"));
        assertEquals(0, settings.retriesFor(404, "GET"));
    }

    /**
     * What the builder's retry settings accept. The first row is valid; every other row changes one
     * value and says whether it is accepted ("ok") or how the refusal starts.
     */
    @ParameterizedTest(name = "retry({0}, {1}) http {2} network {3} timer {4} base {5} stagger {6} max {7} ms: {8}")
    @CsvSource(delimiter = '|', textBlock = """
            500  | 1  | 1  | 1  | 1        | 2        | 0        | 1000 | ok
            100  | 1  | 1  | 1  | 1        | 2        | 0        | 1000 | ok
            999  | 1  | 1  | 1  | 1        | 2        | 0        | 1000 | ok
            99   | 1  | 1  | 1  | 1        | 2        | 0        | 1000 | retry: status out of range: 99
            1000 | 1  | 1  | 1  | 1        | 2        | 0        | 1000 | retry: status out of range: 1000
            500  | -1 | 1  | 1  | 1        | 2        | 0        | 1000 | ok
            500  | 0  | 1  | 1  | 1        | 2        | 0        | 1000 | ok
            500  | -2 | 1  | 1  | 1        | 2        | 0        | 1000 | retry(500, -2): the count must be
            500  | 1  | 0  | 1  | 1        | 2        | 0        | 1000 | ok
            500  | 1  | -1 | 1  | 1        | 2        | 0        | 1000 | maxHttpAttempts must be >= 0
            500  | 1  | 1  | 0  | 1        | 2        | 0        | 1000 | ok
            500  | 1  | 1  | -1 | 1        | 2        | 0        | 1000 | maxNetworkAttempts must be >= 0
            500  | 1  | 1  | 1  | 0        | 2        | 0        | 1000 | ok
            500  | 1  | 1  | 1  | -0.1     | 2        | 0        | 1000 | sleepTimer must be a finite number >= 0
            500  | 1  | 1  | 1  | NaN      | 2        | 0        | 1000 | sleepTimer must be a finite number >= 0
            500  | 1  | 1  | 1  | Infinity | 2        | 0        | 1000 | sleepTimer must be a finite number >= 0
            500  | 1  | 1  | 1  | 1        | 1        | 0        | 1000 | ok
            500  | 1  | 1  | 1  | 1        | 0.5      | 0        | 1000 | sleepTimerBase must be a finite number >= 1
            500  | 1  | 1  | 1  | 1        | NaN      | 0        | 1000 | sleepTimerBase must be a finite number >= 1
            500  | 1  | 1  | 1  | 1        | Infinity | 0        | 1000 | sleepTimerBase must be a finite number >= 1
            500  | 1  | 1  | 1  | 1        | 2        | 0.5      | 1000 | ok
            500  | 1  | 1  | 1  | 1        | 2        | -0.1     | 1000 | staggerCooldown must be a finite number >= 0
            500  | 1  | 1  | 1  | 1        | 2        | NaN      | 1000 | staggerCooldown must be a finite number >= 0
            500  | 1  | 1  | 1  | 1        | 2        | Infinity | 1000 | staggerCooldown must be a finite number >= 0
            500  | 1  | 1  | 1  | 1        | 2        | 0        | 0    | ok
            500  | 1  | 1  | 1  | 1        | 2        | 0        | -1   | maxSleep must not be negative
            """)
    void settingsAreChecked(int status, int count, int maxHttp, int maxNetwork, double timer, double base,
            double stagger, long maxSleepMillis, String expected) {
        Duration maxSleep = Duration.ofMillis(maxSleepMillis);
        if (expected.equals("ok")) {
            RetrySettings s = new RetrySettings(Map.of(status, count), Set.of(), maxHttp, maxNetwork, timer, base, stagger,
                    maxSleep, false, false);
            assertEquals(count, s.retriesFor(status, "GET"));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetrySettings(
                    Map.of(status, count), Set.of(), maxHttp, maxNetwork, timer, base, stagger, maxSleep, false, false));
            assertTrue(e.getMessage().startsWith(expected), e::getMessage);
        }
    }

    @Test
    void settingsNeedAMaximumSleep() {
        assertThrows(NullPointerException.class,
                () -> new RetrySettings(Map.of(), Set.of(), 1, 1, 1, 2, 0, null, false, false));
    }

    /**
     * The server's wait, when it gives one, replaces the backoff (3 s here): on a 429 its
     * ratelimit-reset, else its Retry-After; on a 503 its Retry-After, or the reset of a spent
     * budget. Other statuses back off whatever their headers say.
     */
    @ParameterizedTest(name = "GET answered {0} with {1}: waits {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            429 | ratelimit-reset=7                                          | 7000
            429 | Retry-After=12                                             | 12000
            429 | Retry-After=100, ratelimit-reset=4                         | 4000
            429 | Retry-After=later                                          | 3000
            503 | Retry-After=12                                             | 12000
            503 | Retry-After=12, ratelimit-remaining=900, ratelimit-reset=60 | 12000
            503 | ratelimit-reset=9                                          | 3000
            502 | Retry-After=12                                             | 3000
            """)
    void theServersWaitReplacesTheBackoff(int status, String headers, long expectedMillis) {
        Headers h = Headers.empty();
        for (String header : headers.split(",")) {
            String[] nameValue = header.trim().split("=", 2);
            h = h.with(nameValue[0], nameValue[1]);
        }
        Retry r = (Retry) first(RetrySettings.restDefaults(), "GET", new Outcome.Answered(status, h));
        assertEquals(expectedMillis, r.delay().toMillis());
        assertEquals(status == 429, r.rateLimited(), "rate limited");
        assertEquals(expectedMillis != 3000, r.hinted(), "hinted");
    }

    /** A success ends the call even when retry() names its status: a retry loop on success never ends. */
    @ParameterizedTest(name = "GET answered {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            200 | ANSWERED
            201 | ANSWERED
            299 | ANSWERED
            300 | retry 3000
            409 | retry 3000
            """)
    void aSuccessIsFinalWhateverRetrySays(int status, String expected) {
        RetrySettings settings = new RetrySettings(Map.of(200, 3, 201, -1, 299, 1, 300, 1, 409, 2), Set.of(), 10, 3,
                1.5, 2, 0, Duration.ofSeconds(60), false, false);
        assertEquals(expected, describe(first(settings, "GET", new Outcome.Answered(status, Headers.empty()))));
    }
}
