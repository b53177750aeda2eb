package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The window of pages requested ahead, on its own: which requests it starts, which page it hands
 * out, and which requests it cancels. Requests run on a {@link HoldingExecutor}, so each test
 * decides which of them have run, on its own thread and without waiting.
 */
class PageWindowTest {

    private final List<Long> requested = new ArrayList<>();
    private final HoldingExecutor executor = new HoldingExecutor();
    /** Once the page at this offset is requested, the executor holds the requests that follow. */
    private long holdAfter = -1;
    private RuntimeException failure;
    private long failAt = -1;

    /** Answers each request with a page whose one record names the offset it was requested at. */
    private final PageSource source = request -> {
        long at = (Long) request.get("offset");
        requested.add(at);
        assertTrue(requested.size() <= 50, "a runaway window: " + requested);
        if (at == holdAfter) {
            executor.holding = true;
        }
        if (at == failAt) {
            throw failure;
        }
        return new Page(List.of(Map.of("at", at)), Map.of());
    };

    private PageWindow window(int concurrency) {
        return new PageWindow(source, at -> Map.of("offset", at), concurrency, executor, "GET /records");
    }

    private static long at(Page page) {
        return (Long) page.items().get(0).get("at");
    }

    @Test
    void untilPlannedOnlyThePageAskedForIsRequested() {
        PageWindow window = window(4);
        assertEquals(0, at(window.take(0)));
        assertEquals(100, at(window.take(100)));
        assertEquals(List.of(0L, 100L), requested);
    }

    @Test
    void oncePlannedThePagesAfterTheOneTakenAreInFlightUpToTheConcurrencyButNotFromTheEndOn() {
        PageWindow window = window(3);
        window.take(0);
        window.plan(100, 450);
        assertEquals(100, at(window.take(100)));
        assertEquals(List.of(0L, 100L, 200L, 300L), requested, "the page taken and two ahead: 3 at most");
        assertEquals(200, at(window.take(200)));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), requested);
        assertEquals(300, at(window.take(300)));
        assertEquals(400, at(window.take(400)));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), requested, "nothing at or past the end (450)");
    }

    @Test
    void pagesBeforeTheOffsetAskedForAreDroppedAndThePageAlreadyRequestedAtItIsUsed() {
        // Planned 50 apart, the consumer moves 100: the page at 100 is of no use, the one at 150 is.
        PageWindow window = window(4);
        window.take(0);
        window.plan(50, 1000);
        window.take(50);
        assertEquals(List.of(0L, 50L, 100L, 150L, 200L), requested);
        assertEquals(150, at(window.take(150)));
        assertEquals(List.of(0L, 50L, 100L, 150L, 200L, 250L, 300L), requested, "150 is not requested again");
    }

    @Test
    void anOffsetOffThePlannedGridGetsItsOwnPageAndCancelsEveryPageAheadBeforeItRuns() {
        // A short page moved the consumer to 197: the pages planned at 200, 300 and 400 are of no use.
        PageWindow window = window(4);
        window.take(0);
        window.plan(100, 1000);
        window.take(100);
        assertEquals(197, at(window.take(197)), "the page at 197, not the one planned at 200");
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 197L, 297L, 397L, 497L), requested);

        // The same, with the pages ahead still waiting for a thread: they never run.
        requested.clear();
        executor.holding = false;
        PageWindow waiting = window(4);
        waiting.take(0);
        waiting.plan(100, 1000);
        holdAfter = 100;
        waiting.take(100);
        executor.holding = false;
        assertEquals(197, at(waiting.take(197)));
        executor.runHeld();
        assertEquals(List.of(0L, 100L, 197L, 297L, 397L, 497L), requested, "200, 300 and 400 never went out");
    }

    @Test
    void closingCancelsEveryPageAhead() {
        PageWindow window = window(4);
        window.take(0);
        window.plan(100, 1000);
        holdAfter = 100;
        window.take(100);
        window.close();
        executor.runHeld();
        assertEquals(List.of(0L, 100L), requested);
    }

    @Test
    void aFailedPageRaisesTheSourcesOwnExceptionOrError() {
        for (RuntimeException e : List.of(new PdClientException("boom"), new IllegalStateException("bug"))) {
            failure = e;
            failAt = 100;
            PageWindow window = window(4);
            window.take(0);
            window.plan(100, 1000);
            assertSame(e, assertThrows(RuntimeException.class, () -> window.take(100)));
        }
        AssertionError error = new AssertionError("a bug in the codec");
        PageSource failing = request -> {
            throw error;
        };
        PageWindow window = new PageWindow(failing, at -> Map.of("offset", at), 4, executor, "GET /records");
        assertSame(error, assertThrows(AssertionError.class, () -> window.take(0)));
    }

    @Test
    void anInterruptWhileWaitingCancelsThePageWaitedForAndKeepsTheFlag() {
        PageWindow window = window(4);
        window.take(0);
        window.plan(100, 1000);
        executor.holding = true;
        Thread.currentThread().interrupt();
        try {
            PdClientException e = assertThrows(PdClientException.class, () -> window.take(100));
            assertEquals("GET /records: interrupted while waiting for the page at offset 100", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        window.close();   // as the pager does when the iteration ends
        executor.runHeld();
        assertEquals(List.of(0L), requested);
    }

    @Test
    void aRefusedRequestNamesItsOffset() {
        PageWindow window = new PageWindow(source, at -> Map.of("offset", at), 4, request -> {
            throw new RejectedExecutionException("the client is closed");
        }, "GET /records");
        PdClientException e = assertThrows(PdClientException.class, () -> window.take(300));
        assertEquals("GET /records: could not start the request for the page at offset 300: the client is closed",
                e.getMessage());
        assertEquals(List.of(), requested);
    }
}
