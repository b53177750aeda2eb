package dev.pdkit.internal.retry;

import java.util.HashMap;
import java.util.Map;

/**
 * The immutable state of one call's retries. A new call starts from {@link #initial(double)};
 * every retry derives a new state.
 *
 * @param sleepTimer the backoff timer in seconds; one timer is shared by every kind of retry
 * @param networkRetries network failures retried so far
 * @param httpRetries retries of error statuses counted against {@code maxHttpAttempts}
 * @param retriesByStatus retries so far per configured status
 */
public record RetryState(double sleepTimer, int networkRetries, int httpRetries, Map<Integer, Integer> retriesByStatus) {

    public RetryState {
        retriesByStatus = Map.copyOf(retriesByStatus);
    }

    /** The state before the first attempt. */
    public static RetryState initial(double sleepTimer) {
        return new RetryState(sleepTimer, 0, 0, Map.of());
    }

    /** How many retries of {@code status} were made so far. */
    public int retriesOf(int status) {
        return retriesByStatus.getOrDefault(status, 0);
    }

    RetryState withTimer(double timer) {
        return new RetryState(timer, networkRetries, httpRetries, retriesByStatus);
    }

    RetryState withNetworkRetry() {
        return new RetryState(sleepTimer, networkRetries + 1, httpRetries, retriesByStatus);
    }

    RetryState withHttpRetry(int status, boolean counted) {
        Map<Integer, Integer> by = new HashMap<>(retriesByStatus);
        by.merge(status, 1, Integer::sum);
        return new RetryState(sleepTimer, networkRetries, counted ? httpRetries + 1 : httpRetries, by);
    }
}
