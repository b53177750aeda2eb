package dev.pdkit.internal.retry;

import dev.pdkit.internal.retry.Decision.Retry;
import dev.pdkit.internal.retry.Decision.Stop;
import dev.pdkit.internal.retry.Decision.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * The retry decision: a pure function of (settings, state, outcome) with injected randomness.
 * It never sleeps and does no I/O; the request executor's single loop does the waiting.
 *
 * <p>The order of checks is pdpyras': network failure, then the configured {@code retry} entry for
 * the status, then the 429 default, then the 401 default. The counts follow pdpyras' user guide
 * rather than its off-by-one code: {@code retry(404, 5)} with {@code maxHttpAttempts(4)} makes five
 * requests and four waits.
 *
 * <p>Unlike pdpyras, a request is sent again only when that cannot do harm twice: after a failure
 * that may have reached the server (a network error, or any status but 429 and 401, which say the
 * server refused the request without acting on it), only a request that is
 * {@linkplain #safeToRepeat safe to repeat} is retried. A {@code POST} answered 502 is returned as
 * it is, whatever {@code retry} says, because PagerDuty may have created the resource.
 */
public final class RetryPolicy {

    /** The most jitter added to a server-given wait, in seconds. */
    static final double MAX_HINT_JITTER = 1.0;

    private final RetrySettings settings;

    public RetryPolicy(RetrySettings settings) {
        this.settings = settings;
    }

    public RetrySettings settings() {
        return settings;
    }

    /** The state a new call starts from. */
    public RetryState start() {
        return RetryState.initial(settings.sleepTimer());
    }

    /**
     * Decides what follows {@code outcome}.
     *
     * @param method the request's method, upper case
     * @param repeatable whether the request may be sent again after a failure that may have
     *     reached the server (see {@link #safeToRepeat})
     * @param random uniform values in [0, 1), for stagger and jitter
     * @param now the current time, to read an HTTP-date {@code Retry-After}
     */
    public Decision decide(RetryState state, String method, boolean repeatable, Outcome outcome, DoubleSupplier random,
            Instant now) {
        if (outcome instanceof Outcome.NetworkFailure failure) {
            return afterNetworkFailure(state, repeatable, failure, random);
        }
        Outcome.Answered answer = (Outcome.Answered) outcome;
        int status = answer.status();
        if (status / 100 == 2) {
            return new Stop(StopReason.ANSWERED);
        }
        int configured = settings.retriesFor(status, method);
        if (configured != 0) {
            if (!repeatable && !refusedUnprocessed(status)) {
                return new Stop(StopReason.NOT_SAFE_TO_REPEAT);
            }
            boolean forever = configured == -1;
            if (!forever && (state.retriesOf(status) >= configured || state.httpRetries() >= settings.maxHttpAttempts())) {
                return new Stop(StopReason.HTTP_ATTEMPTS_EXHAUSTED);
            }
            return retry(state.withHttpRetry(status, !forever), answer, random, now);
        }
        if (status == 429) {
            return retry(state.withHttpRetry(status, false), answer, random, now);
        }
        if (status == 401) {
            return new Stop(StopReason.UNAUTHORIZED);
        }
        return new Stop(StopReason.ANSWERED);
    }

    /**
     * True for the statuses that say the server refused the request before acting on it: 429 (rate
     * limited: PagerDuty drops the request) and 401 (not authenticated).
     */
    static boolean refusedUnprocessed(int status) {
        return status == 429 || status == 401;
    }

    /** True for {@code GET} and {@code HEAD}, which read and change nothing. */
    static boolean isRead(String method) {
        return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
    }

    private Decision afterNetworkFailure(RetryState state, boolean repeatable, Outcome.NetworkFailure failure,
            DoubleSupplier random) {
        if (!failure.nothingSent() && !repeatable) {
            return new Stop(StopReason.NOT_RETRYABLE);
        }
        if (state.networkRetries() >= settings.maxNetworkAttempts()) {
            return new Stop(StopReason.NETWORK_ATTEMPTS_EXHAUSTED);
        }
        double timer = Backoff.grow(state.sleepTimer(), settings.sleepTimerBase(), settings.staggerCooldown(),
                random.getAsDouble());
        return new Retry(Backoff.capped(timer, settings.maxSleep()), state.withNetworkRetry().withTimer(timer),
                false, false);
    }

    /**
     * True when repeating a request of this method that may have reached the server cannot do harm
     * twice: GET, PUT and DELETE always; POST when the API deduplicates (Events) or the caller opted
     * in with {@code retryNonIdempotent}; PATCH only on that opt-in.
     */
    public boolean safeToRepeat(String method) {
        switch (method.toUpperCase(Locale.ROOT)) {
            case "GET":
            case "HEAD":
            case "OPTIONS":
            case "PUT":
            case "DELETE":
                return true;
            case "POST":
                return settings.postIsIdempotent() || settings.retryNonIdempotent();
            default:
                return settings.retryNonIdempotent();
        }
    }

    private Retry retry(RetryState next, Outcome.Answered answer, DoubleSupplier random, Instant now) {
        double timer = Backoff.grow(next.sleepTimer(), settings.sleepTimerBase(), settings.staggerCooldown(),
                random.getAsDouble());
        boolean rateLimited = answer.status() == 429;
        OptionalDouble hint = rateLimited ? RateLimitHints.waitSeconds(answer.headers(), now)
                : answer.status() == 503 ? RateLimitHints.unavailableWaitSeconds(answer.headers(), now)
                : OptionalDouble.empty();
        double seconds = timer;
        if (hint.isPresent()) {
            double h = hint.getAsDouble();
            // Jitter spreads the clients that all read the same reset time.
            seconds = h + random.getAsDouble() * Math.min(MAX_HINT_JITTER, Math.max(0.05, h * 0.1));
        }
        Duration delay = Backoff.capped(seconds, settings.maxSleep());
        return new Retry(delay, next.withTimer(timer), rateLimited, hint.isPresent());
    }
}
