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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
