package dev.pdkit.internal.paging;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pagination that follows an opaque token from each page to the next: PagerDuty's cursor
 * pagination ({@code cursor} / {@code next_cursor}), the {@code after} cursor of
 * {@code GET /alert_grouping_settings}, and the analytics endpoints ({@code starting_after} /
 * {@code last} with {@code more}, in a POST body).
 *
 * <p>The request carries {@code limit} = the page size unless the caller's map has a
 * {@code limit}; a token in the caller's map is the starting point. Iteration ends when the page
 * carries no token (null or empty), or when the style requires {@code more} and it is not true.
 * Pages may be empty in the middle of the collection; only the token decides.
 *
 * <p>A server that hands back a token this iteration has already sent (A, B, A, ...) would make it
 * loop forever; so would one that never stops handing out new ones. Both end the iteration with
 * the page's {@code malformed} exception (a {@code PdServerException}) once that page's records
 * were yielded: a token seen before, or more than {@link #MAX_PAGES} pages.
 */
public final class TokenPager extends Pager {

    /** Where the token goes in the request and where it comes from in the response. */
    public enum Style {
        /** {@code ?cursor=} and {@code next_cursor}: the 20 cursor-paginated GETs. */
        CURSOR("cursor", "next_cursor", false, "cursor"),
        /** {@code ?after=} and {@code after}: {@code GET /alert_grouping_settings}. */
        AFTER("after", "after", false, "after"),
        /** Body {@code starting_after} and {@code last}, continuing while {@code more}: analytics POSTs. */
        ANALYTICS("starting_after", "last", true, "starting after");

        final String requestKey;
        final String responseKey;
        final boolean needsMore;
        final String label;

        Style(String requestKey, String responseKey, boolean needsMore, String label) {
            this.requestKey = requestKey;
            this.responseKey = responseKey;
            this.needsMore = needsMore;
            this.label = label;
        }
    }

    /**
     * The most pages one iteration fetches: {@value}. Far beyond any real collection (at PagerDuty's
     * 960 requests a minute it takes more than 100 minutes), it bounds a server that never stops.
     */
    public static final int MAX_PAGES = 100_000;

    private final PageSource source;
    private final String what;
    private final Style style;
    private final Map<String, Object> base;

    private Object token;
    private final Set<Object> sent = new HashSet<>();
    private long received;
    private int pages;
    private boolean done;
    /** Raised on the call after the page whose records come before it. */
    private RuntimeException pendingFailure;

    /**
     * @param source fetches one page for a request map (query parameters or JSON body)
     * @param what the request, for messages, e.g. {@code GET /audit/records}
     * @param request the caller's parameters or body, or {@code null}; copied, never modified
     * @param pageSize the limit to ask for when {@code request} has none; at least 1
     * @param style the kind of token
     */
    public TokenPager(PageSource source, String what, Map<String, ?> request, int pageSize, Style style) {
        this.source = Objects.requireNonNull(source, "source");
        this.what = Objects.requireNonNull(what, "what");
        this.style = Objects.requireNonNull(style, "style");
        Map<String, Object> copy = request == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request);
        if (copy.get("limit") == null) {
            copy.put("limit", Params.positive(pageSize, "page size"));
        }
        this.token = copy.remove(style.requestKey);
        this.base = copy;
    }

    @Override
    protected List<Map<String, Object>> nextPage() {
        if (pendingFailure != null) {
            RuntimeException e = pendingFailure;
            pendingFailure = null;
            throw e;
        }
        if (done) {
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>(base);
        if (token != null) {
            request.put(style.requestKey, token);
        }
        Page page;
        try {
            page = source.fetch(request);
        } catch (RuntimeException e) {
            done = true;
            String where = token == null ? "the first page of " + what
                    : "the page " + style.label + " '" + token + "' of " + what;
            throw PageFailure.at(e, where, received);
        }
        total(page.get("total"));
        received += page.items().size();
        pages++;
        if (token != null) {
            sent.add(token);
        }
        Object next = page.get(style.responseKey);
        if (next == null || next.equals("") || (style.needsMore && !page.isTrue("more"))) {
            done = true;
        } else if (sent.contains(next)) {
            // Only a page requested with a token can hand back one already sent: the first page has none.
            done = true;
            pendingFailure = page.malformed().apply(what + ": the page " + style.label + " '" + token + "' hands back "
                    + style.responseKey + " '" + next + "', which this iteration has already followed; following it"
                    + " again would loop forever (" + received + " records were returned before it)");
        } else if (pages >= MAX_PAGES) {
            done = true;
            pendingFailure = page.malformed().apply(what + ": still more pages after " + MAX_PAGES
                    + " (" + received + " records); stopping, as a server that never stops handing out new "
                    + style.responseKey + " values would keep this loop going forever");
        } else {
            token = next;
        }
        return page.items();
    }
}
