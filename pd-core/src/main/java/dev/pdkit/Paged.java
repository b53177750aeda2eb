package dev.pdkit;

import dev.pdkit.internal.paging.Pager;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records of a paginated PagerDuty collection, read lazily page by page, as
 * {@link RestApiV2Client#iterAll(String) iterAll}, {@code iterCursor}, {@code iterHistory} and the
 * other walkers return them: one type to iterate, stream, count and close.
 *
 * <pre>{@code
 * try (Paged<Map<String, Object>> users = client.iterAll("/users")) {
 *     for (Map<String, Object> user : users) {
 *         ...
 *     }
 * }
 * List<Team> teams = client.iterAll("/teams").as(Team.class).toList();
 * long open = client.iterAll("/incidents", Map.of("statuses[]", "triggered")).stream().count();
 * }</pre>
 *
 * <p>Like the JDK's {@link java.nio.file.DirectoryStream}, it is an {@link Iterable} that can be
 * iterated once: {@link #iterator()}, {@link #stream()} and {@link #toList()} each start the one
 * iteration, and a second start throws {@link IllegalStateException}. A page is requested only
 * when the records of the one before are used up, so one page is held at a time however long the
 * collection. A failed request ends the iteration: the exception propagates from
 * {@code hasNext()} and names the page it was fetching (its offset or cursor), and the records
 * already read stay read. {@link #close()} stops it: nothing more is fetched; closing early
 * matters only with {@code pageConcurrency} above 1, where pages requested ahead are cancelled.
 *
 * <p>Exceptions while reading: {@link PdHttpException} for a failed page request,
 * {@link PdPaginationLimitException} at PagerDuty's 10,000-record cap of offset pagination (after
 * every reachable record, unless the client was built with {@code warnAtPaginationLimit(true)}),
 * {@link PdServerException} for a malformed page or a cursor that repeats, and
 * {@link PdClientException} for a network failure after the retries.
 *
 * <p>Not thread-safe: one instance serves one consumer.
 *
 * @param <T> the record type: {@code Map<String, Object>} as decoded, or the caller's type after
 *     {@link #as(Class)}
 */
public final class Paged<T> implements Iterable<T>, AutoCloseable {

    private final Pager pager;
    private final BiFunction<Object, Type, Object> binder;
    private final Type type;
    private boolean started;

    private Paged(Pager pager, BiFunction<Object, Type, Object> binder, Type type) {
        this.pager = pager;
        this.binder = binder;
        this.type = type;
    }

    /** The records of {@code pager} as decoded maps; {@code binder} binds them for {@link #as}. */
    static Paged<Map<String, Object>> of(Pager pager, BiFunction<Object, Type, Object> binder) {
        return new Paged<>(pager, binder, null);
    }

    /**
     * The same records bound to {@code type} through the client's JSON codec, e.g. a record
     * {@code User(String id, String name, String email)} (PagerDuty's snake_case names bind to
     * camelCase by default).
     *
     * @param type the class of each record
     * @param <U> the record type
     * @return a view of this iteration that binds each record as it is read
     * @throws IllegalStateException if the iteration has started
     */
    public <U> Paged<U> as(Class<U> type) {
        return bound(Objects.requireNonNull(type, "type"));
    }

    /**
     * The same records bound to a generic type, e.g. {@code as(new TypeRef<Map<String, String>>() {})}.
     *
     * @param type the type of each record
     * @param <U> the record type
     * @return a view of this iteration that binds each record as it is read
     * @throws IllegalStateException if the iteration has started
     */
    public <U> Paged<U> as(TypeRef<U> type) {
        return bound(Objects.requireNonNull(type, "type").type());
    }

    private <U> Paged<U> bound(Type to) {
        if (started) {
            throw new IllegalStateException("as(...) must come before the iteration starts");
        }
        // The view takes over the one iteration; this instance may no longer start it.
        started = true;
        return new Paged<>(pager, binder, to);
    }

    /**
     * Starts the iteration.
     *
     * @return an iterator over the records; its {@code hasNext()} throws what the class
     *     description lists
     * @throws IllegalStateException if the iteration has started before
     */
    @Override
    public Iterator<T> iterator() {
        start();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pager.hasNext();
            }

            @Override
            public T next() {
                if (!pager.hasNext()) {
                    throw new NoSuchElementException("no more records");
                }
                return convert(pager.next());
            }
        };
    }

    /**
     * Starts the iteration as a sequential, ordered stream; closing the stream closes this.
     *
     * @return a stream over the records
     * @throws IllegalStateException if the iteration has started before
     */
    public Stream<T> stream() {
        Spliterator<T> records = Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(records, false).onClose(this::close);
    }

    /**
     * Reads every record into a list (pdpyras' {@code list_all}).
     *
     * @return a new modifiable list of all records, in the order the API returned them
     * @throws IllegalStateException if the iteration has started before
     */
    public List<T> toList() {
        try (Stream<T> all = stream()) {
            return all.collect(Collectors.toList());
        }
    }

    /**
     * The {@code total} PagerDuty reported on the latest page that carried one: known after the
     * first page of an iteration that asked for it, empty before or otherwise. PagerDuty counts at
     * request time, so records created meanwhile can make it differ from what is read.
     *
     * @return the reported total, if any
     */
    public OptionalLong total() {
        return pager.total();
    }

    /**
     * How many records have been read so far.
     *
     * @return the count of records the iteration returned
     */
    public long read() {
        return pager.returned();
    }

    /** Stops the iteration: nothing more is fetched, and the iterator's {@code hasNext()} answers false. */
    @Override
    public void close() {
        pager.close();
    }

    @Override
    public String toString() {
        return "Paged{read=" + read() + (total().isPresent() ? ", total=" + total().getAsLong() : "")
                + (type != null ? ", as=" + type.getTypeName() : "") + "}";
    }

    private void start() {
        if (started) {
            throw new IllegalStateException("a Paged is iterated once: ask the client again for a new iteration");
        }
        started = true;
    }

    @SuppressWarnings("unchecked")
    private T convert(Map<String, Object> record) {
        // Without a type, T is Map<String, Object> (see of(...)); with one, the binder made a T.
        return type == null ? (T) record : (T) binder.apply(record, type);
    }
}
