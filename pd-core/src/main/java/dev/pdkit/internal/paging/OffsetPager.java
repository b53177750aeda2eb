package dev.pdkit.internal.paging;

import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.internal.http.ClientLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    }

    /** The offset the next page would start at. */
    public long offset() {
        return offset;
    }

    @Override
    protected List<Map<String, Object>> nextPage() {
        if (done) {
            return null;
        }
        long pageLimit = Math.min(limit, CAP - offset);
        if (pageLimit <= 0) {
            done = true;
            capReached();
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>(base);
        request.put("limit", pageLimit);
        request.put("offset", offset);
        Page page;
        try {
            page = source.fetch(request);
        } catch (RuntimeException e) {
            done = true;
            throw PageFailure.at(e, "the page at offset " + offset + " of " + what, received);
        }
        total(page.get("total"));
        List<Map<String, Object>> items = page.items();
        if (items.isEmpty()) {
            done = true;
            if (page.isTrue("more")) {
                long at = offset;
                log.warning(() -> what + ": the page at offset " + at
                        + " is empty although the API says there are more records; stopping there");
            }
            return null;
        }
        int hash = items.hashCode();
        if (hash == previousHash && items.size() == previousSize) {
            done = true;
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
            done = true;
            log.warning(() -> what + " answered without a \"more\" property, so it does not paginate (or this is an"
                    + " API bug); only its first page was read. Use rget for this endpoint to avoid this warning.");
        } else if (!page.isTrue("more")) {
            done = true;
        }
        return items;
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
