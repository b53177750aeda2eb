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

    /** Records one request to {@code endpoint} that took {@code nanos}. */
    public void record(String endpoint, long nanos) {
        Counter c = byEndpoint.computeIfAbsent(endpoint, k -> new Counter());
        c.count.increment();
        c.nanos.add(nanos);
    }

    /** A consistent-enough snapshot: each endpoint's count and time are read together. */
    public ClientStats snapshot() {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Duration> times = new HashMap<>();
        byEndpoint.forEach((k, c) -> {
            counts.put(k, c.count.sum());
            times.put(k, Duration.ofNanos(c.nanos.sum()));
        });
        return new ClientStats(counts, times);
    }

    private static final class Counter {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }
}
