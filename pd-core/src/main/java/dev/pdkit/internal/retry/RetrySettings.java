package dev.pdkit.internal.retry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The retry configuration of one client, named as in pdpyras.
 *
 * @param retry status to retry count: {@code n > 0} retries up to n times, {@code -1} forever,
 *     {@code 0} (or absent) means the default behaviour for that status
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
        int maxHttpAttempts,
        int maxNetworkAttempts,
        double sleepTimer,
        double sleepTimerBase,
        double staggerCooldown,
        Duration maxSleep,
        boolean retryNonIdempotent,
        boolean postIsIdempotent) {

    /** The REST API defaults: no status retried but 429, which is retried until it succeeds. */
    public static RetrySettings restDefaults() {
        return new RetrySettings(Map.of(), 10, 3, 1.5, 2, 0, Duration.ofSeconds(60), false, false);
    }

    /** The Events API v2 defaults, from PagerDuty's Events API documentation (pdpyras #115). */
    public static RetrySettings eventsDefaults() {
        return new RetrySettings(Map.of(500, 2, 502, 4, 503, 6, 504, 6), 10, 3, 1.5, 2, 0,
                Duration.ofSeconds(60), false, true);
    }

    /** The change-events defaults: as Events, without 504. */
    public static RetrySettings changeEventsDefaults() {
        return new RetrySettings(Map.of(500, 2, 502, 4, 503, 6), 10, 3, 1.5, 2, 0,
                Duration.ofSeconds(60), false, true);
    }

    public RetrySettings {
        retry = Map.copyOf(new TreeMap<>(Objects.requireNonNull(retry, "retry")));
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

    /** The configured count for {@code status}; 0 when not configured. */
    public int retriesFor(int status) {
        return retry.getOrDefault(status, 0);
    }
}
