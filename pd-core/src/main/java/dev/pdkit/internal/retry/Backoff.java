package dev.pdkit.internal.retry;

import java.time.Duration;

/**
 * The backoff arithmetic: pure functions with saturation, so sixty retries neither overflow nor
 * turn into infinity or NaN.
 */
public final class Backoff {

    /** The largest timer kept, in seconds (about 31 years): far above any cap, far below overflow. */
    static final double TIMER_CEILING = 1e9;

    private Backoff() {
    }

    /**
     * The timer before the next retry: {@code timer * base * (1 + stagger * r)} as pdpyras'
     * user guide states it, with r uniform in [0, 1), saturated at {@link #TIMER_CEILING}.
     */
    public static double grow(double timer, double base, double stagger, double r) {
        double next = timer * base * (1 + stagger * r);
        return Double.isNaN(next) ? TIMER_CEILING : Math.min(next, TIMER_CEILING);
    }

    /** Seconds as a duration, capped at {@code max}. */
    public static Duration capped(double seconds, Duration max) {
        if (!(seconds > 0)) {
            return Duration.ZERO;
        }
        double capSeconds = max.getSeconds() + max.getNano() / 1e9;
        if (seconds >= capSeconds) {
            return max;
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
