package dev.pdkit.testkit.server;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * PagerDuty's REST rate limit as a fixed one-minute window that starts with the first request.
 * When no limit is set nothing is refused and the headers report the real API's 960 requests per
 * minute with the whole budget left (so throttling clients don't slow a test suite down).
 * Thread-safe.
 */
public final class RateLimiter {

    /** The real API's limit per account key. */
    public static final int PAGERDUTY_LIMIT = 960;
    private static final long WINDOW = TimeUnit.MINUTES.toNanos(1);

    /** The outcome of one request: whether it may pass, and the header values. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final LongSupplier nanoTime;
    private int perMinute;
    private long windowStart;
    private int used;
    private boolean started;

    /** A limiter on this clock ({@code System::nanoTime} in production). */
    public RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Sets the limit per minute ({@code 0}: none) and starts a fresh window. */
    public synchronized void set(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("requests per minute must not be negative: " + perMinute);
        }
        this.perMinute = perMinute;
        this.started = false;
        this.used = 0;
    }

    /** Counts a request against the window. */
    public synchronized Decision acquire() {
        roll();
        if (perMinute == 0) {
            return new Decision(true, PAGERDUTY_LIMIT, PAGERDUTY_LIMIT, reset());
        }
        if (used >= perMinute) {
            return new Decision(false, perMinute, 0, reset());
        }
        used++;
        return new Decision(true, perMinute, perMinute - used, reset());
    }

    /** The header values without counting a request (for requests the limit doesn't apply to). */
    public synchronized Decision peek() {
        roll();
        int limit = perMinute == 0 ? PAGERDUTY_LIMIT : perMinute;
        return new Decision(true, limit, perMinute == 0 ? limit : Math.max(0, perMinute - used), reset());
    }

    private void roll() {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= WINDOW) {
            started = true;
            windowStart = now;
            used = 0;
        }
    }

    private long reset() {
        long left = WINDOW - (nanoTime.getAsLong() - windowStart);
        return Math.max(1, (left + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
