package dev.pdkit;

import dev.pdkit.internal.paging.Pager;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records of a paginated PagerDuty collection, read lazily page by page, as
 * {@link RestApiV2Client#iterAll(String) iterAll}, {@code iterCursor} and {@code iterHistory}
 * return them (and their {@link TypedClient typed forms}): one type to iterate, stream, count and
 * close.
 *
 * <pre>{@code
 * try (Paged<Map<String, Object>> users = client.iterAll("/users")) {
 *     for (Map<String, Object> user : users) {
 *         ...
 *     }
 * }
 * List<Team> teams = client.iterAll("/teams").as(Team.class).toList();
 * long open = client.with(o -> o.param("statuses[]", "triggered")).iterAll("/incidents").total();
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
 * <h2>How a listing pages</h2>
 *
 * <p>{@code iterAll} chooses how to page from the endpoint, as PagerDuty's endpoint table records it:
 * <ul>
 *   <li><b>Offset</b> ({@code /users}, {@code /incidents}, ...): each request sends
 *       {@code limit} = {@code pageSize} and an {@code offset} that advances by the number of
 *       records received (never by the {@code limit} the API echoes, which may be {@code null}).
 *       A {@code limit} or {@code offset} parameter is honoured as the page size and
 *       the starting point. It stops on {@code more: false}, on an empty page, on a body without
 *       {@code more} (after its first page, with a warning) and on a page that repeats the
 *       previous one (with a warning).
 *   <li><b>The 10,000 cap</b>: PagerDuty refuses {@code offset + limit > 10000}. The last
 *       request's limit shrinks to end exactly at 10,000, so every reachable record is
 *       returned; then, if the API says more exist, the iteration throws
 *       {@link PdPaginationLimitException} (or, with {@link RestApiV2ClientBuilder#warnAtPaginationLimit}, logs
 *       a WARNING and ends). Use narrower filters or {@link RestApiV2Client#iterHistory iterHistory} to get the rest.
 *   <li><b>Cursor</b> ({@code /audit/records}, {@code /automation_actions/actions}, ...): the
 *       same as {@link RestApiV2Client#iterCursor(String) iterCursor}, every record included.
 *   <li><b>After</b> ({@code /alert_grouping_settings}, python-pagerduty's
 *       {@code iter_alert_grouping_settings}): follows the {@code after} cursor; filter with
 *       {@code with(o -> o.param("service_ids[]", ids))}.
 *   <li><b>Analytics</b> ({@code /analytics/raw/incidents}, {@code /analytics/raw/users},
 *       {@code /analytics/raw/responders/{id}/incidents}; python-pagerduty's
 *       {@code iter_analytics_raw_incidents}): each page is a POST whose body is the view's
 *       parameters ({@code filters}, {@code order}, {@code order_by}, {@code time_zone}) plus
 *       {@code limit} and, after the first, {@code starting_after} = the previous page's
 *       {@code last}; it continues while the answer says {@code more: true}:
 *       {@code client.with(o -> o.param("filters", filters)).iterAll("/analytics/raw/incidents")}.
 *   <li>A path the table doesn't know (an endpoint newer than pdkit) is paged by offset.
 * </ul>
 *
 * <p>Each page goes through {@link RestApiV2Client#get(String) get}, so it is retried, counted in
 * {@link RestApiV2Client#stats() stats()} and unwrapped like {@link RestApiV2Client#rget(String) rget}. A page that fails ends the
 * iteration with the exception of its request, whose message ends with
 * "; while fetching the page at offset 200 of GET /users (200 records were returned before it)"
 * (or the cursor), so the caller can resume; records already returned stay returned.
 *
 * <p>The page size (records per request, PagerDuty returns at most 100), the page
 * concurrency and {@code total=true} come from the client's builder or from a view's
 * {@link RequestOptions}: {@code client.with(o -> o.pageSize(25).pageConcurrency(4).total(true))}.
 * With {@code total}, every request of offset pagination sends {@code total=true}, so the item
 * hook and {@link #total()} know PagerDuty's count once the first page has arrived;
 * without it, {@code total()} asks in a request of its own (cursor endpoints have none).
 *
 * <h2>Page concurrency</h2>
 *
 * <p>With a concurrency of 1 each page is requested when the previous one is used up, as
 * pdpyras does. Above 1, offset pagination requests its first page with {@code total=true};
 * from the total it knows how many pages follow, and keeps up to {@code pageConcurrency} of
 * them in flight or waiting while the iteration yields the records strictly in order. What it
 * yields is what a sequential iteration yields, record for record: a page is used only if it
 * was requested with the offset and limit a sequential iteration would have sent next, so
 * when the collection shrinks between requests (a short page), the pages requested ahead are
 * dropped and requested again from the right offset; when it grows past the total, the
 * iteration goes on one page at a time while the API says {@code more}. The 10,000 cap, the
 * stop rules and the error messages are those of sequential iteration.
 *
 * <ul>
 *   <li><b>Memory</b>: at most {@code pageConcurrency} pages are held, however long the
 *       collection.
 *   <li><b>Rate limits</b>: every page goes through the client's retries and throttle, so a
 *       429 is waited out and retried without losing its page, and requests slow down as
 *       {@code ratelimit-remaining} nears zero (see {@link ClientBuilder#rateLimit}).
 *   <li><b>Errors</b>: a page that fails cancels the pages requested after it; the iteration
 *       yields every record before it, then throws the page's exception.
 *   <li><b>Closing</b> the {@link Paged} (or its stream) cancels the requests in flight.
 *   <li><b>Cursor pagination</b> ({@code /audit/records} and the like) is inherently
 *       sequential: each request needs the cursor the previous answer returned, so it ignores
 *       {@code pageConcurrency}. So does an endpoint that doesn't report a {@code total}.
 * </ul>
 *
 * <p>The requests run on threads the client starts when first needed (daemons, ended by
 * {@link RestApiV2Client#close() close()}).
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

    /** The records of {@code pager}, each bound to {@code type} by {@code binder}. */
    static <T> Paged<T> of(Pager pager, BiFunction<Object, Type, Object> binder, Type type) {
        return new Paged<>(pager, binder, Objects.requireNonNull(type, "type"));
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
     * How many records match the listing, as PagerDuty counts them (python-pagerduty's
     * {@code get_total}): the {@code total} a page already read reported (a listing made with
     * {@code total(true)}), or else one request of its own with {@code total=true} and
     * {@code limit=1}, which neither starts nor disturbs the iteration. PagerDuty counts at request
     * time, so records created meanwhile can make it differ from what is read.
     *
     * <pre>{@code
     * long open = client.with(o -> o.param("statuses[]", List.of("triggered"))).iterAll("/incidents").total();
     * }</pre>
     *
     * @return the count
     * @throws PdUrlException for a listing PagerDuty reports no total for: cursor-paginated ones
     *     ({@code /audit/records}, ...), {@code /alert_grouping_settings} and the analytics ones
     * @throws PdHttpException if the count request fails
     * @throws PdServerException if its answer has no numeric {@code total}
     */
    public long total() {
        return pager.count();
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
        return "Paged{read=" + read() + (pager.total().isPresent() ? ", total=" + pager.total().getAsLong() : "")
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
