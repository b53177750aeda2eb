package dev.pdkit.internal.retry;

import dev.pdkit.spi.Headers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;

/**
 * Reads how long the server asks a client to wait: PagerDuty's {@code ratelimit-reset} (seconds
 * until the window resets), else the standard {@code Retry-After} (seconds or an HTTP date).
 * A header that doesn't parse is ignored, never thrown.
 */
public final class RateLimitHints {

    private RateLimitHints() {
    }

    /** The wait in seconds the headers ask for, if any parses. */
    public static OptionalDouble waitSeconds(Headers headers, Instant now) {
        OptionalDouble reset = resetSeconds(headers);
        if (reset.isPresent()) {
            return reset;
        }
        String retryAfter = headers.firstOrNull("Retry-After");
        OptionalDouble delta = seconds(retryAfter);
        if (delta.isPresent() || retryAfter == null) {
            return delta;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return OptionalDouble.of(d.isNegative() ? 0 : d.toMillis() / 1000.0);
        } catch (DateTimeParseException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The wait a 503 asks for: its {@code Retry-After}, or {@code ratelimit-reset} only when
     * {@code ratelimit-remaining} says the budget is spent. PagerDuty puts its rate-limit headers
     * on every response, so on an outage with budget left the reset time (up to a minute) says
     * nothing about when to retry.
     */
    public static OptionalDouble unavailableWaitSeconds(Headers headers, Instant now) {
        if (headers.firstOrNull("Retry-After") != null) {
            return waitSeconds(headers.without("ratelimit-reset"), now);
        }
        OptionalDouble remaining = remaining(headers);
        return remaining.isPresent() && remaining.getAsDouble() < 1 ? waitSeconds(headers, now) : OptionalDouble.empty();
    }

    /** The remaining requests in the window, from {@code ratelimit-remaining}, if it parses. */
    public static OptionalDouble remaining(Headers headers) {
        return seconds(headers.firstOrNull("ratelimit-remaining"));
    }

    /** The seconds until the rate-limit window resets, from {@code ratelimit-reset}, if it parses. */
    public static OptionalDouble resetSeconds(Headers headers) {
        return seconds(headers.firstOrNull("ratelimit-reset"));
    }

    private static OptionalDouble seconds(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double s = Double.parseDouble(value.trim());
            return s >= 0 && !Double.isInfinite(s) ? OptionalDouble.of(s) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
