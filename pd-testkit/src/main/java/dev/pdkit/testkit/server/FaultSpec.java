package dev.pdkit.testkit.server;

import java.time.Duration;

/**
 * One injected fault, as the pipeline applies it.
 *
 * @param kind what goes wrong
 * @param status the status of a {@link Kind#STATUS} fault
 * @param resetSeconds the {@code ratelimit-reset} of a {@link Kind#RATE_LIMITED} fault
 * @param delay the wait of a {@link Kind#DELAY} fault
 */
public record FaultSpec(Kind kind, int status, long resetSeconds, Duration delay) {

    /** The kinds of faults. */
    public enum Kind {
        /** Answer this status with PagerDuty's error body, without processing the request. */
        STATUS,
        /** Answer 429 with rate-limit headers and code 2020, without processing the request. */
        RATE_LIMITED,
        /** Wait, then process the request normally. */
        DELAY,
        /** Close the connection without answering, without processing the request. */
        DROP,
        /** Process the request, then send half the body and close the connection. */
        TRUNCATE,
        /** Process the request, then send its status with a body that is not valid JSON. */
        MALFORMED
    }
}
