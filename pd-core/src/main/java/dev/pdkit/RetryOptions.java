package dev.pdkit;

import dev.pdkit.internal.retry.RetrySettings;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a client retries: which statuses and how often, how many network failures, and the backoff
 * between attempts. An immutable value, built once and shareable between clients:
 *
 * <pre>{@code
 * RetryOptions patient = RetryOptions.restDefaults().toBuilder()
 *         .retry(404, 5)                      // PagerDuty may not see a new object at once
 *         .maxSleep(Duration.ofSeconds(10))
 *         .build();
 * RestApiV2Client a = RestApiV2Client.builder(tokenA).retryOptions(patient).build();
 * RestApiV2Client b = RestApiV2Client.builder(tokenB).retryOptions(patient).build();
 * }</pre>
 *
 * <p>The names are pdpyras' ({@code retry}, {@code max_http_attempts}, {@code max_network_attempts},
 * {@code sleep_timer}, {@code sleep_timer_base}, {@code stagger_cooldown}); the client builders
 * keep them as short forms that change the builder's copy of these options.
 *
 * <p>The backoff: before the n-th retry the wait is {@code sleepTimer * sleepTimerBase^n}, each
 * growth randomized by {@code (1 + staggerCooldown * r)} with r uniform in [0, 1), never more
 * than {@code maxSleep}; a {@code ratelimit-reset} or {@code Retry-After} header sets the wait
 * instead.
 */
public final class RetryOptions {

    private static final RetryOptions REST = new RetryOptions(RetrySettings.restDefaults());
    private static final RetryOptions EVENTS = new RetryOptions(RetrySettings.eventsDefaults());
    private static final RetryOptions CHANGE_EVENTS = new RetryOptions(RetrySettings.changeEventsDefaults());

    /** Validated, with {@code postIsIdempotent} false: that one is the client's, not the options'. */
    private final RetrySettings settings;

    private RetryOptions(RetrySettings settings) {
        this.settings = settings;
    }

    /**
     * The REST client's defaults: 429 retried until it succeeds; 502, 503 and 504 retried 4, 6
     * and 6 times for requests that are safe to repeat; 500 twice for {@code GET} and
     * {@code HEAD} only; at most 10 status retries and 3 network retries per call; backoff from
     * 1.5 s, doubling, at most 60 s.
     *
     * @return the REST API defaults
     */
    public static RetryOptions restDefaults() {
        return REST;
    }

    /**
     * The Events API v2 client's defaults: as {@link #restDefaults()}, but 500 retried twice for
     * every event (PagerDuty's Events API guidance; dedup keys make a repeated event harmless).
     *
     * @return the Events API defaults
     */
    public static RetryOptions eventsDefaults() {
        return EVENTS;
    }

    /**
     * The change-events client's defaults: as {@link #eventsDefaults()}, without 504.
     *
     * @return the change-events defaults
     */
    public static RetryOptions changeEventsDefaults() {
        return CHANGE_EVENTS;
    }

    /**
     * A builder that starts from {@link #restDefaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return REST.toBuilder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding a copy of these options
     */
    public Builder toBuilder() {
        return new Builder(settings);
    }

    /**
     * The configured retry count of each status: {@code n > 0} retries up to n times, {@code -1}
     * forever, {@code 0} not at all (429: back to its default, retried until it succeeds).
     *
     * @return status to count, sorted by status; unmodifiable
     */
    public Map<Integer, Integer> retries() {
        return Collections.unmodifiableMap(new TreeMap<>(settings.retry()));
    }

    /**
     * The statuses of {@link #retries()} retried for {@code GET} and {@code HEAD} only (500 in the
     * REST defaults); {@link Builder#retry} for a status takes it out of this set.
     *
     * @return the read-only statuses; unmodifiable
     */
    public Set<Integer> readsOnlyStatuses() {
        return settings.readsOnly();
    }

    /**
     * The most retries of error responses in one call, across all statuses.
     *
     * @return pdpyras' {@code max_http_attempts}
     */
    public int maxHttpAttempts() {
        return settings.maxHttpAttempts();
    }

