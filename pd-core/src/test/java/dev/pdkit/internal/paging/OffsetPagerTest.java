package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offset pagination, one page at a time and with pages requested ahead. The pages ahead are
 * requested here on a {@link HoldingExecutor}, so every test runs on its own thread and decides
 * which requests have run; ConcurrentOffsetPagerTest runs the same pager on real worker threads.
 */
class OffsetPagerTest {

    private static final ClientLog LOG = new ClientLog(false);

    private static OffsetPager pager(FakeCollection source, Map<String, ?> params, int pageSize, CapPolicy policy) {
        return new OffsetPager(source, "GET /records", params, pageSize, false, policy, "Narrow it.", LOG);
    }

    private static List<Map<String, Object>> drain(OffsetPager pager) {
        List<Map<String, Object>> all = new ArrayList<>();
        pager.forEachRemaining(all::add);
        return all;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 99, 100, 101, 250})
    void yieldsEveryRecordOnceInOrder(int size) {
        FakeCollection source = new FakeCollection(size);
        List<Map<String, Object>> all = drain(pager(source, null, 100, CapPolicy.THROW));
        assertEquals(source.records, all);
        int pages = Math.max(1, (size + 99) / 100);
        assertEquals(LongStream.range(0, pages).map(p -> p * 100).boxed().toList(), source.offsets());
        assertTrue(source.limits().stream().allMatch(l -> l == 100));
    }

    @Test
    void advancesByTheRecordsReceivedWhenTheApiClampsTheLimit() {
        FakeCollection source = new FakeCollection(60);
        source.maxLimit = 25;
        assertEquals(source.records, drain(pager(source, null, 100, CapPolicy.THROW)));
        assertEquals(List.of(0L, 25L, 50L), source.offsets());
    }

    @Test
    void honoursTheCallersLimitAndOffsetWithoutModifyingTheMap() {
        FakeCollection source = new FakeCollection(30);
        Map<String, Object> params = Map.of("limit", "10", "offset", 5, "query", "x");
        List<Map<String, Object>> all = drain(pager(source, params, 100, CapPolicy.THROW));
        assertEquals(source.records.subList(5, 30), all);
        assertEquals(List.of(5L, 15L, 25L), source.offsets());
        assertEquals(List.of(10L, 10L, 10L), source.limits());
        assertTrue(source.requests.stream().allMatch(r -> "x".equals(r.get("query"))));
        assertEquals(Map.of("limit", "10", "offset", 5, "query", "x"), params);
    }

    @Test
    void eachRequestGetsItsOwnMap() {
        FakeCollection source = new FakeCollection(250);
        drain(pager(source, null, 100, CapPolicy.THROW));
        assertEquals(3, source.requests.stream().map(System::identityHashCode).collect(Collectors.toSet()).size());
    }

    @Test
    void theCapThrowsAfterEveryReachableRecordWithTheLastLimitShrunk() {
        FakeCollection source = new FakeCollection(25_000);
        OffsetPager pager = pager(source, Map.of("offset", 50), 100, CapPolicy.THROW);
        List<Map<String, Object>> seen = new ArrayList<>();
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                () -> pager.forEachRemaining(seen::add));
        assertEquals(9_950, seen.size());
        assertEquals(source.records.subList(50, 10_000), seen);
        assertEquals(9_950, e.returned());
        assertEquals(9_950L, source.offsets().get(source.offsets().size() - 1));
        assertEquals(50L, source.limits().get(source.limits().size() - 1));
        assertTrue(e.getMessage().contains("9950 records") && e.getMessage().contains("Narrow it."), e.getMessage());
        assertFalse(pager.hasNext());
    }

    @Test
    void theCapWarnsAndStopsWhenAskedTo() {
        FakeCollection source = new FakeCollection(25_000);
        assertEquals(10_000, drain(pager(source, null, 100, CapPolicy.WARN)).size());
        assertEquals(100, source.requests.size());
    }

    @Test
    void exactlyTenThousandRecordsIsNoCap() {
        FakeCollection source = new FakeCollection(10_000);
        assertEquals(10_000, drain(pager(source, null, 100, CapPolicy.THROW)).size());
    }

    @Test
    void aStartBeyondTheCapRefusesWithoutARequest() {
        FakeCollection source = new FakeCollection(20_000);
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                () -> pager(source, Map.of("offset", 10_000), 100, CapPolicy.THROW).hasNext());
        assertEquals(0, e.returned());
        assertTrue(source.requests.isEmpty());
        // pdpyras stops before any request at offset 9901; pdkit fetches the 99 reachable records.
        FakeCollection near = new FakeCollection(20_000);
        assertThrows(PdPaginationLimitException.class,
                () -> drain(pager(near, Map.of("offset", 9_901), 100, CapPolicy.THROW)));
        assertEquals(List.of(99L), near.limits());
    }

    @Test
    void anEmptyPageEndsTheIterationEvenWithMoreTrue() {
        FakeCollection source = new FakeCollection(150) {
            @Override
            public Page fetch(Map<String, Object> request) {
                Page page = super.fetch(request);
                if (((Number) request.get("offset")).longValue() == 100) {
                    return new Page(List.of(), Map.of("records", List.of(), "more", true));
                }
                return page;
            }
        };
        assertEquals(100, drain(pager(source, null, 100, CapPolicy.THROW)).size());
        assertEquals(2, source.requests.size());
    }

    @Test
    void aBodyWithoutMoreYieldsOnlyItsFirstPage() {
        FakeCollection source = new FakeCollection(250);
        source.sendMore = false;
        assertEquals(100, drain(pager(source, null, 100, CapPolicy.THROW)).size());
        assertEquals(1, source.requests.size());
    }

    @Test
    void aRepeatedPageEndsTheIteration() {
        FakeCollection source = new FakeCollection(100) {
            @Override
            public Page fetch(Map<String, Object> request) {
                requests.add(request);
                List<Map<String, Object>> items = new ArrayList<>(records.subList(0, 10));
                return new Page(items, Map.of("records", items, "more", true));
            }
        };
        assertEquals(10, drain(pager(source, null, 10, CapPolicy.THROW)).size());
        assertEquals(2, source.requests.size());
    }

    @Test
    void aFailedPageNamesItsOffsetAndKeepsWhatWasReturned() {
        FakeCollection source = new FakeCollection(500);
        PdClientException cause = new PdClientException("network down");
        source.failAt = offset -> offset == 200 ? cause : null;
        OffsetPager pager = pager(source, null, 100, CapPolicy.THROW);
        List<Map<String, Object>> seen = new ArrayList<>();
        PdClientException e = assertThrows(PdClientException.class, () -> pager.forEachRemaining(seen::add));
        assertEquals(200, seen.size());
        assertSame(cause, e.getCause());
        assertTrue(e.getMessage().startsWith("network down; while fetching the page at offset 200 of GET /records"),
                e.getMessage());
        assertFalse(pager.hasNext(), "a failure ends the iteration");
        assertEquals(3, source.requests.size());
    }

    @Test
    void sendsTotalAndExposesIt() {
        FakeCollection source = new FakeCollection(30);
        OffsetPager pager = new OffsetPager(source, "GET /records", null, 10, true, CapPolicy.THROW, "", LOG);
        assertEquals(OptionalLong.empty(), pager.total());
        pager.next();
        assertEquals(OptionalLong.of(30), pager.total());
        drain(pager);
        assertTrue(source.requests.stream().allMatch(r -> Boolean.TRUE.equals(r.get("total"))));
        assertEquals(30, pager.returned());
    }

    @Test
    void closingStopsFetching() {
        FakeCollection source = new FakeCollection(500);
        OffsetPager pager = pager(source, null, 100, CapPolicy.THROW);
        try (var stream = pager.stream()) {
            assertEquals(150, stream.limit(150).count());
        }
        assertFalse(pager.hasNext());
        assertEquals(2, source.requests.size());
    }

    @Test
    void rejectsInvalidNumbers() {
        FakeCollection source = new FakeCollection(1);
        assertThrows(IllegalArgumentException.class, () -> pager(source, null, 0, CapPolicy.THROW));
        assertThrows(IllegalArgumentException.class, () -> pager(source, Map.of("limit", 0), 100, CapPolicy.THROW));
        assertThrows(IllegalArgumentException.class, () -> pager(source, Map.of("limit", "ten"), 100, CapPolicy.THROW));
        assertThrows(IllegalArgumentException.class, () -> pager(source, Map.of("offset", -1), 100, CapPolicy.THROW));
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("limit", null);
        assertEquals(1, drain(pager(source, nulls, 100, CapPolicy.THROW)).size());
    }

    private static FakeCollection fake(int size, Consumer<FakeCollection> quirk) {
        FakeCollection source = new FakeCollection(size);
        quirk.accept(source);
        return source;
    }

    static Stream<Arguments> endsWithoutAnError() {
        String more = "GET /records answered without a \"more\" property, so it does not paginate (or this is an API bug);"
                + " only its first page was read. Use rget for this endpoint to avoid this warning.";
        return Stream.of(
                Arguments.of("the last page says more: false", new FakeCollection(250), CapPolicy.THROW, 250,
                        List.of()),
                Arguments.of("an empty collection", new FakeCollection(0), CapPolicy.THROW, 0, List.of()),
                Arguments.of("an empty page that says more: false",
                        fake(250, s -> {
                            s.omitAt = offset -> offset == 100 ? 100 : 0;
                            s.bodyAt(100, b -> b.put("more", false));
                        }), CapPolicy.THROW, 100, List.of()),
                Arguments.of("an empty page that says more: true", fake(250, s -> s.emptyAt(100)),
                        CapPolicy.THROW, 100, List.of("GET /records: the page at offset 100 is empty although the API"
                                + " says there are more records; stopping there")),
                Arguments.of("a page that repeats the previous one", fake(250, s -> s.repeatAt(100, 100)),
                        CapPolicy.THROW, 100, List.of("GET /records: the page at offset 100 repeats the previous page;"
                                + " stopping there instead of looping")),
                Arguments.of("a page without more (after one with it)", fake(250, s -> s.bodyAt(100, b -> b.remove("more"))),
                        CapPolicy.THROW, 200, List.of(more)),
                Arguments.of("the cap, with the WARN policy", new FakeCollection(10_100), CapPolicy.WARN, 10_000,
                        List.of("GET /records: PagerDuty's limit of 10000 on offset+limit was reached after returning"
                                + " 10000 records (offsets 0 to 9999), and the API says more exist. Narrow it. The"
                                + " results are incomplete.")));
    }

    /**
     * Every way an iteration ends without an error: how many records it yields, and the warning it
     * logs when the end is not the collection's (a body that doesn't paginate, a page the API
     * contradicts, a loop, the cap under the WARN policy). A plain end is silent.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("endsWithoutAnError")
    void eachEndOfTheIterationYieldsWhatItCanAndWarnsIfTheEndIsNotTheCollections(String why, FakeCollection source,
            CapPolicy policy, int yielded, List<String> warnings) {
        CapturedLog captured = new CapturedLog();
        OffsetPager pager = new OffsetPager(source, "GET /records", null, 100, false, policy, "Narrow it.",
                captured.log);
        assertEquals(source.records.subList(0, yielded), drain(pager));
        assertEquals(warnings, captured.at("WARNING"));
        assertFalse(pager.hasNext());
    }

    static Stream<Arguments> capMessages() {
        return Stream.of(
                Arguments.of(10_000, "Narrow it.", 0, "GET /records: the starting offset 10000 is at or past"
                        + " PagerDuty's limit of 10000 on offset+limit, so no record is reachable by offset pagination."
                        + " Narrow it."),
                Arguments.of(12_345, "Narrow it.", 0, "GET /records: the starting offset 12345 is at or past"
                        + " PagerDuty's limit of 10000 on offset+limit, so no record is reachable by offset pagination."
                        + " Narrow it."),
                Arguments.of(50, "Narrow it.", 9_950, "GET /records: PagerDuty's limit of 10000 on offset+limit was"
                        + " reached after returning 9950 records (offsets 50 to 9999), and the API says more exist."
                        + " Narrow it."),
                Arguments.of(9_900, null, 100, "GET /records: PagerDuty's limit of 10000 on offset+limit was reached"
                        + " after returning 100 records (offsets 9900 to 9999), and the API says more exist."));
    }

    /** The cap's message says what was returned, from where to where, and what to do (the caller's advice, if any). */
    @ParameterizedTest(name = "from offset {0}, advice {1}")
    @MethodSource("capMessages")
    void theCapMessageSaysHowFarTheIterationGot(int startOffset, String advice, long returned, String message) {
        FakeCollection source = new FakeCollection(20_000);
        OffsetPager pager = new OffsetPager(source, "GET /records", Map.of("offset", startOffset), 100, false,
                CapPolicy.THROW, advice, LOG);
        List<Map<String, Object>> seen = new ArrayList<>();
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                () -> pager.forEachRemaining(seen::add));
        assertEquals(message, e.getMessage());
        assertEquals(returned, e.returned());
        assertEquals(returned, seen.size());
    }

    // With pages requested ahead (a concurrency above 1).

    /** What a sequential pager yields from a fresh collection prepared the same way, its requests, how it failed. */
    private record Sequential(List<Map<String, Object>> records, List<Long> usedOffsets, RuntimeException failure) {
    }

    private static Sequential sequential(int size, Consumer<FakeCollection> quirk) {
        FakeCollection source = new FakeCollection(size);
        quirk.accept(source);
        List<Map<String, Object>> records = new ArrayList<>();
        RuntimeException failure = null;
        try {
            pager(source, null, 100, CapPolicy.THROW).forEachRemaining(records::add);
        } catch (RuntimeException e) {
            failure = e;
        }
        return new Sequential(records, source.offsets(), failure);
    }

    private static OffsetPager held(FakeCollection source, int concurrency, HoldingExecutor executor) {
        return new OffsetPager(source, "GET /records", null, 100, false, CapPolicy.THROW, "Narrow it.", LOG,
                concurrency, executor);
    }

    /** How an iteration ends early, with the requests from {@code holdFrom} on held until it has ended. */
    private record Ending(String why, int size, int concurrency, Consumer<FakeCollection> quirk, long holdFrom,
            int closeAfter) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Ending> earlyEndings() {
        int never = Integer.MAX_VALUE;
        return Stream.of(
                new Ending("the page at 200 fails", 1000, 4,
                        s -> s.failAt = offset -> offset == 200 ? new PdClientException("boom") : null, 200, never),
                new Ending("the page at 200 is empty although it says more", 1000, 4, s -> s.emptyAt(200), 200, never),
                new Ending("the page at 200 says more: false", 1000, 4, s -> s.bodyAt(200, b -> b.put("more", false)),
                        200, never),
                new Ending("the page at 200 has no more", 1000, 4, s -> s.bodyAt(200, b -> b.remove("more")), 200,
                        never),
                new Ending("the page at 200 repeats the page before", 1000, 4, s -> s.repeatAt(200, 100), 200, never),
                new Ending("the consumer closes the pager in the page at 200", 1000, 4, s -> { }, 200, 250),
                // A short first page (25 records) sets a finer grid than the pages after it (100): when the cap
                // stops the iteration at the page at 9925, the pages at 9950 and 9975 are still ahead.
                new Ending("the cap, with pages ahead on the finer grid of a short first page", 20_000, 8,
                        s -> s.omitAt = offset -> offset == 0 ? 75 : 0, 9925, never));
    }

    /**
     * Whatever ends an iteration early (a failure, a page that ends it, the consumer, the cap), it
     * yields what sequential iteration yields, and no request started for a page ahead reaches the
     * server afterwards: they are cancelled, not left to run for nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("earlyEndings")
    void whateverEndsTheIterationTheRequestsAheadAreCancelled(Ending ending) {
        Sequential sequential = sequential(ending.size(), ending.quirk());
        FakeCollection source = new FakeCollection(ending.size());
        ending.quirk().accept(source);
        HoldingExecutor executor = new HoldingExecutor();
        FakeCollection.BeforeServe quirkBefore = source.beforeServe;
        source.beforeServe = offset -> {
            quirkBefore.at(offset);
            if (offset == ending.holdFrom()) {
                executor.holding = true;
            }
        };
        OffsetPager pager = held(source, ending.concurrency(), executor);
        List<Map<String, Object>> records = new ArrayList<>();
        RuntimeException failure = null;
        try {
            while (pager.hasNext()) {
                records.add(pager.next());
                if (records.size() == ending.closeAfter()) {
                    pager.close();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        assertFalse(pager.hasNext());
        int kept = Math.min(sequential.records().size(), ending.closeAfter());
        assertEquals(sequential.records().subList(0, kept), records);
        assertEquals(String.valueOf(sequential.failure()), String.valueOf(failure));

        executor.runHeld();
        assertTrue(source.offsets().stream().allMatch(offset -> offset <= ending.holdFrom()),
                "requests ahead reached the server after the end: " + source.offsets());
    }

    @Test
    void aPageAlreadyRequestedAtTheOffsetReachedIsUsedNotRequestedAgain() {
        // The first page is short (50 of 100 records: the API hid some), so the pages ahead are planned 50 apart.
        // The next pages are full: the consumer moves 100 at a time, past every other page planned; the page
        // planned at its new offset is the one it takes, and only the one in between is wasted.
        Consumer<FakeCollection> shortFirst = s -> s.omitAt = offset -> offset == 0 ? 50 : 0;
        Sequential sequential = sequential(1000, shortFirst);
        FakeCollection source = new FakeCollection(1000);
        shortFirst.accept(source);
        assertEquals(sequential.records(), drain(held(source, 4, new HoldingExecutor())));
        List<Long> offsets = source.offsets();
        assertEquals(new HashSet<>(offsets).size(), offsets.size(), "a page was requested twice: " + offsets);
        assertTrue(offsets.containsAll(sequential.usedOffsets()), offsets.toString());
    }

    @Test
    void aShortPageCancelsThePagesPlannedOnTheOldGridBeforeAnyReachesTheServer() {
        // The page at 300 comes back with 97 records; the pages planned at 400, 500 and 600 are useless now.
        Consumer<FakeCollection> hide = s -> s.omitAt = offset -> offset == 300 ? 3 : 0;
        Sequential sequential = sequential(1000, hide);
        FakeCollection source = new FakeCollection(1000);
        hide.accept(source);
        HoldingExecutor executor = new HoldingExecutor();
        source.beforeServe = offset -> {
            if (offset == 300) {
                executor.holding = true;
            }
        };
        OffsetPager pager = held(source, 4, executor);
        List<Map<String, Object>> records = new ArrayList<>();
        while (pager.hasNext()) {
            records.add(pager.next());
            if (records.size() == 397) {
                executor.holding = false;   // from the page at 397 on, requests run again
            }
        }
        assertEquals(sequential.records(), records);
        executor.runHeld();
        List<Long> offsets = source.offsets();
        assertTrue(offsets.stream().noneMatch(o -> o == 400 || o == 500 || o == 600), offsets.toString());
        assertEquals(sequential.usedOffsets(), offsets.stream().sorted().toList());
    }

    @Test
    void anInterruptedConsumerCancelsThePageItWaitedForAndThoseAhead() {
        FakeCollection source = new FakeCollection(1000);
        HoldingExecutor executor = new HoldingExecutor();
        source.beforeServe = offset -> executor.holding = true;   // only the first page is answered
        OffsetPager pager = held(source, 4, executor);
        for (int i = 0; i < 100; i++) {
            pager.next();
        }
        Thread.currentThread().interrupt();
        try {
            PdClientException e = assertThrows(PdClientException.class, pager::hasNext);
            assertEquals("GET /records: interrupted while waiting for the page at offset 100; while fetching the page"
                    + " at offset 100 of GET /records (100 records were returned before it)", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        assertFalse(pager.hasNext());
        executor.runHeld();
        assertEquals(List.of(0L), source.offsets(), "neither the page waited for nor those ahead were sent");
    }

    @Test
    void fromTheFirstPagesTotalThePagesAheadAreRequestedUpToTheConcurrencyAndNotPastTheEnd() {
        FakeCollection source = new FakeCollection(500);
        OffsetPager pager = held(source, 3, new HoldingExecutor());
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(pager.next());
        assertEquals(List.of(0L), source.offsets(), "nothing is known ahead of the first page");
        assertEquals(Boolean.TRUE, source.requests.get(0).get("total"), "the first page asks for the total");
        while (records.size() < 101) {
            records.add(pager.next());
        }
        assertEquals(List.of(0L, 100L, 200L, 300L), source.offsets(), "the page being read and two ahead: 3 at most");
        while (pager.hasNext()) {
            records.add(pager.next());
        }
        assertEquals(source.records, records);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), source.offsets(), "nothing at the total (500) or past it");
        assertTrue(source.requests.stream().skip(1).noneMatch(r -> r.containsKey("total")), "only the first asks");
    }

    @Test
    void anErrorFromAPageRequestEndsTheIterationAsItselfAsSequentialIterationDoes() {
        AssertionError bug = new AssertionError("a bug in the codec");
        for (int concurrency : new int[] {1, 4}) {
            FakeCollection source = new FakeCollection(1000);
            source.beforeServe = offset -> {
                if (offset == 200) {
                    throw bug;
                }
            };
            OffsetPager pager = held(source, concurrency, new HoldingExecutor());
            List<Map<String, Object>> records = new ArrayList<>();
            AssertionError e = assertThrows(AssertionError.class, () -> pager.forEachRemaining(records::add));
            assertSame(bug, e, "concurrency " + concurrency);
            assertEquals(source.records.subList(0, 200), records);
            assertFalse(pager.hasNext());
        }
    }
}
