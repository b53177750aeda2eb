package dev.pdkit;

import dev.pdkit.internal.paging.Pager;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A lazy iterator over every record of a paginated PagerDuty collection, as
 * {@link RestApiV2Client#pageIterator} returns it (and as {@code iterAll}'s streams and
 * {@code iterateAll}'s iterables use it).
 *
 * <p>It requests the next page only when the records of the current one are used up, so it holds
 * one page at a time, however long the collection. A failed request ends the iteration: the
 * exception propagates from {@link #hasNext()}, names the page that failed (its offset or
 * cursor) so a caller can resume from there, and the records already returned stay returned.
 * {@link #close()} stops it: nothing more is fetched.
 *
 * <p>Not thread-safe: one iterator serves one consumer. The records are plain decoded JSON maps
 * that the caller may keep and modify.
 */
public final class PageIterator implements Iterator<Map<String, Object>>, AutoCloseable {

    private final Pager pager;

    PageIterator(Pager pager) {
        this.pager = pager;
    }

    /**
     * Whether another record exists, fetching the next page if the current one is used up.
     *
     * @throws PdHttpException if that request fails; its message ends with the page it was fetching
     * @throws PdPaginationLimitException at PagerDuty's 10,000-record cap of offset pagination,
     *     after every reachable record (unless the client was built with
     *     {@code warnAtPaginationLimit(true)})
     * @throws PdClientException on a network failure after the retries
     */
    @Override
    public boolean hasNext() {
        return pager.hasNext();
    }

    /** The next record; see {@link #hasNext()} for the exceptions. */
    @Override
    public Map<String, Object> next() {
        return pager.next();
    }

    /**
     * The {@code total} PagerDuty reported on the latest page that carried one: known after the
     * first page when the iteration asked for it ({@code total = true}), empty before or otherwise.
     * PagerDuty counts at request time, so records created meanwhile can make it differ from what
     * is returned.
     */
    public OptionalLong total() {
        return pager.total();
    }

    /** How many records have been returned so far. */
    public long returned() {
        return pager.returned();
    }

    /** A sequential stream over the remaining records; closing the stream closes this iterator. */
    public Stream<Map<String, Object>> stream() {
        return pager.stream();
    }

    /** Stops the iteration: nothing more is fetched and {@link #hasNext()} answers {@code false}. */
    @Override
    public void close() {
        pager.close();
    }
}
