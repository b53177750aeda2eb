package dev.pdkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a client's call statistics, as pdpyras' {@code api_call_counts} and
 * {@code api_time}: per endpoint key {@code "METHOD /canonical/path"} (for example
 * {@code "GET /users/{id}"}), the number of HTTP requests made (retries included) and their
 * cumulative time. A path that matches no known endpoint is keyed by its literal path.
 *
 * <p>Immutable; take a new snapshot with {@code client.stats()}.
 */
public final class ClientStats {

    private final Map<String, Long> counts;
    private final Map<String, Duration> times;

    /** Creates a snapshot; the maps are copied and sorted by key. */
    public ClientStats(Map<String, Long> counts, Map<String, Duration> times) {
        this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(counts)));
        this.times = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(times)));
    }

    /** Requests per endpoint key. */
    public Map<String, Long> callCounts() {
        return counts;
    }

    /** Cumulative request time per endpoint key. */
    public Map<String, Duration> callTimes() {
        return times;
    }

    /** Requests to one endpoint key, 0 if none. */
    public long callCount(String endpoint) {
        return counts.getOrDefault(endpoint, 0L);
    }

    /** All requests made. */
    public long totalCallCount() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The time spent in all requests. */
    public Duration totalCallTime() {
        return times.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClientStats{total=").append(totalCallCount())
                .append(" requests in ").append(totalCallTime().toMillis()).append(" ms");
        counts.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v)
                .append(" (").append(times.getOrDefault(k, Duration.ZERO).toMillis()).append(" ms)"));
        return sb.append('}').toString();
    }
}
