package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pdkit.ClientStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientStats} as a value (pdpyras' {@code api_call_counts} and {@code api_time}): what its
 * accessors add up, and the one-line summary a user prints. The clients' tests check that calls are
 * counted; this class checks what a snapshot says about them.
 */
class ClientStatsTest {

    private static Map<String, Long> counts(Object... keysAndCounts) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < keysAndCounts.length; i += 2) {
            m.put((String) keysAndCounts[i], ((Number) keysAndCounts[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void aSnapshotIsSortedByEndpointAndAddsUpItsEntries() {
        Map<String, Long> counts = counts("GET /users", 3, "GET /incidents", 2);
        Map<String, Duration> times = Map.of("GET /users", Duration.ofMillis(300), "GET /incidents", Duration.ofMillis(45));
        Map<String, Long> failures = counts("GET /users", 1);
        ClientStats stats = new ClientStats(counts, times, failures);

        assertEquals(List.of("GET /incidents", "GET /users"), List.copyOf(stats.callCounts().keySet()), "sorted by key");
        assertEquals(Map.of("GET /incidents", 2L, "GET /users", 3L), stats.callCounts());
        assertEquals(times, stats.callTimes());
        assertEquals(Map.of("GET /users", 1L), stats.failureCounts());
        assertEquals(3, stats.callCount("GET /users"));
        assertEquals(0, stats.callCount("GET /teams"), "an endpoint never called counts 0");
        assertEquals(1, stats.failureCount("GET /users"));
        assertEquals(0, stats.failureCount("GET /incidents"));
        assertEquals(5, stats.totalCallCount());
        assertEquals(1, stats.totalFailureCount());
        assertEquals(Duration.ofMillis(345), stats.totalCallTime());
    }

    @Test
    void aSnapshotIsACopyTheCallerCannotChange() {
        Map<String, Long> counts = counts("GET /users", 1);
        ClientStats stats = new ClientStats(counts, Map.of("GET /users", Duration.ofMillis(5)));
        counts.put("GET /users", 99L);
        assertEquals(1, stats.callCount("GET /users"));
        assertEquals(Map.of(), stats.failureCounts(), "the two-map constructor records no failures");
        assertThrows(UnsupportedOperationException.class, () -> stats.callCounts().put("GET /teams", 1L));
    }

    @Test
    void theSummaryNamesEveryEndpointWithItsCountFailuresAndTime() {
        ClientStats stats = new ClientStats(counts("GET /users", 3, "GET /users/{id}", 1),
                Map.of("GET /users", Duration.ofMillis(300), "GET /users/{id}", Duration.ofMillis(45)),
                counts("GET /users/{id}", 1));
        assertEquals("ClientStats{total=4 requests and 1 failed attempt in 345 ms, GET /users=3 (300 ms),"
                + " GET /users/{id}=1 + 1 failed (45 ms)}", stats.toString());

        ClientStats twoFailures = new ClientStats(counts("GET /users", 1), Map.of(), counts("GET /users", 2));
        assertEquals("ClientStats{total=1 requests and 2 failed attempts in 0 ms, GET /users=1 + 2 failed (0 ms)}",
                twoFailures.toString(), "an endpoint without a recorded time shows 0 ms");

        assertEquals("ClientStats{total=0 requests in 0 ms}", new ClientStats(Map.of(), Map.of()).toString(),
                "no failure clause when nothing failed");
    }
}
