package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import dev.pdkit.internal.http.WorkerPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Offset pagination with pages requested ahead: whatever the size, page size, concurrency or the
 * API's quirks, it yields exactly what sequential iteration yields, holds a bounded window, and
 * fails, stops and closes the way sequential iteration does.
 */
class ConcurrentOffsetPagerTest {

    private static final ClientLog LOG = new ClientLog(false);
    private static final long WAIT_SECONDS = 20;

    private final WorkerPool workers = new WorkerPool("test");

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    private OffsetPager pager(FakeCollection source, Map<String, ?> params, int pageSize, int concurrency) {
        return new OffsetPager(source, "GET /records", params, pageSize, false, CapPolicy.THROW, "Narrow it.", LOG,
                concurrency, workers);
    }

    private static List<Map<String, Object>> drain(OffsetPager pager) {
        List<Map<String, Object>> all = new ArrayList<>();
        pager.forEachRemaining(all::add);
        return all;
    }

    /** What a sequential pager yields from a fresh collection prepared the same way, and its requests. */
    private record Outcome(List<Map<String, Object>> records, List<Long> usedOffsets, RuntimeException failure) {
    }

    private Outcome run(int size, Consumer<FakeCollection> setUp, Map<String, ?> params, int pageSize,
            int concurrency) {
        FakeCollection source = new FakeCollection(size);
        setUp.accept(source);
        List<Map<String, Object>> records = new ArrayList<>();
        RuntimeException failure = null;
        try (OffsetPager pager = pager(source, params, pageSize, concurrency)) {
            pager.forEachRemaining(records::add);
        } catch (RuntimeException e) {
            failure = e;
        }
        return new Outcome(records, source.offsets(), failure);
    }

