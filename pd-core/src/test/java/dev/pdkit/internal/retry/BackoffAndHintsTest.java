package dev.pdkit.internal.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.spi.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure arithmetic of waiting: backoff growth, caps, and the server's wait hints. */
class BackoffAndHintsTest {

    @ParameterizedTest(name = "grow({0}, base {1}, stagger {2}, r {3}) = {4}")
    @CsvSource(delimiter = '|', textBlock = """
            1.5 | 2        | 0   | 0.99 | 3.0
            1   | 2        | 0.5 | 0.25 | 2.25
            # At the ceiling, and beyond it: saturated.
            5e8 | 2        | 0   | 0    | 1e9
            6e8 | 2        | 0   | 0    | 1e9
            1e9 | 1e300    | 1   | 0.5  | 1e9
            # 0 s times an infinite base is NaN in IEEE arithmetic: it saturates too, never NaN.
            0   | Infinity | 0   | 0    | 1e9
            """)
    void growsByBaseTimesOnePlusStagger(double timer, double base, double stagger, double r, double expected) {
        assertEquals(expected, Backoff.grow(timer, base, stagger, r), 1e-12);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        double timer = 1.5;
        for (int i = 0; i < 2000; i++) {
            timer = Backoff.grow(timer, 10, 1, 0.999);
            assertTrue(Double.isFinite(timer) && timer > 0, "timer after " + i + " steps: " + timer);
        }
        assertEquals(Backoff.TIMER_CEILING, timer);
        assertEquals(Duration.ofSeconds(60), Backoff.capped(timer, Duration.ofSeconds(60)));
    }

