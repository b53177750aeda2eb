package dev.pdkit.internal.http;

import dev.pdkit.ClientStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe accumulation of request counts and times per endpoint key. */
public final class CallStats {

    private final ConcurrentHashMap<String, Counter> byEndpoint = new ConcurrentHashMap<>();

    /** Records one request to {@code endpoint} that was answered after {@code nanos}. */
    public void record(String endpoint, long nanos) {
        Counter c = counter(endpoint);
        c.count.increment();
        c.nanos.add(nanos);
    }

    /** Records one request to {@code endpoint} that failed without an answer after {@code nanos}. */
    public void recordFailure(String endpoint, long nanos) {
        Counter c = counter(endpoint);
        c.failures.increment();
        c.nanos.add(nanos);
    }

    private Counter counter(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, k -> new Counter());
    }

    /** A consistent-enough snapshot: each endpoint's counts and time are read together. */
    public ClientStats snapshot() {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> failures = new HashMap<>();
        Map<String, Duration> times = new HashMap<>();
        byEndpoint.forEach((k, c) -> {
            counts.put(k, c.count.sum());
            long failed = c.failures.sum();
            if (failed > 0) {
                failures.put(k, failed);
            }
            times.put(k, Duration.ofNanos(c.nanos.sum()));
        });
        return new ClientStats(counts, times, failures);
    }

    private static final class Counter {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
