package dev.pdkit.internal.retry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The retry configuration of one client, named as in pdpyras.
 *
 * @param retry status to retry count: {@code n > 0} retries up to n times, {@code -1} forever,
 *     {@code 0} (or absent) means the default behaviour for that status. A status is retried only
 *     for a request that is safe to repeat (see {@link RetryPolicy#safeToRepeat}), unless it says
 *     the server did not act on the request (429, 401)
 * @param readsOnly statuses of {@code retry} that are retried for {@code GET} and {@code HEAD}
 *     only
 * @param maxHttpAttempts the most retries of error responses in one call, across all statuses in
 *     {@code retry}
 * @param maxNetworkAttempts the most retries after network failures in one call
 * @param sleepTimer the initial backoff timer in seconds
 * @param sleepTimerBase the factor the timer grows by before each retry
 * @param staggerCooldown ρ: each growth is {@code base * (1 + ρ r)} with r uniform in [0, 1)
 * @param maxSleep the longest single wait
 * @param retryNonIdempotent retry POST and PATCH after failures that may have reached the server
 * @param postIsIdempotent POSTs are safe to repeat (Events API: dedup keys make them so)
 */
public record RetrySettings(
        Map<Integer, Integer> retry,
        Set<Integer> readsOnly,
        int maxHttpAttempts,
        int maxNetworkAttempts,
        double sleepTimer,
        double sleepTimerBase,
        double staggerCooldown,
        Duration maxSleep,
        boolean retryNonIdempotent,
        boolean postIsIdempotent) {

    /**
     * The REST API defaults: 429 retried until it succeeds; 502, 503 and 504 retried 4, 6 and 6
     * times for requests that are safe to repeat; 500 retried twice for {@code GET} only. Why 500
     * for reads only: repeating a read has no effect, and PagerDuty's error guide says to retry a
     * 500; a write that failed with 500 may have been applied in part (a multi-update), and the
     * caller is better placed to decide. The counts are PagerDuty's Events API guidance.
     */
    public static RetrySettings restDefaults() {
        return new RetrySettings(Map.of(500, 2, 502, 4, 503, 6, 504, 6), Set.of(500), 10, 3, 1.5, 2, 0,
                Duration.ofSeconds(60), false, false);
    }

    /** The Events API v2 defaults, from PagerDuty's Events API documentation (pdpyras #115). */
    public static RetrySettings eventsDefaults() {
        return new RetrySettings(Map.of(500, 2, 502, 4, 503, 6, 504, 6), Set.of(), 10, 3, 1.5, 2, 0,
                Duration.ofSeconds(60), false, true);
    }

    /** The change-events defaults: as Events, without 504. */
    public static RetrySettings changeEventsDefaults() {
        return new RetrySettings(Map.of(500, 2, 502, 4, 503, 6), Set.of(), 10, 3, 1.5, 2, 0,
                Duration.ofSeconds(60), false, true);
    }

    public RetrySettings {
        retry = Map.copyOf(new TreeMap<>(Objects.requireNonNull(retry, "retry")));
        readsOnly = Set.copyOf(Objects.requireNonNull(readsOnly, "readsOnly"));
        for (Map.Entry<Integer, Integer> e : retry.entrySet()) {
            if (e.getKey() < 100 || e.getKey() > 999) {
                throw new IllegalArgumentException("retry: status out of range: " + e.getKey());
            }
            if (e.getValue() < -1) {
                throw new IllegalArgumentException("retry(" + e.getKey() + ", " + e.getValue()
                        + "): the count must be -1 (forever), 0 (default behaviour) or positive");
            }
        }
        if (maxHttpAttempts < 0) {
            throw new IllegalArgumentException("maxHttpAttempts must be >= 0: " + maxHttpAttempts);
        }
        if (maxNetworkAttempts < 0) {
            throw new IllegalArgumentException("maxNetworkAttempts must be >= 0: " + maxNetworkAttempts);
        }
        if (!(sleepTimer >= 0) || Double.isInfinite(sleepTimer)) {
            throw new IllegalArgumentException("sleepTimer must be a finite number >= 0: " + sleepTimer);
        }
        if (!(sleepTimerBase >= 1) || Double.isInfinite(sleepTimerBase)) {
            throw new IllegalArgumentException("sleepTimerBase must be a finite number >= 1: " + sleepTimerBase);
        }
        if (!(staggerCooldown >= 0) || Double.isInfinite(staggerCooldown)) {
            throw new IllegalArgumentException("staggerCooldown must be a finite number >= 0: " + staggerCooldown);
        }
        Objects.requireNonNull(maxSleep, "maxSleep");
        if (maxSleep.isNegative()) {
            throw new IllegalArgumentException("maxSleep must not be negative: " + maxSleep);
        }
    }

    /**
     * The configured count for {@code status} on a request of {@code method}; 0 when not configured
     * for it.
     */
    public int retriesFor(int status, String method) {
        if (readsOnly.contains(status) && !RetryPolicy.isRead(method)) {
            return 0;
        }
        return retry.getOrDefault(status, 0);
    }
}