    @Test
    void capsAndRoundsDurations() {
        assertEquals(Duration.ofMillis(1500), Backoff.capped(1.5, Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(5), Backoff.capped(7, Duration.ofSeconds(5)));
        assertEquals(Duration.ZERO, Backoff.capped(-1, Duration.ofSeconds(5)));
        assertEquals(Duration.ZERO, Backoff.capped(Double.NaN, Duration.ofSeconds(5)));
        // The cap's fraction of a second counts: 1.5 s caps 1.7 s, and lets 1.2 s through.
        assertEquals(Duration.ofMillis(1500), Backoff.capped(1.7, Duration.ofMillis(1500)));
        assertEquals(Duration.ofMillis(1200), Backoff.capped(1.2, Duration.ofMillis(1500)));
        assertEquals(Duration.ofMillis(400), Backoff.capped(0.9, Duration.ofMillis(400)));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            ratelimit-reset | 7                             | 7.0
            ratelimit-reset | 0.5                           | 0.5
            ratelimit-reset | 0                             | 0.0
            ratelimit-reset | -3                            | none
            ratelimit-reset | soon                          | none
            Retry-After     | 12                            | 12.0
            Retry-After     | Thu, 01 Jan 2026 00:00:30 GMT | 30.0
            Retry-After     | Wed, 31 Dec 2025 23:59:00 GMT | 0.0
            Retry-After     | tomorrow-ish                  | none
            """)
    void readsTheServersWait(String header, String value, Double expected) {
        OptionalDouble wait = RateLimitHints.waitSeconds(Headers.of(header, value), Instant.parse("2026-01-01T00:00:00Z"));
        if (expected == null) {
            assertTrue(wait.isEmpty(), "expected no hint, got " + wait);
        } else {
            assertEquals(expected, wait.getAsDouble(), 1e-9);
        }
    }

    @Test
    void ratelimitResetWinsOverRetryAfter() {
        Headers both = Headers.of("Retry-After", "100", "ratelimit-reset", "4");
        assertEquals(4.0, RateLimitHints.waitSeconds(both, Instant.EPOCH).getAsDouble());
        assertTrue(RateLimitHints.waitSeconds(Headers.empty(), Instant.EPOCH).isEmpty());
    }

    @Test
    void theThrottleSpacesRequestsAndSlowsDownWhenTheWindowRunsLow() {
        long[] now = {0};
        Throttle throttle = Throttle.of(60, () -> now[0]);
        assertEquals(Duration.ZERO, throttle.delayBeforeSend());
        assertEquals(Duration.ofSeconds(1), throttle.delayBeforeSend());
        now[0] = Duration.ofSeconds(10).toNanos();
        assertEquals(Duration.ZERO, throttle.delayBeforeSend());

        Throttle hinted = Throttle.of(0, () -> now[0]);
        assertEquals(Duration.ZERO, hinted.delayBeforeSend());
        hinted.observe(Headers.of("ratelimit-remaining", "2", "ratelimit-reset", "10"));
        hinted.delayBeforeSend();
        assertEquals(Duration.ofSeconds(5), hinted.delayBeforeSend(), "2 requests left for 10 s: one every 5 s");
        hinted.observe(Headers.of("ratelimit-remaining", "900", "ratelimit-reset", "10"));
        now[0] += Duration.ofSeconds(20).toNanos();
        assertEquals(Duration.ZERO, hinted.delayBeforeSend());
    }

    /**
     * The spacing between two sends, right after one response's rate-limit headers: the fixed
     * limit, or the budget left spread over the window when fewer than 10 requests remain, whichever
     * is slower. A half-read hint (a count without a reset time, or the reverse) changes nothing.
     */
    @ParameterizedTest(name = "{0}/min, ratelimit-remaining {1}, ratelimit-reset {2}: {3} ms apart")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            0   | none | none | 0
            60  | none | none | 1000
            0   | 2    | 10   | 5000
            0   | 9    | 90   | 10000
            0   | 10   | 10   | 0
            0   | 900  | 10   | 0
            # The budget is spent: the one request left goes when the window resets.
            0   | 0    | 10   | 10000
            0   | 0.5  | 10   | 10000
            0   | 2    | none | 0
            0   | none | 10   | 0
            0   | soon | 10   | 0
            120 | 2    | 10   | 5000
            120 | 9    | 1    | 500
            """)
    void theThrottleSpacingAfterOneResponse(int perMinute, String remaining, String reset, long millisApart) {
        long[] now = {0};
        Throttle throttle = Throttle.of(perMinute, () -> now[0]);
        throttle.observe(rateLimitHeaders(remaining, reset));
        assertEquals(Duration.ZERO, throttle.delayBeforeSend(), "the first send goes at once");
        assertEquals(Duration.ofMillis(millisApart), throttle.delayBeforeSend());
    }

    @Test
    void aBudgetThatRecoversEndsTheSlowDownAtOnce() {
        long[] now = {0};
        Throttle throttle = Throttle.of(0, () -> now[0]);
        throttle.observe(rateLimitHeaders("1", "30"));
        throttle.observe(rateLimitHeaders("500", "30"));
        throttle.delayBeforeSend();
        assertEquals(Duration.ZERO, throttle.delayBeforeSend());
    }

    /** Retry-After answers a 429 or 503 (the retry policy reads it); it is not a window to spread a budget over. */
    @Test
    void theThrottleSpreadsOverTheRateLimitWindowNotOverRetryAfter() {
        long[] now = {0};
        Throttle throttle = Throttle.of(0, () -> now[0]);
        throttle.observe(Headers.of("ratelimit-remaining", "2", "Retry-After", "10"));
        throttle.delayBeforeSend();
        assertEquals(Duration.ZERO, throttle.delayBeforeSend());
    }

    @Test
    void aNegativeRateLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Throttle.of(-1, () -> 0));
    }

    private static Headers rateLimitHeaders(String remaining, String reset) {
        Headers h = Headers.empty();
        if (remaining != null) {
            h = h.with("ratelimit-remaining", remaining);
        }
        return reset == null ? h : h.with("ratelimit-reset", reset);
    }
}
