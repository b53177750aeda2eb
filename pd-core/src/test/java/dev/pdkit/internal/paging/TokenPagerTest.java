package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenPagerTest {

    /** Serves scripted pages keyed by the token of the request ("" for none), each at most once. */
    private static final class Script implements PageSource {
        final Map<String, Map<String, Object>> bodies = new HashMap<>();
        final List<Map<String, Object>> requests = new ArrayList<>();
        final Set<String> served = new HashSet<>();
        final String requestKey;

        Script(String requestKey) {
            this.requestKey = requestKey;
        }

        Script page(String token, int from, int count, Object... keyValues) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                items.add(Map.of("id", "R" + i));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items);
            for (int i = 0; i < keyValues.length; i += 2) {
                body.put((String) keyValues[i], keyValues[i + 1]);
            }
            bodies.put(token, body);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Page fetch(Map<String, Object> request) {
            requests.add(request);
            Object token = request.get(requestKey);
            String key = token == null ? "" : String.valueOf(token);
            Map<String, Object> body = bodies.get(key);
            if (body == null) {
                throw new PdClientException("no page for token " + token);
            }
            if (!served.add(key)) {
                throw new AssertionError("the page for token '" + key + "' was requested twice");
            }
            return new Page((List<Map<String, Object>>) body.get("items"), body);
        }
    }

    private static List<Object> ids(TokenPager pager) {
        List<Object> ids = new ArrayList<>();
        pager.forEachRemaining(r -> ids.add(r.get("id")));
        return ids;
    }

    @Test
    void followsNextCursorUntilNull() {
        Script s = new Script("cursor").page("", 0, 2, "next_cursor", "2").page("2", 2, 3, "next_cursor", "5")
                .page("5", 5, 1, "next_cursor", null);
        TokenPager pager = new TokenPager(s, "GET /audit/records", Map.of("actor_type", "user_reference"), 100,
                TokenPager.Style.CURSOR);
        assertEquals(List.of("R0", "R1", "R2", "R3", "R4", "R5"), ids(pager));
        assertEquals(3, s.requests.size());
        assertFalse(s.requests.get(0).containsKey("cursor"));
        assertEquals("5", s.requests.get(2).get("cursor"));
        assertTrue(s.requests.stream().allMatch(r -> r.get("limit").equals(100) && r.get("actor_type") != null));
    }

    @Test
    void anEmptyCursorEndsAndAnEmptyPageInTheMiddleDoesNot() {
        Script s = new Script("cursor").page("", 0, 2, "next_cursor", "a").page("a", 0, 0, "next_cursor", "b")
                .page("b", 2, 1, "next_cursor", "");
        assertEquals(List.of("R0", "R1", "R2"), ids(new TokenPager(s, "GET /x", null, 10, TokenPager.Style.CURSOR)));
    }

    @Test
    void startsFromTheCallersCursorAndLimit() {
        Script s = new Script("cursor").page("a", 0, 1, "next_cursor", null);
        Map<String, Object> params = Map.of("cursor", "a", "limit", 7);
        assertEquals(List.of("R0"), ids(new TokenPager(s, "GET /x", params, 100, TokenPager.Style.CURSOR)));
        assertEquals(Map.of("cursor", "a", "limit", 7), s.requests.get(0));
    }

    @Test
    void aCursorHandedBackByItsOwnPageIsACycleRaisedAfterThePagesRecords() {
        Script s = new Script("cursor").page("", 0, 1, "next_cursor", "a").page("a", 1, 1, "next_cursor", "a");
        TokenPager pager = new TokenPager(s, "GET /x", null, 10, TokenPager.Style.CURSOR);
        List<Object> seen = new ArrayList<>();

        PdClientException e = assertThrows(PdClientException.class, () -> pager.forEachRemaining(r -> seen.add(r.get("id"))));

        assertEquals(List.of("R0", "R1"), seen, "every record received comes first");
        assertEquals(2, s.requests.size());
        assertTrue(e.getMessage().contains("next_cursor 'a'") && e.getMessage().contains("already followed"), e::getMessage);
        assertFalse(pager.hasNext());
    }

    @Test
    void cursorsThatCycleThroughEarlierOnesAreCaughtOnTheFirstRepeat() {
        // A, B, A, B...: only a memory of every cursor sent catches this; the page before is not enough.
        Script s = new Script("cursor").page("", 0, 1, "next_cursor", "A").page("A", 1, 1, "next_cursor", "B")
                .page("B", 2, 1, "next_cursor", "A");
        TokenPager pager = new TokenPager(s, "GET /audit/records", null, 10, TokenPager.Style.CURSOR);
        List<Object> seen = new ArrayList<>();

        PdClientException e = assertThrows(PdClientException.class, () -> pager.forEachRemaining(r -> seen.add(r.get("id"))));

        assertEquals(List.of("R0", "R1", "R2"), seen);
        assertEquals(3, s.requests.size(), "no request follows a cursor a second time");
        assertTrue(e.getMessage().startsWith("GET /audit/records: the page cursor 'B' hands back next_cursor 'A'"),
                e::getMessage);
        assertTrue(e.getMessage().contains("3 records were returned before it"), e::getMessage);
    }

    @Test
    void theStartingCursorCountsAsFollowed() {
        Script s = new Script("cursor").page("S", 0, 1, "next_cursor", "T").page("T", 1, 1, "next_cursor", "S");
        TokenPager pager = new TokenPager(s, "GET /x", Map.of("cursor", "S"), 10, TokenPager.Style.CURSOR);

        assertThrows(PdClientException.class, () -> pager.forEachRemaining(r -> { }));
        assertEquals(2, s.requests.size());
    }

    @Test
    void theMalformedPagesOwnExceptionIsRaised() {
        IllegalStateException marker = new IllegalStateException("marker");
        PageSource s = request -> new Page(List.of(Map.of("id", "R")), Map.of("next_cursor", "same"), m -> marker);
        TokenPager pager = new TokenPager(s, "GET /x", Map.of("cursor", "same"), 10, TokenPager.Style.CURSOR);

        assertEquals("R", pager.next().get("id"));
        assertThrows(IllegalStateException.class, pager::hasNext);
    }

    @Test
    void aServerThatNeverStopsHandingOutNewCursorsIsStoppedAtTheBound() {
        int[] requests = {0};
        PageSource endless = request -> {
            requests[0]++;
            if (requests[0] > TokenPager.MAX_PAGES) {
                throw new AssertionError("asked for more than MAX_PAGES pages");
            }
            return new Page(List.of(), Map.of("next_cursor", "c" + requests[0]));
        };
        TokenPager pager = new TokenPager(endless, "GET /x", null, 10, TokenPager.Style.CURSOR);

        PdClientException e = assertThrows(PdClientException.class, pager::hasNext);

        assertEquals(TokenPager.MAX_PAGES, requests[0]);
        assertTrue(e.getMessage().contains("still more pages after " + TokenPager.MAX_PAGES), e::getMessage);
    }

    @Test
    void aFailedPageNamesItsCursor() {
        Script s = new Script("cursor").page("", 0, 3, "next_cursor", "c2");
        TokenPager pager = new TokenPager(s, "GET /audit/records", null, 10, TokenPager.Style.CURSOR);
        List<Object> seen = new ArrayList<>();
        PdClientException e = assertThrows(PdClientException.class, () -> pager.forEachRemaining(r -> seen.add(r)));
        assertEquals(3, seen.size());
        assertTrue(e.getMessage().contains("while fetching the page cursor 'c2' of GET /audit/records (3 records"),
                e.getMessage());
    }

    @Test
    void afterCursorForAlertGroupingSettings() {
        Script s = new Script("after").page("", 0, 2, "after", "x").page("x", 2, 2, "after", null);
        assertEquals(List.of("R0", "R1", "R2", "R3"),
                ids(new TokenPager(s, "GET /alert_grouping_settings", null, 2, TokenPager.Style.AFTER)));
        assertEquals("x", s.requests.get(1).get("after"));
    }

    @Test
    void analyticsContinueWhileMoreAndLast() {
        Script s = new Script("starting_after").page("", 0, 2, "last", "L1", "more", true)
                .page("L1", 2, 2, "last", "L2", "more", false);
        assertEquals(List.of("R0", "R1", "R2", "R3"),
                ids(new TokenPager(s, "POST /analytics/raw/incidents", Map.of("filters", Map.of()), 2,
                        TokenPager.Style.ANALYTICS)));
        assertEquals("L1", s.requests.get(1).get("starting_after"));
        assertEquals(2, s.requests.get(0).get("limit"));

        Script noLast = new Script("starting_after").page("", 0, 2, "more", true);
        assertEquals(2, ids(new TokenPager(noLast, "POST /a", null, 2, TokenPager.Style.ANALYTICS)).size());
        assertEquals(1, noLast.requests.size());
    }

    /**
     * What the first page's body says, per style, and whether the iteration follows it to a second
     * page ("-" leaves the property out). Cursors continue on their token alone; analytics needs
     * {@code more: true} as well.
     */
    @ParameterizedTest(name = "{0}: token {1}, more {2}: {3}")
    @CsvSource({
        "CURSOR,    x,  -,     continues",
        "CURSOR,    x,  false, continues",
        "CURSOR,    '', true,  ends",
        "CURSOR,    -,  true,  ends",
        "AFTER,     x,  -,     continues",
        "AFTER,     -,  -,     ends",
        "ANALYTICS, x,  true,  continues",
        "ANALYTICS, x,  false, ends",
        "ANALYTICS, x,  -,     ends",
        "ANALYTICS, '', true,  ends",
        "ANALYTICS, -,  true,  ends",
    })
    void theTokenAndForAnalyticsMoreDecideWhetherThereIsAnotherPage(TokenPager.Style style, String token,
            String more, String outcome) {
        String requestKey = style.requestKey;
        String responseKey = style.responseKey;
        Script s = new Script(requestKey);
        List<Object> first = new ArrayList<>();
        if (!token.equals("-")) {
            first.add(responseKey);
            first.add(token);
        }
        if (!more.equals("-")) {
            first.add("more");
            first.add(Boolean.parseBoolean(more));
        }
        s.page("", 0, 2, first.toArray()).page("x", 2, 1);
        List<Object> ids = ids(new TokenPager(s, "GET /x", null, 10, style));
        assertEquals(outcome.equals("continues") ? List.of("R0", "R1", "R2") : List.of("R0", "R1"), ids);
        assertEquals(outcome.equals("continues") ? 2 : 1, s.requests.size());
    }

    @Test
    void aFailedFirstPageSaysItWasTheFirst() {
        Script s = new Script("cursor");
        TokenPager pager = new TokenPager(s, "GET /audit/records", null, 10, TokenPager.Style.CURSOR);
        PdClientException e = assertThrows(PdClientException.class, pager::hasNext);
        assertEquals("no page for token null; while fetching the first page of GET /audit/records (0 records were"
                + " returned before it)", e.getMessage());
        assertFalse(pager.hasNext());
    }

    @Test
    void aTotalOnACursorPageIsExposedLikeAnOffsetPagesTotal() {
        Script s = new Script("cursor").page("", 0, 2, "next_cursor", "a", "total", 3).page("a", 2, 1);
        TokenPager pager = new TokenPager(s, "GET /x", null, 2, TokenPager.Style.CURSOR);
        assertEquals(OptionalLong.empty(), pager.total());
        pager.next();
        assertEquals(OptionalLong.of(3), pager.total());
    }
}