    /**
     * The most retries after network failures in one call.
     *
     * @return pdpyras' {@code max_network_attempts}
     */
    public int maxNetworkAttempts() {
        return settings.maxNetworkAttempts();
    }

    /**
     * The first backoff wait, before it grows.
     *
     * @return pdpyras' {@code sleep_timer}
     */
    public Duration sleepTimer() {
        return seconds(settings.sleepTimer());
    }

    /**
     * The factor the backoff grows by before each retry.
     *
     * @return pdpyras' {@code sleep_timer_base}
     */
    public double sleepTimerBase() {
        return settings.sleepTimerBase();
    }

    /**
     * ρ in the randomized growth {@code base * (1 + ρ r)}; 0 means no randomness.
     *
     * @return pdpyras' {@code stagger_cooldown}
     */
    public double staggerCooldown() {
        return settings.staggerCooldown();
    }

    /**
     * The longest single wait, whatever the backoff or a server header asks for.
     *
     * @return the cap on one wait
     */
    public Duration maxSleep() {
        return settings.maxSleep();
    }

    /**
     * Whether POST and PATCH are also retried after failures that may have reached the server.
     *
     * @return true if non-idempotent requests are retried
     */
    public boolean retryNonIdempotent() {
        return settings.retryNonIdempotent();
    }

