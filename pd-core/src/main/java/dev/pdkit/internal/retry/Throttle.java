package dev.pdkit.internal.retry;

import dev.pdkit.spi.Headers;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Proactive rate limiting, so that a client shared by many threads slows down before
 * PagerDuty answers 429: a fixed spacing of {@code 60 s / requestsPerMinute} between request
 * starts, and, once a response says {@code ratelimit-remaining} is low, the remaining budget spread
 * over the seconds until {@code ratelimit-reset}.
 *
 * <p>Thread-safe.
 */
public final class Throttle {

    /** Below this many remaining requests, sends are spread over the rest of the window. */
    static final double LOW_REMAINING = 10;

    private final long spacingNanos;
    private final LongSupplier nanoTime;
    private long nextSlot;
    private long hintSpacingNanos;
    private long hintUntil;

    private Throttle(int requestsPerMinute, LongSupplier nanoTime) {
        this.spacingNanos = requestsPerMinute == 0 ? 0 : 60_000_000_000L / requestsPerMinute;
        this.nanoTime = nanoTime;
        this.nextSlot = nanoTime.getAsLong();
    }

    /**
     * A throttle of at most {@code requestsPerMinute} request starts per minute (0 = no fixed
     * limit, only the server's {@code ratelimit-remaining} hint), measured on {@code nanoTime}.
     */
    public static Throttle of(int requestsPerMinute, LongSupplier nanoTime) {
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("rateLimit must be >= 0 requests per minute: " + requestsPerMinute);
        }
        return new Throttle(requestsPerMinute, nanoTime);
    }

    /** Reserves the next send and returns how long to wait before it. */
    public synchronized Duration delayBeforeSend() {
        long now = nanoTime.getAsLong();
        long spacing = spacingNanos;
        if (now - hintUntil < 0) {
            spacing = Math.max(spacing, hintSpacingNanos);
        }
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + spacing;
        return Duration.ofNanos(slot - now);
    }

    /**
     * Learns from a response's rate-limit headers. Runs on every response, so it reads two headers
     * and takes the lock only when both parse.
     */
    public void observe(Headers headers) {
        OptionalDouble remaining = RateLimitHints.remaining(headers);
        if (remaining.isEmpty()) {
            return;
        }
        OptionalDouble reset = RateLimitHints.resetSeconds(headers);
        if (reset.isPresent()) {
            learn(remaining.getAsDouble(), reset.getAsDouble());
        }
    }

    private synchronized void learn(double remaining, double resetSeconds) {
        long now = nanoTime.getAsLong();
        long window = (long) (resetSeconds * 1e9);
        if (remaining < LOW_REMAINING) {
            // Spread what is left of the window's budget evenly until it resets.
            hintSpacingNanos = window / (long) Math.max(1, remaining);
            hintUntil = now + window;
        } else {
            hintUntil = now;
        }
    }
}
