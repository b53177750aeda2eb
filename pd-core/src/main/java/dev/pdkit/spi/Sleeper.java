package dev.pdkit.spi;

import java.time.Duration;

/**
 * Waits. Injected into clients so that retry and rate-limit tests run without real waiting.
 * Implementations MUST be thread-safe and MUST throw {@link InterruptedException} when the
 * waiting thread is interrupted.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}; returns at once for zero or negative durations. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real sleeper, on {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return duration -> {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            long nanos = duration.toNanos();
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        };
    }
}
