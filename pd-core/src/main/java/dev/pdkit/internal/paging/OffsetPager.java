package dev.pdkit.internal.paging;

import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Classic {@code limit}/{@code offset}/{@code more} pagination.
 *
 * <ul>
 *   <li>Every request asks for {@code limit} = the page size (a {@code limit} in the caller's
 *       parameters wins) and starts at {@code offset} 0 or the caller's {@code offset}.
 *   <li>The offset advances by the number of records received, never by the {@code limit} the
 *       API echoes (some endpoints echo {@code null}, and the API may clamp a large limit).
 *   <li>It stops on {@code more: false}, on a body without {@code more} (after that first page,
 *       with a warning: the endpoint doesn't paginate), on an empty page (with a warning if
 *       {@code more} said otherwise), and on a page identical to the previous one (with a warning:
 *       following it would loop forever).
 *   <li>PagerDuty refuses any request with {@code offset + limit > 10000}. Before such a request
 *       the limit shrinks to fit exactly, so every reachable record is returned; if the API still
 *       says {@code more} at offset 10,000, the {@link CapPolicy} decides: throw
 *       {@link PdPaginationLimitException} or log a warning and stop.
 *   <li>With a page concurrency above 1, the first page is requested with {@code total=true};
 *       from its {@code total} and its size, a {@link PageWindow} keeps the next pages in flight
 *       while this pager reads them in order and decides exactly as above. Without a
 *       {@code total} in the answer it goes on one page at a time.
 * </ul>
 */
public final class OffsetPager extends Pager {

    /** PagerDuty's ceiling on {@code offset + limit}. */
    public static final int CAP = 10_000;

    private final PageSource source;
    private final String what;
    private final Map<String, Object> base;
    private final int limit;
    private final long startOffset;
    private final CapPolicy capPolicy;
    private final String capAdvice;
    private final ClientLog log;
    private final PageWindow window;

    private long offset;
    private long received;
    private boolean done;
    private int previousHash;
    private int previousSize = -1;

    /**
     * @param source fetches one page for a map of query parameters
     * @param what the request, for messages, e.g. {@code GET /users}
     * @param params the caller's query parameters, or {@code null}; copied, never modified
     * @param pageSize the limit to ask for when {@code params} has none; at least 1
     * @param requestTotal whether to send {@code total=true} (then {@link #total()} is known
     *     after the first page)
     * @param capPolicy what to do at the 10,000 cap
     * @param capAdvice what the cap message suggests, e.g. narrower filters
     * @param log where warnings go
     * @throws IllegalArgumentException if {@code pageSize}, or a {@code limit} or {@code offset}
     *     in {@code params}, is not a valid number
     */
    public OffsetPager(PageSource source, String what, Map<String, ?> params, int pageSize, boolean requestTotal,
            CapPolicy capPolicy, String capAdvice, ClientLog log) {
        this(source, what, params, pageSize, requestTotal, capPolicy, capAdvice, log, 1, null);
    }

    /**
     * An offset pager that keeps up to {@code concurrency} requests in flight (see the class
     * description); with a concurrency of 1 it is the sequential pager above.
     *
     * @param concurrency the most pages in flight or held at once; at least 1
     * @param executor runs the page requests when {@code concurrency} is above 1
     * @throws IllegalArgumentException if {@code concurrency} is below 1, or as above
     */
    public OffsetPager(PageSource source, String what, Map<String, ?> params, int pageSize, boolean requestTotal,
            CapPolicy capPolicy, String capAdvice, ClientLog log, int concurrency, Executor executor) {
        this.source = Objects.requireNonNull(source, "source");
        this.what = Objects.requireNonNull(what, "what");
        this.capPolicy = Objects.requireNonNull(capPolicy, "capPolicy");
        this.capAdvice = capAdvice == null ? "" : capAdvice;
        this.log = Objects.requireNonNull(log, "log");
        Map<String, Object> copy = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        Object l = copy.remove("limit");
        Object o = copy.remove("offset");
        this.limit = l == null ? Params.positive(pageSize, "page size") : Params.positive(Params.integer(l, "limit"), "limit");
        this.offset = o == null ? 0 : Params.nonNegative(Params.integer(o, "offset"), "offset");
        this.startOffset = offset;
        if (requestTotal) {
            copy.put("total", true);
        }
        this.base = copy;
        this.window = Params.positive(concurrency, "page concurrency") == 1 ? null
                : new PageWindow(source, this::requestAt, concurrency, Objects.requireNonNull(executor, "executor"), what);
    }

    @Override
    protected List<Map<String, Object>> nextPage() {
        if (done) {
            return null;
        }
        long pageLimit = Math.min(limit, CAP - offset);
        if (pageLimit <= 0) {
            finish();
            capReached();
            return null;
        }
        Page page;
        try {
            page = window == null ? source.fetch(requestAt(offset)) : window.take(offset);
        } catch (RuntimeException e) {
            finish();   // also cancels the pages requested ahead
            throw PageFailure.at(e, "the page at offset " + offset + " of " + what, received);
        }
        boolean first = received == 0;
        total(page.get("total"));
        List<Map<String, Object>> items = page.items();
        if (items.isEmpty()) {
            finish();
            if (page.isTrue("more")) {
                long at = offset;
                log.warning(() -> what + ": the page at offset " + at
                        + " is empty although the API says there are more records; stopping there");
            }
            return null;
        }
        int hash = items.hashCode();
        if (hash == previousHash && items.size() == previousSize) {
            finish();
            long at = offset;
            log.warning(() -> what + ": the page at offset " + at
                    + " repeats the previous page; stopping there instead of looping");
            return null;
        }
        previousHash = hash;
        previousSize = items.size();
        received += items.size();
        offset += items.size();
        if (!page.body().containsKey("more")) {
            finish();
            log.warning(() -> what + " answered without a \"more\" property, so it does not paginate (or this is an"
                    + " API bug); only its first page was read. Use rget for this endpoint to avoid this warning.");
        } else if (!page.isTrue("more")) {
            finish();
        } else if (first && window != null && page.get("total") instanceof Number n) {
            window.plan(items.size(), Math.min(n.longValue(), CAP));
        }
        return items;
    }

    /** The request a sequential iteration sends for the page at {@code at}. */
    private Map<String, Object> requestAt(long at) {
        Map<String, Object> request = new LinkedHashMap<>(base);
        request.put("limit", Math.min(limit, CAP - at));
        request.put("offset", at);
        if (window != null && at == startOffset) {
            // The window plans the pages ahead from the first page's total.
            request.put("total", true);
        }
        return request;
    }

    private void finish() {
        done = true;
        if (window != null) {
            window.close();
        }
    }

    /** Stops the iteration and cancels the pages requested ahead. */
    @Override
    public void close() {
        super.close();
        if (window != null) {
            window.close();
        }
    }

    private void capReached() {
        String message;
        if (received == 0 && offset >= CAP) {
            message = what + ": the starting offset " + offset + " is at or past PagerDuty's limit of " + CAP
                    + " on offset+limit, so no record is reachable by offset pagination. " + capAdvice;
        } else {
            message = what + ": PagerDuty's limit of " + CAP + " on offset+limit was reached after returning "
                    + received + " records (offsets " + startOffset + " to " + (offset - 1)
                    + "), and the API says more exist. " + capAdvice;
        }
        if (capPolicy == CapPolicy.THROW) {
            throw new PdPaginationLimitException(message.strip(), received);
        }
        log.warning(() -> message.strip() + " The results are incomplete.");
    }
}
