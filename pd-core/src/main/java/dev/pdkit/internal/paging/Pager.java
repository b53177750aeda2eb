package dev.pdkit.internal.paging;

import dev.pdkit.PdUrlException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy iterator over the records of a paginated collection. It asks its subclass for the next
 * page only when the current one is used up, so one page is held at a time, and a closed pager
 * fetches nothing more.
 *
 * <p>A failure while fetching ends the iteration: the exception propagates from {@link #hasNext()}
 * (or {@link #next()}), records already returned stay with the caller, and later calls to
 * {@code hasNext()} answer {@code false}.
 *
 * <p>Not thread-safe: one pager serves one consumer.
 */
public abstract class Pager implements Iterator<Map<String, Object>>, AutoCloseable {

    private List<Map<String, Object>> page = List.of();
    private int index;
    private boolean finished;
    private volatile boolean closed;
    private long returned;
    private long total = -1;
    private RecordHook hook;
    private Count count;

    /** Sees each record as {@link #next()} returns it: its number from 1, and the total if reported. */
    @FunctionalInterface
    public interface RecordHook {
        /**
         * @param record the record about to be returned
         * @param number how many records have been returned, this one included
         * @param total the {@code total} the API reported, if any
         */
        void onRecord(Map<String, Object> record, long number, OptionalLong total);
    }

    /** Calls {@code hook} for every record returned from now on; {@code null} removes it. Returns this pager. */
    public final Pager withHook(RecordHook hook) {
        this.hook = hook;
        return this;
    }

    /** How a listing asks PagerDuty how many records match it, in one request of its own. */
    @FunctionalInterface
    public interface Count {
        /** @return the count PagerDuty answered */
        long request();
    }

    /**
     * Lets {@link #count()} ask PagerDuty when no page has reported a total. Without one (cursor
     * pagination, analytics) {@code count()} raises, unless a page reported a total. Returns this pager.
     */
    public final Pager withCount(Count count) {
        this.count = count;
        return this;
    }

    /**
     * How many records match the listing: the total a page reported, or else one request for it.
     *
     * @throws PdUrlException for a listing PagerDuty doesn't count
     */
    public final long count() {
        if (total >= 0) {
            return total;
        }
        if (count == null) {
            throw new PdUrlException("this listing reports no total: only offset-paginated collections are counted");
        }
        return count.request();
    }

    /**
     * Fetches the next page.
     *
     * @return its records (possibly empty, in which case the next page is asked for), or
     *     {@code null} when the collection is exhausted
     */
    protected abstract List<Map<String, Object>> nextPage();

    @Override
    public final boolean hasNext() {
        while (index >= page.size()) {
            page = List.of();
            index = 0;
            if (finished || closed) {
                return false;
            }
            List<Map<String, Object>> next;
            try {
                next = nextPage();
            } catch (RuntimeException | Error e) {
                finished = true;
                throw e;
            }
            if (next == null) {
                finished = true;
                return false;
            }
            page = next;
        }
        if (closed) {
            page = List.of();
            return false;
        }
        return true;
    }

    @Override
    public final Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records");
        }
        returned++;
        Map<String, Object> record = page.get(index++);
        if (hook != null) {
            hook.onRecord(record, returned, total());
        }
        return record;
    }

    /** How many records {@link #next()} has returned. */
    public final long returned() {
        return returned;
    }

    /** The {@code total} the API reported on the latest page that carried a number, if any. */
    public final OptionalLong total() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /** Records a {@code total} read from a page body; anything but a non-negative number is ignored. */
    protected final void total(Object value) {
        if (value instanceof Number n && n.longValue() >= 0) {
            total = n.longValue();
        }
    }

    /** Stops the iteration: nothing more is fetched and {@link #hasNext()} answers {@code false}. */
    @Override
    public void close() {
        closed = true;
    }

    /** A sequential, ordered stream over the remaining records; closing it closes this pager. */
    public final Stream<Map<String, Object>> stream() {
        Spliterator<Map<String, Object>> s = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(s, false).onClose(this::close);
    }
}
