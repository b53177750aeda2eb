package dev.pdkit.internal.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void growsByBaseTimesOnePlusStagger() {
        assertEquals(3.0, Backoff.grow(1.5, 2, 0, 0.99), 1e-12);
        assertEquals(1 * 2 * (1 + 0.5 * 0.25), Backoff.grow(1, 2, 0.5, 0.25), 1e-12);
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
}
