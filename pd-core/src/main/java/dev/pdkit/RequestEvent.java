package dev.pdkit;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One HTTP attempt as a {@link RequestListener} sees it: which endpoint, how it ended, how long it
 * took, and what the retry machine decided next. Immutable.
 *
 * <p>It carries no headers and no query string, so no token or routing key is ever in it, and its
 * {@link #url()} and {@link #toString()} are safe to log (a failure shows with the message its
 * transport gave it). The {@link #endpoint()} is low-cardinality (ids replaced by placeholders),
 * fit as a metrics tag; the {@link #url()} is not.
 *
 * <p>pdkit creates these; the public constructor is there so that a host can test its own
 * listener with hand-made events.
 *
 * @param endpoint the endpoint key, the same one {@link ClientStats} counts under: the method and
 *     PagerDuty's path template, e.g. {@code GET /users/{id}}; for a path no PagerDuty operation
 *     matches, the method and the path as sent (without the query string); for the Events API,
 *     e.g. {@code POST /v2/enqueue}
 * @param method the HTTP method in upper case, e.g. {@code GET}
 * @param url the request's absolute URL without its query string, fragment or user info, e.g.
 *     {@code https://api.pagerduty.com/users/PABC123}
 * @param attempt which attempt of the call this was, from 1
 * @param status the response's status code, when the attempt was answered; empty when it failed
 * @param failure the exception that ended an attempt without an answer (usually an
 *     {@link java.io.IOException}: a refused connection, a timeout, a reset); empty when answered
 * @param duration how long the attempt took, from sending to the whole response read (or failure)
 * @param retryDelay the wait the retry machine chose before the next attempt:
 *     {@link Duration#ZERO} when no attempt follows (and possibly when one follows at once). A
 *     wait of the client's own rate limit ({@code rateLimit}) comes on top and is not included.
 * @param willRetry whether another attempt of the same call follows; {@code false} on the last
 *     attempt of a call, whether it succeeded, returned an error status or failed
 */
public record RequestEvent(String endpoint, String method, URI url, int attempt, OptionalInt status,
        Optional<Exception> failure, Duration duration, Duration retryDelay, boolean willRetry) {

    /**
     * Checks that the event is consistent.
     *
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code attempt} is below 1, if not exactly one of
     *     {@code status} and {@code failure} is present, if {@code url} is relative or has a query,
     *     fragment or user info, if a duration is negative, or if {@code retryDelay} is not zero
     *     while {@code willRetry} is {@code false}
     */
    public RequestEvent {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        if (status.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("exactly one of status and failure must be present: " + status + ", "
                    + failure);
        }
        if (!url.isAbsolute() || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must be absolute, without query, fragment or user info");
        }
        if (duration.isNegative() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: " + duration + ", " + retryDelay);
        }
        if (!willRetry && !retryDelay.isZero()) {
            throw new IllegalArgumentException("retryDelay must be zero when no attempt follows: " + retryDelay);
        }
    }

    /**
     * A one-line summary, e.g.
     * {@code GET /users/{id} attempt 1: 503 in 12 ms, retrying in 2000 ms (https://api.pagerduty.com/users/P1)}.
     * A failure shows as its class and message.
     */
    @Override
    public String toString() {
        String outcome = status.isPresent() ? String.valueOf(status.getAsInt())
                : failure.map(f -> f.getClass().getSimpleName() + ": " + f.getMessage()).orElse("");
        return endpoint + " attempt " + attempt + ": " + outcome + " in " + duration.toMillis() + " ms"
                + (willRetry ? ", retrying in " + retryDelay.toMillis() + " ms" : "") + " (" + url + ")";
    }
}