    /** The settings the retry machine runs on, for a client whose POSTs are or are not safe to repeat. */
    RetrySettings settings(boolean postIsIdempotent) {
        return new RetrySettings(settings.retry(), settings.readsOnly(), settings.maxHttpAttempts(),
                settings.maxNetworkAttempts(), settings.sleepTimer(), settings.sleepTimerBase(),
                settings.staggerCooldown(), settings.maxSleep(), settings.retryNonIdempotent(), postIsIdempotent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryOptions other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "RetryOptions{retries=" + retries() + ", readsOnly=" + new TreeSet<>(readsOnlyStatuses())
                + ", maxHttpAttempts=" + maxHttpAttempts()
                + ", maxNetworkAttempts=" + maxNetworkAttempts() + ", sleepTimer=" + sleepTimer()
                + ", sleepTimerBase=" + sleepTimerBase() + ", staggerCooldown=" + staggerCooldown()
                + ", maxSleep=" + maxSleep() + ", retryNonIdempotent=" + retryNonIdempotent() + "}";
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Builds {@link RetryOptions}. Not thread-safe; each setter checks its argument at once. */
    public static final class Builder {
        private final Map<Integer, Integer> retry;
        private final Set<Integer> readsOnly;
        private int maxHttpAttempts;
        private int maxNetworkAttempts;
        private double sleepTimer;
        private double sleepTimerBase;
        private double staggerCooldown;
        private Duration maxSleep;
        private boolean retryNonIdempotent;

        private Builder(RetrySettings from) {
            retry = new TreeMap<>(from.retry());
            readsOnly = new HashSet<>(from.readsOnly());
            maxHttpAttempts = from.maxHttpAttempts();
            maxNetworkAttempts = from.maxNetworkAttempts();
            sleepTimer = from.sleepTimer();
            sleepTimerBase = from.sleepTimerBase();
            staggerCooldown = from.staggerCooldown();
            maxSleep = from.maxSleep();
            retryNonIdempotent = from.retryNonIdempotent();
        }

        /**
         * Retries responses with {@code status} up to {@code times} times: {@code -1} retries
         * forever, {@code 0} never retries it (for 429: back to the default, retried until it
         * succeeds). The status is then retried for every request that is safe to repeat
         * ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PUT}, {@code DELETE}; {@code POST}
         * and {@code PATCH} only with {@link #retryNonIdempotent(boolean)}), even if the defaults
         * retried it for reads only. 429 and 401 are retried for every method: the server did not
         * act on the request.
         *
         * @param status an HTTP status, 100 to 999
         * @param times -1, 0 or a positive count
         * @return this builder
         * @throws IllegalArgumentException for a status out of range or a count below -1
         */
        public Builder retry(int status, int times) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("retry: status out of range 100..999: " + status);
            }
            if (times < -1) {
                throw new IllegalArgumentException("retry(" + status + ", " + times + "): times must be -1, 0 or positive");
            }
            readsOnly.remove(status);
            retry.put(status, times);
            return this;
        }

        /**
         * The most retries of error responses in one call, across all statuses (default 10).
         *
         * @param maxHttpAttempts 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxHttpAttempts(int maxHttpAttempts) {
            this.maxHttpAttempts = nonNegative(maxHttpAttempts, "maxHttpAttempts");
            return this;
        }

        /**
         * The most retries after network failures in one call (default 3).
         *
         * @param maxNetworkAttempts 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxNetworkAttempts(int maxNetworkAttempts) {
            this.maxNetworkAttempts = nonNegative(maxNetworkAttempts, "maxNetworkAttempts");
            return this;
        }

        /**
         * The first backoff wait (default 1.5 s); it grows before each retry.
         *
         * @param sleepTimer zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder sleepTimer(Duration sleepTimer) {
            Objects.requireNonNull(sleepTimer, "sleepTimer");
            if (sleepTimer.isNegative()) {
                throw new IllegalArgumentException("sleepTimer must not be negative: " + sleepTimer);
            }
            this.sleepTimer = sleepTimer.getSeconds() + sleepTimer.getNano() / 1e9;
            return this;
        }

        /**
         * The first backoff wait in seconds, as pdpyras' {@code sleep_timer} takes it.
         *
         * @param seconds a finite number of seconds, zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative, NaN or infinite
         */
        public Builder sleepTimerSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("sleepTimer must be a finite number of seconds >= 0: " + seconds);
            }
            this.sleepTimer = seconds;
            return this;
        }

        /**
         * The factor the backoff grows by before each retry (default 2).
         *
         * @param base a finite number, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if below 1, NaN or infinite
         */
        public Builder sleepTimerBase(double base) {
            if (!(base >= 1) || Double.isInfinite(base)) {
                throw new IllegalArgumentException("sleepTimerBase must be a finite number >= 1: " + base);
            }
            this.sleepTimerBase = base;
            return this;
        }

        /**
         * Randomizes the backoff: each growth is {@code base * (1 + ρ r)} with r uniform in
         * [0, 1) (default ρ = 0, no randomness).
         *
         * @param rho a finite number, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative, NaN or infinite
         */
        public Builder staggerCooldown(double rho) {
            if (!(rho >= 0) || Double.isInfinite(rho)) {
                throw new IllegalArgumentException("staggerCooldown must be a finite number >= 0: " + rho);
            }
            this.staggerCooldown = rho;
            return this;
        }

        /**
         * The longest single wait between attempts (default 60 s), whatever the backoff or a
         * server header asks for.
         *
         * @param maxSleep zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxSleep(Duration maxSleep) {
            Objects.requireNonNull(maxSleep, "maxSleep");
            if (maxSleep.isNegative()) {
                throw new IllegalArgumentException("maxSleep must not be negative: " + maxSleep);
            }
            this.maxSleep = maxSleep;
            return this;
        }

        /**
         * Also retries POST and PATCH after failures that may have reached the server: network
         * errors, and the statuses of {@link #retry} (off by default: the server may have acted on
         * the first attempt, and PagerDuty's REST API has no idempotency keys to make a second one
         * harmless).
         *
         * @param retryNonIdempotent true to retry POST and PATCH too
         * @return this builder
         */
        public Builder retryNonIdempotent(boolean retryNonIdempotent) {
            this.retryNonIdempotent = retryNonIdempotent;
            return this;
        }

        /**
         * The options as set so far.
         *
         * @return a new immutable value
         */
        public RetryOptions build() {
            return new RetryOptions(new RetrySettings(retry, readsOnly, maxHttpAttempts, maxNetworkAttempts,
                    sleepTimer, sleepTimerBase, staggerCooldown, maxSleep, retryNonIdempotent, false));
        }

        private static int nonNegative(int n, String what) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " must be >= 0: " + n);
            }
            return n;
        }
    }
}
