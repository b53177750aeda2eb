package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdUrlException;
import dev.pdkit.internal.http.ClientLog;
import dev.pdkit.internal.http.WorkerPool;
import dev.pdkit.internal.url.BaseUrl;
import dev.pdkit.internal.wrapping.WrapperDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paginator on its own, with the client's calls played by a fake: which pager serves a path,
 * what it refuses before any request, and persist's choice between create, update and nothing.
 */
class PaginatorTest {

    /** The client's calls: every GET page comes from one fake collection; writes are recorded. */
    private static final class FakeCalls implements Paginator.Calls {
        final FakeCollection collection;
        final List<String> asked = new ArrayList<>();
        final List<String> writes = new ArrayList<>();
        final List<Map<String, Object>> posted = new ArrayList<>();

        FakeCalls(FakeCollection collection) {
            this.collection = collection;
        }

        @Override
        public PageSource getPages(String url, WrapperDecision decision) {
            asked.add("GET " + url + " " + decision.pattern());
            return collection;
        }

        @Override
        public PageSource postPages(String url) {
            asked.add("POST " + url);
            return request -> {
                posted.add(request);
                return new Page(List.of(), Map.of("more", false));
            };
        }

        @Override
        public long total(String url, Map<String, ?> params) {
            asked.add("total " + url);
            return collection.records.size();
        }

        @Override
        public Map<String, Object> entity(String method, String url, Object entity) {
            writes.add(method + " " + url + " " + entity);
            return Map.of("written", method);
        }

        @Override
        public Object asJson(Object value) {
            return value;
        }

        @Override
        public String resourceUrl(Map<String, ?> resource) {
            return String.valueOf(resource.get("self"));
        }
    }

    private final WorkerPool workers = new WorkerPool("test");

    @AfterEach
    void closeWorkers() {
        workers.close();
    }

    private Paginator paginator(FakeCalls calls) {
        return paginator(calls, Map.of());
    }

    private Paginator paginator(FakeCalls calls, Map<String, ?> viewParams) {
        return new Paginator(calls, BaseUrl.parse("http://127.0.0.1:9"), 100, 1, false, null, CapPolicy.THROW,
                new ClientLog(false), workers, viewParams);
    }

    @Test
    void choosesThePagerFromTheEndpointTableAndFetchesNothingYet() {
        FakeCalls calls = new FakeCalls(new FakeCollection(3));
        Paginator p = paginator(calls);
        assertInstanceOf(OffsetPager.class, p.pager("/users", null, 100, false, 1));
        assertInstanceOf(TokenPager.class, p.pager("/audit/records", null, 100, false, 1));
        assertInstanceOf(TokenPager.class, p.pager("/alert_grouping_settings", null, 100, false, 1));
        assertInstanceOf(OffsetPager.class, p.pager("/brand_new_things", null, 100, false, 1), "unknown: offset");
        assertInstanceOf(TokenPager.class, p.pager("/analytics/raw/incidents", null, 100, false, 1));
        assertEquals(List.of("GET /users /users", "GET /audit/records /audit/records",
                "GET /alert_grouping_settings /alert_grouping_settings", "GET /brand_new_things null",
                "POST /analytics/raw/incidents"), calls.asked);
        assertTrue(calls.collection.requests.isEmpty(), "pagers are lazy");
    }

    @Test
    void refusesBeforeAnyRequest() {
        FakeCalls calls = new FakeCalls(new FakeCollection(3));
        Paginator p = paginator(calls);
        assertThrows(IllegalArgumentException.class, () -> p.pager("/users", null, 0, false, 1));
        assertEquals("pageConcurrency must be between 1 and 100: 101",
                assertThrows(IllegalArgumentException.class, () -> p.pager("/users", null, 100, false, 101)).getMessage());
        assertEquals("/users does not support cursor-based pagination",
                assertThrows(PdUrlException.class, () -> p.iterCursor("/users", null, 100)).getMessage());
        assertEquals("/analytics/raw/incidents/{id}/responses does not support cursor-based pagination",
                assertThrows(PdUrlException.class, () -> p.iterCursor("/analytics/raw/incidents/Q1/responses", null, 100))
                        .getMessage());
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = since.plusSeconds(60);
        assertThrows(IllegalArgumentException.class, () -> p.iterHistory("/log_entries", since, until, Map.of("offset", 5)));
        assertTrue(assertThrows(PdUrlException.class, () -> p.iterHistory("/users", since, until, null)).getMessage()
                .startsWith("iterHistory does not support GET /users; it supports "));
        assertTrue(calls.asked.isEmpty() && calls.collection.requests.isEmpty(), calls.asked.toString());
    }

