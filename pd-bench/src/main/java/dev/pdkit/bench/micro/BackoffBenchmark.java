package dev.pdkit.bench.micro;

import dev.pdkit.internal.retry.Backoff;
import dev.pdkit.internal.retry.Decision;
import dev.pdkit.internal.retry.Outcome;
import dev.pdkit.internal.retry.RetryPolicy;
import dev.pdkit.internal.retry.RetrySettings;
import dev.pdkit.internal.retry.RetryState;
import dev.pdkit.spi.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The backoff function and the retry decision around it. Both run once per failed attempt, so
 * they only matter under a storm of 429s; the benchmark shows they stay negligible next to any
 * network round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BackoffBenchmark {

    private static final int STEPS = 10;

    private final Duration maxSleep = Duration.ofSeconds(60);
    private final SplittableRandom random = new SplittableRandom(42);
    private final DoubleSupplier uniform = random::nextDouble;
    private RetryPolicy policy;
    private RetryState state;
    private Outcome rateLimited;
    private Outcome notFound;
    private Instant now;

    /** The retry settings of pdpyras' user guide: retry(404, 5), maxHttpAttempts(4), stagger 0.5. */
    @Setup
    public void setup() {
        policy = new RetryPolicy(new RetrySettings(Map.of(404, 5), Set.of(), 4, 3, 1, 2, 0.5, maxSleep, false, false));
        state = policy.start();
        rateLimited = new Outcome.Answered(429, Headers.builder()
                .set("ratelimit-limit", "960").set("ratelimit-remaining", "0").set("ratelimit-reset", "3").build());
        notFound = new Outcome.Answered(404, Headers.builder().set("Content-Type", "application/json").build());
        now = Instant.parse("2026-11-26T12:00:00Z");
    }

    /** Ten steps of {@code Backoff.grow} then {@code Backoff.capped}, as ten retries compute them; per step. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public void growAndCap(Blackhole bh) {
        double timer = 1.5;
        for (int i = 0; i < STEPS; i++) {
            timer = Backoff.grow(timer, 2, 0.5, random.nextDouble());
            bh.consume(Backoff.capped(timer, maxSleep));
        }
    }

    /** The whole decision after a 429 with {@code ratelimit-reset} (header parsing and jitter included). */
    @Benchmark
    public Decision decideRateLimited() {
        return policy.decide(state, "GET", true, rateLimited, uniform, now);
    }

    /** The whole decision after a 404 that {@code retry(404, 5)} makes retryable. */
    @Benchmark
    public Decision decideConfiguredStatus() {
        return policy.decide(state, "GET", true, notFound, uniform, now);
    }
}
