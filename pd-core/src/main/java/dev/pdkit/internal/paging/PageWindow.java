package dev.pdkit.internal.paging;

import dev.pdkit.PdClientException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;

/**
 * The pages of an offset pagination that are requested ahead of the consumer, so that up to
 * {@code concurrency} requests are in flight at once while the records are still handed out
 * strictly in order.
 *
 * <p>{@link OffsetPager} stays in charge of every decision a sequential iteration makes; it only
 * asks this window for "the page at offset {@code o}" instead of requesting it itself. Once it
 * has a plan ({@link #plan}: the stride between pages and the offset where the collection ends),
 * the window keeps the following pages on that grid in flight. A page is handed out only for the
 * exact offset a sequential iteration would request next, so the request is the same and so is
 * the answer; when the consumer's offset leaves the grid (a short page: the collection shrank
 * between requests), every page ahead is cancelled and requested again from the new offset.
 *
 * <p>At most {@code concurrency} pages exist at a time, in flight or waiting to be used, so the
 * memory held doesn't grow with the collection. One window serves one pager; {@link #close()}
 * may come from another thread.
 */
final class PageWindow implements AutoCloseable {

    private record Ahead(long offset, FutureTask<Page> page) {
    }

    private final PageSource source;
    private final LongFunction<Map<String, Object>> requestAt;
    private final int concurrency;
    private final Executor executor;
    private final String what;
    private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
    private long stride;
    private long end;

    /**
     * @param source fetches one page; called from the executor's threads
     * @param requestAt the request a sequential iteration would send for an offset
     * @param concurrency the most pages in flight or waiting at once (with 1, nothing is requested ahead)
     * @param executor runs the requests; it must run each task (no caller-runs on saturation
     *     is required, but a task that never runs would block the consumer)
     * @param what the request, for messages, e.g. {@code GET /users}
     */
    PageWindow(PageSource source, LongFunction<Map<String, Object>> requestAt, int concurrency, Executor executor,
            String what) {
        this.source = Objects.requireNonNull(source, "source");
        this.requestAt = Objects.requireNonNull(requestAt, "requestAt");
        this.concurrency = concurrency;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.what = Objects.requireNonNull(what, "what");
    }

    /**
     * Lets the window request ahead: pages {@code stride} (at least 1) records apart, up to (not
     * including) offset {@code end}. Until called, only the page asked for is requested.
     */
    void plan(long stride, long end) {
        this.stride = stride;
        this.end = end;
    }

    /**
     * The page at {@code offset}: the one requested ahead if it is there, otherwise requested
     * now. Before waiting for it, the pages after it are topped up to the window's size.
     *
     * <p>After a failure the window is left as it is: the pager ends the iteration and
     * {@linkplain #close() closes} it, which cancels the pages ahead.
     *
     * @throws RuntimeException the failure of that page's request, as the source raised it
     * @throws PdClientException if the calling thread is interrupted while waiting (its interrupt
     *     flag is set again, and the page waited for is cancelled), or if the executor refuses a
     *     request
     */
    Page take(long offset) {
        Ahead next;
        synchronized (this) {
            while (!ahead.isEmpty() && ahead.peekFirst().offset() < offset) {
                ahead.pollFirst().page().cancel(true);
            }
            next = ahead.pollFirst();
            if (next == null || next.offset() != offset) {
                if (next != null) {
                    next.page().cancel(true);
                }
                cancelAll();
                next = send(offset);
            }
            topUp(offset);
        }
        try {
            return next.page().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new PdClientException(what + ": the page at offset " + offset + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            next.page().cancel(true);
            Thread.currentThread().interrupt();
            throw new PdClientException(what + ": interrupted while waiting for the page at offset " + offset, e);
        } catch (CancellationException e) {
            throw new PdClientException(what + ": the page at offset " + offset + " was cancelled", e);
        }
    }

    private void topUp(long taken) {
        // Before the plan, end is 0 and no offset is below it: nothing is requested ahead.
        long last = ahead.isEmpty() ? taken : ahead.peekLast().offset();
        // The page being taken counts against the window: it is in flight or held by the consumer.
        while (ahead.size() + 1 < concurrency) {
            long offset = last + stride;
            if (offset >= end) {
                return;
            }
            ahead.addLast(send(offset));
            last = offset;
        }
    }

    private Ahead send(long offset) {
        Map<String, Object> request = requestAt.apply(offset);
        FutureTask<Page> task = new FutureTask<>(() -> source.fetch(request));
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            throw new PdClientException(what + ": could not start the request for the page at offset " + offset
                    + ": " + e.getMessage(), e);
        }
        return new Ahead(offset, task);
    }

    private void cancelAll() {
        for (Ahead a : ahead) {
            a.page().cancel(true);
        }
        ahead.clear();
    }

    /** Cancels every page requested ahead; a request already on the wire is interrupted. */
    @Override
    public synchronized void close() {
        cancelAll();
    }
}