    static Stream<Arguments> shapes() {
        List<Arguments> all = new ArrayList<>();
        for (int size : new int[] {0, 1, 99, 100, 101, 250, 999, 1000, 2345}) {
            for (int pageSize : new int[] {100, 30}) {
                for (int concurrency : new int[] {2, 3, 8}) {
                    all.add(Arguments.of(size, pageSize, concurrency));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} records, page size {1}, concurrency {2}")
    @MethodSource("shapes")
    void yieldsWhatSequentialIterationYieldsAndRequestsEachPageOnce(int size, int pageSize, int concurrency) {
        Outcome sequential = run(size, s -> { }, null, pageSize, 1);
        FakeCollection source = new FakeCollection(size);
        List<Map<String, Object>> records = drain(pager(source, null, pageSize, concurrency));
        assertEquals(sequential.records(), records);
        assertEquals(source.records, records);
        List<Long> offsets = new ArrayList<>(source.offsets());
        assertEquals(new HashSet<>(offsets).size(), offsets.size(), "a page was requested twice: " + offsets);
        offsets.sort(null);
        assertEquals(sequential.usedOffsets(), offsets, "the same pages as sequential iteration, no more");
    }

    @Test
    void aClampedLimitSetsTheStrideAndEveryRequestAsksForTheCallersLimit() {
        Consumer<FakeCollection> clamp = s -> s.maxLimit = 25;
        Outcome sequential = run(260, clamp, null, 100, 1);
        FakeCollection source = new FakeCollection(260);
        clamp.accept(source);
        assertEquals(sequential.records(), drain(pager(source, null, 100, 4)));
        List<Long> offsets = new ArrayList<>(source.offsets());
        offsets.sort(null);
        assertEquals(sequential.usedOffsets(), offsets);
        assertTrue(source.limits().stream().allMatch(l -> l == 100));
    }

    @Test
    void theCallersOffsetAndLimitAreHonoured() {
        Map<String, Object> params = Map.of("offset", 5, "limit", 10, "query", "x");
        Outcome sequential = run(87, s -> { }, params, 100, 1);
        FakeCollection source = new FakeCollection(87);
        assertEquals(sequential.records(), drain(pager(source, params, 100, 3)));
        assertEquals(source.records.subList(5, 87), sequential.records());
        assertTrue(source.requests.stream().allMatch(r -> "x".equals(r.get("query"))));
        assertEquals(Boolean.TRUE, source.requests.get(0).get("total"), "the first page asks for the total");
    }

    @Test
    void aShortPageInTheMiddleDropsThePagesAheadAndGoesOnFromWhereSequentialWould() {
        // The API may leave out records the key can't see: the page at 300 comes back with 97.
        Consumer<FakeCollection> hide = s -> s.omitAt = offset -> offset == 300 ? 3 : 0;
        Outcome sequential = run(1000, hide, null, 100, 1);
        assertTrue(sequential.usedOffsets().contains(397L), sequential.usedOffsets().toString());
        Outcome concurrent = run(1000, hide, null, 100, 4);
        assertEquals(sequential.records(), concurrent.records());
        assertTrue(concurrent.usedOffsets().contains(397L), concurrent.usedOffsets().toString());
    }

    @Test
    void recordsDeletedAfterTheFirstPageEndTheIterationWhereSequentialDoes() {
        Consumer<FakeCollection> shrink = s -> s.beforeServe = offset -> {
            if (offset == 100) {
                s.modify(records -> records.subList(150, 160).clear());
            }
        };
        // The deletion happens before any page after the first is cut, in both runs.
        Consumer<FakeCollection> shrinkFirst = s -> {
            CountDownLatch deleted = new CountDownLatch(1);
            s.beforeServe = offset -> {
                if (offset == 0) {
                    return;
                }
                if (offset == 100) {
                    s.modify(records -> records.subList(150, 160).clear());
                    deleted.countDown();
                } else {
                    assertTrue(deleted.await(WAIT_SECONDS, TimeUnit.SECONDS));
                }
            };
        };
        Outcome sequential = run(1000, shrink, null, 100, 1);
        assertEquals(990, sequential.records().size());
        Outcome concurrent = run(1000, shrinkFirst, null, 100, 5);
        assertEquals(sequential.records(), concurrent.records());
        assertEquals(null, concurrent.failure());
    }

    @Test
    void recordsAddedPastTheTotalAreReadOnePageAtATimeAsSequentialDoes() {
        Consumer<FakeCollection> grow = s -> s.beforeServe = offset -> {
            if (offset == 0) {
                return;
            }
            // After the first page (total 250) every page sees 400 records.
            s.modify(records -> {
                for (int i = records.size(); i < 400; i++) {
                    records.add(Map.of("id", "P" + i, "n", i));
                }
            });
        };
        Outcome sequential = run(250, grow, null, 100, 1);
        assertEquals(400, sequential.records().size());
        Outcome concurrent = run(250, grow, null, 100, 4);
        assertEquals(sequential.records(), concurrent.records());
    }

    @Test
    void atTheCapEveryReachableRecordComesFirstAndNoRequestPassesIt() {
        FakeCollection source = new FakeCollection(10_050);
        List<Map<String, Object>> records = new ArrayList<>();
        OffsetPager pager = pager(source, null, 100, 8);
        PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                () -> pager.forEachRemaining(records::add));
        assertEquals(source.records.subList(0, 10_000), records);
        assertEquals(10_000, e.returned());
        assertTrue(source.requests.stream().allMatch(
                r -> ((Number) r.get("offset")).longValue() + ((Number) r.get("limit")).longValue() <= 10_000));
    }

    @Test
    void exactlyTenThousandIsNoCap() {
        FakeCollection source = new FakeCollection(10_000);
        assertEquals(source.records, drain(pager(source, null, 100, 8)));
    }

    @Test
    void aFailedPageComesAfterEveryRecordBeforeItAndNamesItsOffset() {
        RuntimeException cause = new PdClientException("boom");
        Consumer<FakeCollection> fail = s -> s.failAt = offset -> offset == 500 ? cause : null;
        Outcome sequential = run(2000, fail, null, 100, 1);
        Outcome concurrent = run(2000, fail, null, 100, 8);
        assertEquals(sequential.records(), concurrent.records());
        assertEquals(500, concurrent.records().size());
        assertNotNull(concurrent.failure());
        assertEquals(sequential.failure().getMessage(), concurrent.failure().getMessage());
        assertTrue(concurrent.failure().getMessage().contains("the page at offset 500 of GET /records"),
                concurrent.failure().getMessage());
    }

    @Test
    void aFailedPageCancelsThePagesAheadOfIt() throws Exception {
        FakeCollection source = new FakeCollection(2000);
        CountDownLatch blocked = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        source.beforeServe = offset -> {
            if (offset == 200) {
                // Fail only once the pages after it are surely running.
                assertTrue(blocked.await(WAIT_SECONDS, TimeUnit.SECONDS), "pages 300 and 400 were not requested");
            } else if (offset == 300 || offset == 400) {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
        };
        source.failAt = offset -> offset == 200 ? new PdClientException("boom") : null;
        OffsetPager pager = pager(source, null, 100, 4);
        List<Map<String, Object>> records = new ArrayList<>();
        assertThrows(PdClientException.class, () -> pager.forEachRemaining(records::add));
        assertEquals(200, records.size());
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the failure cancelled pages 300 and 400");
        assertFalse(pager.hasNext());
    }

    @Test
    void upToConcurrencyRequestsAreInFlightAtOnce() throws Exception {
        FakeCollection source = new FakeCollection(1000);
        int concurrency = 4;
        CountDownLatch othersStarted = new CountDownLatch(concurrency - 1);
        source.beforeServe = offset -> {
            if (offset == 200 || offset == 300 || offset == 400) {
                othersStarted.countDown();
            } else if (offset == 100) {
                // The page at 100 is answered only once the three after it are in flight too.
                assertTrue(othersStarted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the pages ahead were not requested");
            }
        };
        assertEquals(source.records, drain(pager(source, null, 100, concurrency)));
    }

    @Test
    void theWindowNeverRunsMoreThanConcurrencyPagesAheadOfTheConsumer() {
        int concurrency = 3;
        FakeCollection source = new FakeCollection(5000);
        AtomicInteger consumed = new AtomicInteger();
        List<String> violations = new ArrayList<>();
        source.beforeServe = offset -> {
            long page = offset / 100;
            long finishedPages = consumed.get() / 100;
            // Asking for page j means pages 0..j-1 were read; the window then holds j..j+concurrency-1.
            if (page > finishedPages + concurrency - 1) {
                synchronized (violations) {
                    violations.add("page " + page + " requested when " + finishedPages + " pages were read");
                }
            }
        };
        OffsetPager pager = pager(source, null, 100, concurrency);
        pager.forEachRemaining(r -> consumed.incrementAndGet());
        assertEquals(5000, consumed.get());
        assertEquals(List.of(), violations);
    }

    @Test
    void withoutATotalItGoesOnOnePageAtATime() {
        FakeCollection source = new FakeCollection(450);
        source.sendTotal = false;
        AtomicInteger consumed = new AtomicInteger();
        List<String> early = new ArrayList<>();
        source.beforeServe = offset -> {
            if (offset / 100 > consumed.get() / 100) {
                synchronized (early) {
                    early.add("page " + offset / 100 + " requested before page " + (offset / 100 - 1) + " was read");
                }
            }
        };
        OffsetPager pager = pager(source, null, 100, 8);
        pager.forEachRemaining(r -> consumed.incrementAndGet());
        assertEquals(450, consumed.get());
        assertEquals(List.of(), early);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), source.offsets());
    }

    @Test
    void closingCancelsThePagesInFlight() throws Exception {
        FakeCollection source = new FakeCollection(1000);
        CountDownLatch blocked = new CountDownLatch(3);
        CountDownLatch interrupted = new CountDownLatch(3);
        source.beforeServe = offset -> {
            if (offset >= 200) {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            }
        };
        OffsetPager pager = pager(source, null, 100, 4);
        for (int i = 0; i < 150; i++) {
            pager.next();
        }
        assertTrue(blocked.await(WAIT_SECONDS, TimeUnit.SECONDS), "pages 200, 300 and 400 were in flight");
        pager.close();
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "closing interrupted them");
        assertFalse(pager.hasNext());
    }

    @Test
    void aClosedClientsWorkersRefuseWithAClearError() {
        FakeCollection source = new FakeCollection(1000);
        OffsetPager pager = pager(source, null, 100, 4);
        workers.close();
        PdClientException e = assertThrows(PdClientException.class, pager::hasNext);
        assertTrue(e.getMessage().contains("client is closed"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 0 of GET /records"), e.getMessage());
    }

    @Test
    void anInterruptedConsumerStopsWithItsFlagSet() {
        FakeCollection source = new FakeCollection(1000);
        source.beforeServe = offset -> {
            if (offset == 100) {
                new CountDownLatch(1).await();
            }
        };
        OffsetPager pager = pager(source, null, 100, 3);
        for (int i = 0; i < 100; i++) {
            pager.next();
        }
        Thread.currentThread().interrupt();
        try {
            PdClientException e = assertThrows(PdClientException.class, pager::hasNext);
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aConcurrencyBelowOneIsRefused() {
        FakeCollection source = new FakeCollection(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pager(source, null, 100, 0));
        assertTrue(e.getMessage().contains("page concurrency"), e.getMessage());
        assertInstanceOf(OffsetPager.class, pager(source, null, 100, 1));
    }

    @Test
    void aSequentialPagerAsksForNoTotal() {
        FakeCollection source = new FakeCollection(150);
        drain(pager(source, null, 100, 1));
        assertEquals(2, source.requests.size());
        assertTrue(source.requests.stream().noneMatch(r -> r.containsKey("total")), source.requests.toString());
    }
}
