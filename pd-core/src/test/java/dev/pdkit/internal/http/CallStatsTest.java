package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.ClientStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client's statistics add up: answered requests, failed attempts, and the time of both, per endpoint key. */
class CallStatsTest {

    @Test
    void answeredAndFailedAttemptsAreCountedApartAndTheirTimesAddUp() {
        CallStats stats = new CallStats();
        stats.record("GET /users", 1_000_000);
        stats.record("GET /users", 2_000_000);
        stats.recordFailure("GET /users", 500_000);
        stats.recordFailure("GET /users/{id}", 7);

        ClientStats snapshot = stats.snapshot();

        assertEquals(Map.of("GET /users", 2L, "GET /users/{id}", 0L), snapshot.callCounts());
        assertEquals(Map.of("GET /users", 1L, "GET /users/{id}", 1L), snapshot.failureCounts());
        assertEquals(Map.of("GET /users", Duration.ofNanos(3_500_000), "GET /users/{id}", Duration.ofNanos(7)),
                snapshot.callTimes());
    }

    @Test
    void anEndpointWithoutFailuresHasNoFailureEntry() {
        CallStats stats = new CallStats();
        stats.record("GET /users", 10);

        ClientStats snapshot = stats.snapshot();

        assertEquals(Map.of("GET /users", 1L), snapshot.callCounts());
        assertEquals(Map.of(), snapshot.failureCounts());
        assertEquals(Map.of(), new CallStats().snapshot().callCounts());
    }

    @Test
    void aSnapshotDoesNotChangeAfterwards() {
        CallStats stats = new CallStats();
        stats.record("GET /users", 10);
        ClientStats before = stats.snapshot();

        stats.record("GET /users", 10);

        assertEquals(1, before.callCount("GET /users"));
        assertEquals(2, stats.snapshot().callCount("GET /users"));
    }
}
