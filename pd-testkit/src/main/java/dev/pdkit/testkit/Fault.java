package dev.pdkit.testkit;

import dev.pdkit.testkit.server.FaultSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * Something that goes wrong with one request, for {@link FakePagerDuty#enqueue} and
 * {@link FakePagerDuty#inject}. Immutable.
 *
 * <p>{@link #status}, {@link #rateLimited} and {@link #dropConnection} answer instead of
 * PagerDuty, so the request has no effect; {@link #delay} waits and then answers normally;
 * {@link #truncatedBody} and {@link #malformedBody} let the request take effect and break the
 * answer, as a network failure after the server acted would.
 */
public final class Fault {

    private final FaultSpec spec;

    private Fault(FaultSpec spec) {
        this.spec = spec;
    }

    /**
     * Answers this status with PagerDuty's error body for it (e.g. 500 gives code 2000, 404 gives
     * {@code {"error":{"message":"Not Found","code":2100}}}); a status below 400 answers
     * {@code {}} (204 and 304 no body).
     *
     * @param status an HTTP status from 200 to 599
     */
    public static Fault status(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new Fault(new FaultSpec(FaultSpec.Kind.STATUS, status, 0, Duration.ZERO));
    }

    /**
     * Answers 429 with {@code ratelimit-remaining: 0}, this {@code ratelimit-reset} and
     * {@code {"error":{"message":"Rate Limit Exceeded","code":2020}}}.
     *
     * @param resetSeconds the seconds until the window resets, at least 0
     */
    public static Fault rateLimited(long resetSeconds) {
        if (resetSeconds < 0) {
            throw new IllegalArgumentException("resetSeconds must not be negative: " + resetSeconds);
        }
        return new Fault(new FaultSpec(FaultSpec.Kind.RATE_LIMITED, 429, resetSeconds, Duration.ZERO));
    }

    /** Waits this long, then answers normally. Closing the fake ends the wait at once. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new Fault(new FaultSpec(FaultSpec.Kind.DELAY, 0, 0, delay));
    }

    /** Closes the connection without answering. */
    public static Fault dropConnection() {
        return new Fault(new FaultSpec(FaultSpec.Kind.DROP, 0, 0, Duration.ZERO));
    }

    /** Handles the request, announces the whole body, sends half of it and closes the connection. */
    public static Fault truncatedBody() {
        return new Fault(new FaultSpec(FaultSpec.Kind.TRUNCATE, 0, 0, Duration.ZERO));
    }

    /** Handles the request and answers its status with a JSON content type and a body that is not JSON. */
    public static Fault malformedBody() {
        return new Fault(new FaultSpec(FaultSpec.Kind.MALFORMED, 0, 0, Duration.ZERO));
    }

    FaultSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return switch (spec.kind()) {
            case STATUS -> "Fault.status(" + spec.status() + ")";
            case RATE_LIMITED -> "Fault.rateLimited(" + spec.resetSeconds() + ")";
            case DELAY -> "Fault.delay(" + spec.delay() + ")";
            case DROP -> "Fault.dropConnection()";
            case TRUNCATE -> "Fault.truncatedBody()";
            case MALFORMED -> "Fault.malformedBody()";
        };
    }
}
