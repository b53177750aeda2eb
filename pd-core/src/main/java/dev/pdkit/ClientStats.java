package dev.pdkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a client's call statistics, as pdpyras' {@code api_call_counts} and
 * {@code api_time}: per endpoint key {@code "METHOD /canonical/path"} (for example
 * {@code "GET /users/{id}"}), the number of HTTP requests answered (retries included), the number
 * of attempts that failed without an answer (network errors, timeouts), and the cumulative time of
 * both. A path that matches no known endpoint is keyed by its literal path.
 *
 * <p>Immutable; take a new snapshot with {@code client.stats()}.
 */
public final class ClientStats {

    private final Map<String, Long> counts;
    private final Map<String, Duration> times;
    private final Map<String, Long> failures;

    /** Creates a snapshot without failed attempts; the maps are copied and sorted by key. */
    public ClientStats(Map<String, Long> counts, Map<String, Duration> times) {
        this(counts, times, Map.of());
    }

    /**
     * Creates a snapshot; the maps are copied and sorted by key.
     *
     * @param counts answered requests per endpoint key
     * @param times time spent per endpoint key, failed attempts included
     * @param failures attempts that failed without an answer per endpoint key
     */
    public ClientStats(Map<String, Long> counts, Map<String, Duration> times, Map<String, Long> failures) {
        this.counts = sorted(counts);
        this.times = sorted(times);
        this.failures = sorted(failures);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(map)));
    }

    /** Answered requests per endpoint key. */
    public Map<String, Long> callCounts() {
        return counts;
    }

    /** Attempts that failed without an answer (network errors, timeouts) per endpoint key; absent when none. */
    public Map<String, Long> failureCounts() {
        return failures;
    }

    /** Attempts to one endpoint key that failed without an answer, 0 if none. */
    public long failureCount(String endpoint) {
        return failures.getOrDefault(endpoint, 0L);
    }

    /** All attempts that failed without an answer. */
    public long totalFailureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Cumulative request time per endpoint key. */
    public Map<String, Duration> callTimes() {
        return times;
    }

    /** Answered requests to one endpoint key, 0 if none. */
    public long callCount(String endpoint) {
        return counts.getOrDefault(endpoint, 0L);
    }

    /** All answered requests. */
    public long totalCallCount() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The time spent in all requests, failed attempts included. */
    public Duration totalCallTime() {
        return times.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClientStats{total=").append(totalCallCount())
                .append(" requests");
        long failed = totalFailureCount();
        if (failed > 0) {
            sb.append(" and ").append(failed).append(failed == 1 ? " failed attempt" : " failed attempts");
        }
        sb.append(" in ").append(totalCallTime().toMillis()).append(" ms");
        counts.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v)
                .append(failures.containsKey(k) ? " + " + failures.get(k) + " failed" : "")
                .append(" (").append(times.getOrDefault(k, Duration.ZERO).toMillis()).append(" ms)"));
        return sb.append('}').toString();
    }
}