    @Test
    void anAnalyticsListingSendsTheViewsParametersAsItsBody() {
        FakeCalls calls = new FakeCalls(new FakeCollection(0));
        Map<String, Object> filters = Map.of("urgency", "high");
        Pager pager = paginator(calls, Map.of("filters", filters, "order", "asc"))
                .pager("/analytics/raw/incidents", null, 25, false, 1);
        assertFalse(pager.hasNext());
        assertEquals(List.of(Map.of("filters", filters, "order", "asc", "limit", 25)), calls.posted);
    }

    @Test
    void iterHistoryRefusesAWindowInTheViewsParameters() {
        Paginator p = paginator(new FakeCalls(new FakeCollection(0)), Map.of("since", "2026-01-01T00:00:00Z"));
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals("iterHistory: pass the time window as the since and until arguments; the parameters must not"
                + " contain 'since'", assertThrows(IllegalArgumentException.class,
                        () -> p.iterHistory("/log_entries", since, since.plusSeconds(60), null)).getMessage());
    }

    @Test
    void countsOnlyWhatPagerDutyCounts() {
        FakeCalls calls = new FakeCalls(new FakeCollection(7));
        Paginator p = paginator(calls);
        assertEquals(7, p.iterAll("/users").count());
        assertEquals("total /users", calls.asked.get(calls.asked.size() - 1));
        assertTrue(calls.collection.requests.isEmpty(), "counting reads no page");
        assertEquals("GET /audit/records is cursor-paginated, and PagerDuty reports no total for it",
                assertThrows(PdUrlException.class, () -> p.iterAll("/audit/records").count()).getMessage());
        assertEquals("POST /analytics/raw/incidents pages with starting_after, and PagerDuty reports no total for it",
                assertThrows(PdUrlException.class, () -> p.iterAll("/analytics/raw/incidents").count()).getMessage());
    }

    @Test
    void dictAllNamesTheRecordWithoutItsKey() {
        Paginator p = paginator(new FakeCalls(new FakeCollection(3)));
        assertEquals(List.of("P0", "P1", "P2"), List.copyOf(p.dictAll("/users", null, "id").keySet()));
        assertTrue(assertThrows(PdClientException.class, () -> p.dictAll("/users", null, "email")).getMessage()
                .startsWith("dictAll(\"/users\", by \"email\"): record 1 has no 'email' property (keys: "));
    }

    @Test
    void persistCreatesUpdatesOrLeavesAlone() {
        Map<String, Object> existing = new LinkedHashMap<>();
        existing.put("name", "Ops");
        existing.put("self", "https://x/teams/T1");
        FakeCalls calls = new FakeCalls(new FakeCollection(new ArrayList<>(List.of(existing))));
        Paginator p = paginator(calls);

        assertSame(existing, p.persist("/teams", "name", Map.of("name", "ops"), false), "found: returned as it is");
        assertEquals(existing, p.persist("/teams", "name", Map.of("name", "Ops"), true), "nothing to change");
        assertTrue(calls.writes.isEmpty(), calls.writes.toString());

        assertEquals(Map.of("written", "PUT"), p.persist("/teams", "name", Map.of("name", "Ops", "x", 1), true));
        assertEquals(Map.of("written", "POST"), p.persist("/teams", "name", Map.of("name", "Dev"), true));
        assertEquals(List.of("PUT https://x/teams/T1 {name=Ops, self=https://x/teams/T1, x=1}",
                "POST /teams {name=Dev}"), calls.writes);
        assertThrows(IllegalArgumentException.class, () -> p.persist("/teams", "name", Map.of("id", "T1"), true));
    }
}
