package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pdkit.internal.paging.Pager;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PagedTest {

    /** Two pages of two records; the first page reports a total of 4. */
    private final ScriptedPager pager = new ScriptedPager(
            List.of(Map.of("id", "P1"), Map.of("id", "P2")), List.of(Map.of("id", "P3"), Map.of("id", "P4")));
    /** Binds a record to its id, and records every type it was asked for. */
    private final List<Type> asked = new ArrayList<>();
    private final BiFunction<Object, Type, Object> binder = (tree, type) -> {
        asked.add(type);
        return ((Map<?, ?>) tree).get("id");
    };

    @Test
    void aForEachLoopReadsEveryRecordPageByPage() {
        Paged<Map<String, Object>> paged = Paged.of(pager, binder);
        assertEquals(0, pager.fetched, "nothing is fetched before the iteration starts");
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> record : paged) {
            ids.add(record.get("id"));
        }
        assertEquals(List.of("P1", "P2", "P3", "P4"), ids);
        assertEquals(4, paged.read());
        assertEquals(4, paged.total(), "the total a page reported, without a request");
        assertEquals("Paged{read=4, total=4}", paged.toString());
        assertEquals(List.of(), asked, "plain maps are not bound");
    }

    @Test
    void theOneIterationCannotStartTwice() {
        Paged<Map<String, Object>> paged = Paged.of(pager, binder);
        assertEquals(4, paged.toList().size());
        assertThrows(IllegalStateException.class, paged::iterator);
        assertThrows(IllegalStateException.class, paged::stream);
        assertThrows(IllegalStateException.class, paged::toList);
        assertThrows(IllegalStateException.class, () -> paged.as(String.class));
    }

    @Test
    void asBindsEachRecordAsItIsReadAndTakesOverTheIteration() {
        Paged<Map<String, Object>> paged = Paged.of(pager, binder);
        Paged<String> ids = paged.as(String.class);
        assertThrows(IllegalStateException.class, paged::iterator, "the view owns the iteration");

        Iterator<String> it = ids.iterator();
        assertEquals("P1", it.next());
        assertEquals(List.of(String.class), asked);
        assertEquals(1, pager.fetched, "one page so far");
        assertEquals(List.of("P2", "P3", "P4"), List.of(it.next(), it.next(), it.next()));
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals("Paged{read=4, total=4, as=java.lang.String}", ids.toString());
    }

    @Test
    void asTakesATypeRefForGenericTypes() {
        Paged<List<String>> lists = Paged.of(pager, binder).as(TypeRef.listOf(String.class));
        lists.iterator().next();
        assertEquals(List.of(TypeRef.listOf(String.class).type()), asked);
        assertThrows(NullPointerException.class, () -> Paged.of(pager, binder).as((Class<?>) null));
        assertThrows(NullPointerException.class, () -> Paged.of(pager, binder).as((TypeRef<?>) null));
    }

    @Test
    void closingStopsTheIterationAndClosingTheStreamClosesIt() {
        Paged<Map<String, Object>> paged = Paged.of(pager, binder);
        Iterator<Map<String, Object>> it = paged.iterator();
        it.next();
        paged.close();
        assertFalse(it.hasNext(), "the rest of the first page is dropped");
        assertEquals(1, pager.fetched);

        ScriptedPager other = new ScriptedPager(List.of(Map.of("id", "P1"), Map.of("id", "P2")));
        try (Stream<Map<String, Object>> s = Paged.of(other, binder).stream()) {
            assertEquals("P1", s.findFirst().orElseThrow().get("id"));
        }
        assertFalse(other.hasNext(), "closing the stream closed the pager");
    }

    /** A pager over fixed pages, counting the pages it was asked for. */
    private static final class ScriptedPager extends Pager {
        private final Deque<List<Map<String, Object>>> pages = new ArrayDeque<>();
        int fetched;

        @SafeVarargs
        ScriptedPager(List<Map<String, Object>>... pages) {
            this.pages.addAll(List.of(pages));
        }

        @Override
        protected List<Map<String, Object>> nextPage() {
            if (pages.isEmpty()) {
                return null;
            }
            fetched++;
            total(4);
            return pages.poll();
        }
    }
}
