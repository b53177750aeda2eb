package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every pager shares, whatever its pagination: laziness, the end, failures, closing, total. */
class PagerTest {

    /**
     * A pager that plays a script, one step per page asked for: a list of ids is a page, an
     * exception is a failed request, {@code null} is the end of the collection. After each page it
     * reports the matching entry of {@code totals} (if any) as the page's {@code total}.
     */
    private static final class Scripted extends Pager {
        private final List<Object> script;
        private final List<Object> totals;
        int asked;

        Scripted(List<Object> totals, Object... script) {
            this.script = Arrays.asList(script);
            this.totals = totals;
        }

        static Scripted of(Object... script) {
            return new Scripted(List.of(), script);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected List<Map<String, Object>> nextPage() {
            int step = asked++;
            if (step < totals.size()) {
                total(totals.get(step));
            }
            Object next = script.get(step);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next == null ? null : ((List<String>) next).stream().map(id -> Map.<String, Object>of("id", id)).toList();
        }
    }

    private static List<Object> ids(Pager pager) {
        List<Object> ids = new ArrayList<>();
        pager.forEachRemaining(r -> ids.add(r.get("id")));
        return ids;
    }

    @Test
    void emptyPagesInTheMiddleAreSkippedUntilTheEnd() {
        Scripted pager = Scripted.of(List.of(), List.of("a"), List.of(), List.of(), List.of("b", "c"), null);
        assertEquals(List.of("a", "b", "c"), ids(pager));
        assertEquals(6, pager.asked);
        assertEquals(3, pager.returned());
    }

    @Test
    void afterTheEndNothingMoreIsAskedForAndNextRefuses() {
        // A pager asked again after its end could start over or loop; the end is final.
        Scripted pager = Scripted.of(List.of("a"), null, List.of("b"));
        assertEquals(List.of("a"), ids(pager));
        assertFalse(pager.hasNext());
        assertThrows(NoSuchElementException.class, pager::next);
        assertEquals(2, pager.asked, "the page after the end is never asked for");
    }

    @Test
    void aFailureEndsTheIterationAndTheRecordsBeforeItStayReturned() {
        // A caller that catches the failure and asks again must not get records from beyond the gap.
        IllegalStateException failure = new IllegalStateException("page 2 failed");
        Scripted pager = Scripted.of(List.of("a", "b"), failure, List.of("c"));
        List<Object> seen = new ArrayList<>();
        assertSame(failure, assertThrows(IllegalStateException.class,
                () -> pager.forEachRemaining(r -> seen.add(r.get("id")))));
        assertEquals(List.of("a", "b"), seen);
        assertFalse(pager.hasNext());
        assertEquals(2, pager.asked, "nothing is asked for after the failure");
        assertEquals(2, pager.returned());
    }

    @Test
    void closingStopsAtOnceEvenInsideAPageAndFetchesNothingMore() {
        Scripted pager = Scripted.of(List.of("a", "b", "c"), List.of("d"), null);
        assertEquals("a", pager.next().get("id"));
        pager.close();
        assertFalse(pager.hasNext(), "the rest of the page held is dropped");
        assertThrows(NoSuchElementException.class, pager::next);
        assertEquals(1, pager.asked);
    }

    @Test
    void closingTheStreamClosesThePager() {
        Scripted pager = Scripted.of(List.of("a", "b"), List.of("c"), null);
        try (Stream<Map<String, Object>> stream = pager.stream()) {
            assertEquals(List.of("a"), stream.limit(1).map(r -> r.get("id")).toList());
        }
        assertFalse(pager.hasNext());
        assertEquals(1, pager.asked);
    }

    static Stream<Arguments> totals() {
        return Stream.of(
                Arguments.of("no page reports a total", List.of(), OptionalLong.empty()),
                Arguments.of("an empty collection reports 0, a known total", List.of(0), OptionalLong.of(0)),
                Arguments.of("the latest number wins", List.of(5, 7), OptionalLong.of(7)),
                Arguments.of("a page without a total keeps the earlier one", Arrays.asList(5, null), OptionalLong.of(5)),
                Arguments.of("a negative number is no total", List.of(-1), OptionalLong.empty()),
                Arguments.of("text is no total", List.of("12"), OptionalLong.empty()),
                Arguments.of("any JSON number counts", List.of(12.0), OptionalLong.of(12)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("totals")
    void totalIsTheLatestNonNegativeNumberAPageReported(String why, List<Object> reported, OptionalLong expected) {
        Object[] pages = new Object[reported.size() + 1];
        Arrays.fill(pages, List.of("r"));
        pages[reported.size()] = null;
        Scripted pager = new Scripted(reported, pages);
        ids(pager);
        assertEquals(expected, pager.total(), why);
    }
}
