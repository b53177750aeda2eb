package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryPagerTest {

    private static final ClientLog LOG = new ClientLog(false);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Records stamped at the given second offsets from T0, ids E0..En in time order. */
    private static List<Map<String, Object>> records(List<Long> seconds) {
        List<Map<String, Object>> all = new ArrayList<>();
        List<Long> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        for (int i = 0; i < sorted.size(); i++) {
            all.add(Map.of("id", "E" + i, "created_at", T0.plusSeconds(sorted.get(i)).toString()));
        }
        return all;
    }

    /** The records in [since, until], both ends inclusive: PagerDuty's worst case. Records are sorted by time. */
    private static List<Map<String, Object>> between(List<Map<String, Object>> all, Instant since, Instant until) {
        return all.subList(firstNotBefore(all, since), firstNotBefore(all, until.plusNanos(1)));
    }

    private static int firstNotBefore(List<Map<String, Object>> all, Instant t) {
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(all.get(mid)).isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Instant time(Map<String, Object> r) {
        return Instant.parse((String) r.get("created_at"));
    }

    private final List<String> windowsOpened = new ArrayList<>();
    private int totalsAsked;

    private HistoryPager pager(List<Map<String, Object>> all, Instant since, Instant until, int maxDepth,
            CapPolicy policy) {
        return new HistoryPager("GET /log_entries", "created_at", since, until,
                (s, u) -> {
                    totalsAsked++;
                    return between(all, s, u).size();
                },
                (s, u, advice) -> {
                    windowsOpened.add(s + ".." + u);
                    return new OffsetPager(new FakeCollection(new ArrayList<>(between(all, s, u))), "GET /log_entries",
                            null, 100, false, policy, advice, LOG);
                }, LOG, maxDepth);
    }

    private static List<Map<String, Object>> drain(HistoryPager pager) {
        List<Map<String, Object>> out = new ArrayList<>();
        pager.forEachRemaining(out::add);
        return out;
    }

    @Test
    void midpointHalvesWholeSecondsAndStopsAtTheFloor() {
        assertEquals(T0.plusSeconds(30), HistoryPager.midpoint(T0, T0.plusSeconds(60)));
        assertEquals(T0.plusSeconds(1), HistoryPager.midpoint(T0, T0.plusSeconds(3)));
        assertEquals(T0.plusSeconds(1), HistoryPager.midpoint(T0, T0.plusSeconds(2)));
        assertNull(HistoryPager.midpoint(T0, T0.plusSeconds(1)));
        assertNull(HistoryPager.midpoint(T0, T0.plusMillis(1_900)));
    }

    @Test
    void sinceMustBeBeforeUntil() {
        assertThrows(IllegalArgumentException.class, () -> HistoryPager.checkWindow(T0, T0));
        assertThrows(IllegalArgumentException.class, () -> HistoryPager.checkWindow(T0.plusSeconds(1), T0));
        HistoryPager.checkWindow(T0, T0.plusNanos(1));
        // The pager itself refuses such a window too, before asking for anything.
        assertThrows(IllegalArgumentException.class, () -> pager(List.of(), T0, T0, 40, CapPolicy.THROW));
        assertThrows(IllegalArgumentException.class,
                () -> pager(List.of(), T0.plusSeconds(1), T0, 40, CapPolicy.THROW));
        assertEquals(0, totalsAsked);
    }

    @Test
    void splitsABigWindowWithoutLosingOrRepeatingBoundaryRecords() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            seconds.add((long) (i % 10_000) * 4 / 3);   // spread over about 13,333 s
        }
        for (int i = 0; i < 2_000; i++) {
            seconds.add(7_200L);                          // the first split point of a 14,400 s window
            seconds.add(3_600L);                          // and one of the second level
        }
        List<Map<String, Object>> all = records(seconds);
        List<Map<String, Object>> got = drain(pager(all, T0, T0.plusSeconds(14_400), HistoryPager.MAX_DEPTH,
                CapPolicy.THROW));
        assertEquals(all.size(), got.size());
        assertEquals(all, got, "every record once, in time order");
        assertTrue(windowsOpened.size() >= 4, windowsOpened.toString());
    }

    @Test
    void anEmptyWindowOpensNothing() {
        assertEquals(List.of(), drain(pager(List.of(), T0, T0.plusSeconds(3600), 40, CapPolicy.THROW)));
        assertEquals(1, totalsAsked);
        assertTrue(windowsOpened.isEmpty());
    }

    @Test
    void atTheOneSecondFloorTheCapRuleApplies() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 10_050; i++) {
            seconds.add(100L);
        }
        for (int i = 0; i < 10; i++) {
            seconds.add(5L);
        }
        List<Map<String, Object>> all = records(seconds);
        HistoryPager throwing = pager(all, T0, T0.plusSeconds(200), 40, CapPolicy.THROW);
        Set<Object> seen = new HashSet<>();
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                () -> throwing.forEachRemaining(r -> seen.add(r.get("id"))));
        assertEquals(10_010, seen.size(), "the 10 early records and the 10,000 reachable ones");
        assertEquals(10_010, e.returned());
        assertTrue(e.getMessage().contains("minimum length (one second)"), e.getMessage());

        HistoryPager warning = pager(all, T0, T0.plusSeconds(200), 40, CapPolicy.WARN);
        assertEquals(10_010, drain(warning).size());
    }

    @Test
    void theDepthLimitStopsSplitting() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            seconds.add((long) i % 1000);
        }
        HistoryPager pager = pager(records(seconds), T0, T0.plusSeconds(1000), 1, CapPolicy.THROW);
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class, () -> drain(pager));
        assertTrue(e.getMessage().contains("1 splits deep"), e.getMessage());
        assertEquals(10_000, e.returned());
        assertEquals(2, totalsAsked, "the whole window, then its first half, whose cap ends it");
    }

    @Test
    void theDepthLimitHoldsForTheLaterHalfOfASplitToo() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            seconds.add((long) i % 1000);
        }
        // WARN lets iteration go on past the first half's cap, so the later half is reached.
        HistoryPager pager = pager(records(seconds), T0, T0.plusSeconds(1000), 1, CapPolicy.WARN);

        assertEquals(20_000, drain(pager).size(), "each half read as far as the cap allows");
        assertEquals(3, totalsAsked, "the whole window and its two halves; neither half is split again");
        assertEquals(List.of(T0 + ".." + T0.plusSeconds(500), T0.plusSeconds(500) + ".." + T0.plusSeconds(1000)),
                windowsOpened);
    }

    @Test
    void recordsWithoutIdOrTimeAreNeverLost() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(Map.of("created_at", T0.plusSeconds(i).toString(), "n", i));
        }
        HistoryPager pager = new HistoryPager("GET /oncalls", "start", T0, T0.plusSeconds(10),
                (s, u) -> all.size(),
                (s, u, a) -> new OffsetPager(new FakeCollection(all), "GET /oncalls", null, 100, false,
                        CapPolicy.THROW, a, LOG), LOG);
        assertEquals(5, drain(pager).size());
        assertNull(HistoryPager.timeOf("yesterday"));
        assertEquals(T0, HistoryPager.timeOf("2025-12-31T19:00:00-05:00"));
    }

    @Test
    void aWindowOfExactlyTheCapIsReadWithoutSplitting() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            seconds.add((long) i % 3600);
        }
        List<Map<String, Object>> all = records(seconds);
        assertEquals(all, drain(pager(all, T0, T0.plusSeconds(3600), 40, CapPolicy.THROW)));
        assertEquals(List.of(T0 + ".." + T0.plusSeconds(3600)), windowsOpened);
        assertEquals(1, totalsAsked);
    }

    @Test
    void aWindowThatGrowsPastTheCapWhileReadSaysSoAndCountsEveryRecordReturned() {
        // The total said 10,000, so the window was not split; by the time it is read it holds 10,001.
        List<Map<String, Object>> grown = records(new ArrayList<>(Collections.nCopies(10_001, 60L)));
        HistoryPager pager = new HistoryPager("GET /log_entries", "created_at", T0, T0.plusSeconds(3600),
                (s, u) -> 10_000,
                (s, u, advice) -> new OffsetPager(new FakeCollection(grown), "GET /log_entries", null, 100, false,
                        CapPolicy.THROW, advice, LOG), LOG);
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class, () -> drain(pager));
        assertEquals(10_000, e.returned());
        assertTrue(e.getMessage().contains("The window " + T0 + " to " + T0.plusSeconds(3600)
                + " grew past the limit while it was read; narrow the query with filters."), e.getMessage());
        assertTrue(e.getMessage().endsWith("(10000 records were returned by iterHistory in all)"), e.getMessage());
    }

    @Test
    void aWindowTooBigToSplitIsNotedInTheDebugLog() {
        List<Long> seconds = new ArrayList<>(Collections.nCopies(10_050, 0L));
        List<Map<String, Object>> all = records(seconds);
        CapturedLog captured = new CapturedLog();
        HistoryPager pager = new HistoryPager("GET /log_entries", "created_at", T0, T0.plusSeconds(1),
                (s, u) -> all.size(),
                (s, u, advice) -> new OffsetPager(new FakeCollection(all), "GET /log_entries", null, 100, false,
                        CapPolicy.WARN, advice, LOG), captured.log);
        assertEquals(10_000, drain(pager).size());
        assertEquals(List.of("GET /log_entries: The window " + T0 + " to " + T0.plusSeconds(1) + " holds 10050 records"
                + " and is already the minimum length (one second); narrow the query with filters."),
                captured.at("DEBUG"));
    }

    @Test
    void aFailedTotalEndsTheIterationNamingItsWindow() {
        // The whole window splits; the total of its first half fails. The later half is never asked for.
        List<String> asked = new ArrayList<>();
        HistoryPager pager = new HistoryPager("GET /log_entries", "created_at", T0, T0.plusSeconds(100),
                (s, u) -> {
                    asked.add(s + ".." + u);
                    if (asked.size() == 1) {
                        return 20_000;
                    }
                    throw new PdClientException("timed out");
                },
                (s, u, advice) -> {
                    throw new AssertionError("no window is read");
                }, LOG);
        PdClientException e = assertThrows(PdClientException.class, pager::hasNext);
        assertEquals("timed out; while fetching the total of the window " + T0 + " to " + T0.plusSeconds(50)
                + " of GET /log_entries (0 records were returned before it)", e.getMessage());
        assertFalse(pager.hasNext());
        assertEquals(2, asked.size(), asked.toString());
    }

    @Test
    void aFailedPageEndsTheIterationAndNoLaterWindowIsRead() {
        List<Map<String, Object>> half = records(List.of(1L, 2L, 3L));
        HistoryPager pager = new HistoryPager("GET /log_entries", "created_at", T0, T0.plusSeconds(100),
                (s, u) -> s.equals(T0) && u.equals(T0.plusSeconds(100)) ? 20_000 : 3,
                (s, u, advice) -> {
                    windowsOpened.add(s + ".." + u);
                    FakeCollection source = new FakeCollection(new ArrayList<>(half));
                    source.failAt = offset -> new PdClientException("HTTP 500");
                    return new OffsetPager(source, "GET /log_entries", null, 100, false, CapPolicy.THROW, advice, LOG);
                }, LOG);
        assertThrows(PdClientException.class, pager::hasNext);
        assertFalse(pager.hasNext());
        assertEquals(List.of(T0 + ".." + T0.plusSeconds(50)), windowsOpened);
    }

    /**
     * Two adjacent windows, [T0, T0+10s] and [T0+10s, T0+20s], where the second answers a record the
     * first one already gave (same id, same stamp). Whether it is yielded again depends on where it is
     * stamped: only the records near the shared boundary are remembered, so memory stays bounded.
     */
    @ParameterizedTest(name = "stamped {0}: yielded {1} time(s)")
    @CsvSource({
        "T0+10s (the boundary itself), 1",
        "T0+9.5s (less than a second before the boundary), 1",
        "T0+8.999s (more than a second before the boundary), 2",
        "an unreadable time (so it might be at the boundary), 1",
        "no id (on-call entries: nothing to recognise it by), 2",
    })
    void aRecordRepeatedAcrossTheBoundaryIsYieldedOnceIfStampedNearIt(String stamp, int times) {
        Map<String, Object> repeated = new HashMap<>();
        if (!stamp.startsWith("no id")) {
            repeated.put("id", "X");
        }
        repeated.put("created_at", switch (stamp.substring(0, stamp.indexOf(' '))) {
            case "T0+10s", "no" -> T0.plusSeconds(10).toString();
            case "T0+9.5s" -> T0.plusMillis(9_500).toString();
            case "T0+8.999s" -> T0.plusMillis(8_999).toString();
            default -> "last Tuesday";
        });
        Map<String, Object> early = Map.of("id", "A", "created_at", T0.plusSeconds(1).toString());
        Map<String, Object> late = Map.of("id", "B", "created_at", T0.plusSeconds(15).toString());
        List<Map<String, Object>> first = List.of(early, repeated);
        List<Map<String, Object>> second = List.of(repeated, late);
        Instant mid = T0.plusSeconds(10);
        HistoryPager pager = new HistoryPager("GET /log_entries", "created_at", T0, T0.plusSeconds(20),
                (s, u) -> s.equals(T0) && u.equals(T0.plusSeconds(20)) ? 10_001 : 2,
                (s, u, advice) -> new OffsetPager(new FakeCollection(new ArrayList<>(s.equals(mid) ? second : first)),
                        "GET /log_entries", null, 100, false, CapPolicy.THROW, advice, LOG), LOG);
        List<Map<String, Object>> got = drain(pager);
        assertEquals(times, got.stream().filter(r -> r == repeated).count(), got.toString());
        assertEquals(2 + times, got.size(), "the other records are all there");
    }
}
