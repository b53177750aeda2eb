package dev.pdkit.internal.retry;

import java.time.Duration;

/** What to do after an attempt: wait and send again, or stop. */
public sealed interface Decision {

    /**
     * Send again after {@code delay}.
     *
     * @param delay the wait, already capped
     * @param next the state to carry into the next attempt
     * @param rateLimited the wait is for a 429 (logged at DEBUG rather than WARNING)
     * @param hinted the wait came from a {@code ratelimit-reset} or {@code Retry-After} header
     */
    record Retry(Duration delay, RetryState next, boolean rateLimited, boolean hinted) implements Decision {
    }

    /** Stop with {@code reason}. */
    record Stop(StopReason reason) implements Decision {
    }

    /** Why the loop stops. */
    enum StopReason {
        /** The status is final for this call (a success, or an error not configured for retry). */
        ANSWERED,
        /** A 401 with no retry configured: raise at once. */
        UNAUTHORIZED,
        /** A status configured for retry ran out of retries: return the last response. */
        HTTP_ATTEMPTS_EXHAUSTED,
        /**
         * A status configured for retry, on a request that is not safe to repeat and that the server
         * may have acted on: return the response.
         */
        NOT_SAFE_TO_REPEAT,
        /** Network failures outlasted {@code maxNetworkAttempts}: raise. */
        NETWORK_ATTEMPTS_EXHAUSTED,
        /** A network failure after a non-idempotent request may have reached the server: raise. */
        NOT_RETRYABLE
    }
}
