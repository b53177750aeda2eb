package dev.pdkit.internal.paging;

import dev.pdkit.PdClientException;
import dev.pdkit.PdUrlException;
import dev.pdkit.internal.http.ClientLog;
import dev.pdkit.internal.http.WorkerPool;
import dev.pdkit.internal.url.BaseUrl;
import dev.pdkit.internal.wrapping.EntityWrapping;
import dev.pdkit.internal.wrapping.Pagination;
import dev.pdkit.internal.wrapping.WrapperDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the REST API v2 client reads collections: which pager serves a path (offset, cursor or
 * {@code after} for a GET, {@code starting_after} for an analytics POST, from the endpoint table,
 * or a refusal before any request), the checks of page size and concurrency, the walkers built on
 * the pagers (cursor, history windows) and pdpyras' helpers built on reading a collection: {@code listAll},
 * {@code dictAll}, {@code find} and {@code persist} (find, then one create or update).
 *
 * <p>The requests themselves are the client's: it lends them through {@link Calls}, so every page
 * is retried, counted, checked and unwrapped like any other call. The client's public methods
 * document the behaviour; this class implements it. Immutable and thread-safe; the pagers it
 * returns serve one consumer each.
 */
public final class Paginator {

    /**
     * What reading collections needs of the client's calls. The client implements it with its own
     * request methods.
     */
    public interface Calls {

        /** The pages of {@code GET url}, each answer checked for success and unwrapped by {@code decision}. */
        PageSource getPages(String url, WrapperDecision decision);

        /**
         * The pages of an analytics {@code POST url}: each answer's records are its {@code data}. The
         * view's parameters are the body of these requests, never added to their query.
         */
        PageSource postPages(String url);

        /** How many records of {@code url} match {@code params}, in one request with {@code total=true}. */
        long total(String url, Map<String, ?> params);

        /** POSTs or PUTs a record (wrapped) and returns the unwrapped record the API answered. */
        Map<String, Object> entity(String method, String url, Object entity);

        /** The tree {@code value} becomes in JSON, to compare records. */
        Object asJson(Object value);

        /** The URL of a resource's {@code self} link. */
        String resourceUrl(Map<String, ?> resource);
    }

    private final Calls calls;
    private final BaseUrl baseUrl;
    private final int defaultPageSize;
    private final int defaultPageConcurrency;
    private final boolean defaultTotal;
    private final Pager.RecordHook itemHook;
    private final CapPolicy capPolicy;
    private final ClientLog log;
    private final WorkerPool workers;
    /** The view's parameters: where a pager starts, and the body of an analytics listing. */
    private final Map<String, Object> viewParams;

    /**
     * @param calls the client's requests
     * @param baseUrl where paths are resolved, to find their endpoint
     * @param defaultPageSize the page size of the methods given none
     * @param defaultPageConcurrency the page concurrency of the methods given none
     * @param defaultTotal whether offset listings ask for {@code total=true}
     * @param itemHook sees each record as it is read, or {@code null}
     * @param capPolicy what offset pagination does at the 10,000 cap
     * @param log where warnings go
     * @param workers runs the page requests of concurrent pagination
     * @param viewParams the view's parameters, the body of an analytics listing
     */
    public Paginator(Calls calls, BaseUrl baseUrl, int defaultPageSize, int defaultPageConcurrency,
            boolean defaultTotal, Pager.RecordHook itemHook, CapPolicy capPolicy, ClientLog log, WorkerPool workers,
            Map<String, ?> viewParams) {
        this.viewParams = new LinkedHashMap<>(Objects.requireNonNull(viewParams, "viewParams"));
        this.defaultTotal = defaultTotal;
        this.itemHook = itemHook;
        this.calls = Objects.requireNonNull(calls, "calls");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.defaultPageSize = defaultPageSize;
        this.defaultPageConcurrency = defaultPageConcurrency;
        this.capPolicy = Objects.requireNonNull(capPolicy, "capPolicy");
        this.log = Objects.requireNonNull(log, "log");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * The pager behind {@code iterAll} and the helpers that read whole collections, chosen from
     * the endpoint table: offset, cursor or {@code after} for a paginated GET, and
     * {@code starting_after} in POST bodies for the analytics endpoints, whose request body is the
     * listing's parameters (the view's, then {@code params}).
     *
     * @throws PdUrlException for a path that is not a paginated collection
     * @throws IllegalArgumentException for an invalid page size, concurrency, limit or offset
     */
    public Pager pager(String path, Map<String, ?> params, int pageSize, boolean total, int pageConcurrency) {
        checkPageSize(pageSize);
        checkPageConcurrency(pageConcurrency, "pageConcurrency");
        Target analytics = target("POST", path);
        if (analytics.decision.source() == WrapperDecision.Source.TABLE
                && analytics.decision.pagination() == Pagination.ANALYTICS) {
            return new TokenPager(calls.postPages(path), analytics.what, withViewParams(params), pageSize, TokenPager.Style.ANALYTICS)
                    .withHook(itemHook).withCount(uncounted(analytics, "pages with starting_after"));
        }
        Target t = target("GET", path);
        Pagination how = Route.of(t.decision);
        PageSource source = calls.getPages(path, t.decision);
        Map<String, Object> query = withViewParams(params);
        Pager pager = switch (how) {
            case CURSOR -> new TokenPager(source, t.what, query, pageSize, TokenPager.Style.CURSOR)
                    .withCount(uncounted(t, "is cursor-paginated"));
            case AFTER_BEFORE -> new TokenPager(source, t.what, query, pageSize, TokenPager.Style.AFTER)
                    .withCount(uncounted(t, "pages with an 'after' cursor"));
            default -> new OffsetPager(source, t.what, query, pageSize, total, capPolicy, capAdvice(t), log,
                    pageConcurrency, workers).withCount(() -> calls.total(path, query));
        };
        return pager.withHook(itemHook);
    }

    /**
     * The view's parameters, then {@code params}: what a pager starts from, so that a {@code limit},
     * {@code offset} or {@code cursor} set on the view is its page size or starting point.
     */
    private Map<String, Object> withViewParams(Map<String, ?> params) {
        Map<String, Object> all = new LinkedHashMap<>(viewParams);
        if (params != null) {
            all.putAll(params);
        }
        return all;
    }

    /** A count for a listing PagerDuty reports no total for: it raises, naming the listing and why. */
    private static Pager.Count uncounted(Target t, String why) {
        return () -> {
            throw new PdUrlException(t.what + " " + why + ", and PagerDuty reports no total for it");
        };
    }

    /** {@code iterAll(path)}: {@link #pager} with the defaults of this client or view. */
    public Pager iterAll(String path) {
        return pager(path, null, defaultPageSize, defaultTotal, defaultPageConcurrency);
    }

    /** {@code iterCursor(path)} at the default page size. */
    public Pager iterCursor(String path) {
        return iterCursor(path, null, defaultPageSize);
    }

    /** {@code iterAll(path, params, pageSize)}: {@link #pager} at the default concurrency. */
    public Pager iterAll(String path, Map<String, ?> params, int pageSize) {
        return pager(path, params, pageSize, defaultTotal, defaultPageConcurrency);
    }

    /**
     * {@code iterCursor}: every record of a cursor-paginated collection.
     *
     * @throws PdUrlException at once for a path that is not cursor-paginated
     */
    public Pager iterCursor(String path, Map<String, ?> params, int pageSize) {
        checkPageSize(pageSize);
        Target t = target("GET", path);
        if (t.decision.source() != WrapperDecision.Source.TABLE || t.decision.pagination() != Pagination.CURSOR) {
            throw new PdUrlException(t.shown + " does not support cursor-based pagination");
        }
        return new TokenPager(calls.getPages(path, t.decision), t.what, withViewParams(params), pageSize,
                TokenPager.Style.CURSOR).withHook(itemHook).withCount(uncounted(t, "is cursor-paginated"));
    }

    /** {@code listAll}: {@code iterAll(path, params)} collected in a new mutable list. */
    public List<Map<String, Object>> listAll(String path, Map<String, ?> params) {
        try (Stream<Map<String, Object>> all = iterAll(path, params, defaultPageSize).stream()) {
            return all.collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /**
     * {@code dictAll}: every record keyed by the text of its {@code by} property.
     *
     * @throws PdClientException if a record has no {@code by} property (or it is null)
     */
    public Map<String, Map<String, Object>> dictAll(String path, Map<String, ?> params, String by) {
        Objects.requireNonNull(by, "by");
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        try (Pager all = pager(path, params, defaultPageSize, defaultTotal, defaultPageConcurrency)) {
            while (all.hasNext()) {
                Map<String, Object> record = all.next();
                Object key = record.get(by);
                if (key == null) {
                    throw new PdClientException("dictAll(\"" + path + "\", by \"" + by + "\"): record "
                            + all.returned() + " has no '" + by + "' property (keys: " + record.keySet() + ")");
                }
                result.put(String.valueOf(key), record);
            }
        }
        return result;
    }

    /** {@code find}: the first record whose {@code attribute} equals {@code query}, ignoring case. */
    public Optional<Map<String, Object>> find(String resource, String query, String attribute, Map<String, ?> params) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(attribute, "attribute");
        Map<String, Object> qp = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        qp.put("query", query);
        String term = query.toLowerCase(Locale.ROOT);
        try (Stream<Map<String, Object>> all = iterAll(resource, qp, defaultPageSize).stream()) {
            return all.filter(record -> {
                Object value = record.get(attribute);
                return value != null && String.valueOf(value).toLowerCase(Locale.ROOT).equals(term);
            }).findFirst();
        }
    }

    /**
     * {@code persist}: creates a record unless one with the same {@code attribute} value exists,
     * and updates that one when {@code update} is true and the merge changes it.
     *
     * @throws IllegalArgumentException if {@code values} has no (non-null) {@code attribute}
     */
    public Map<String, Object> persist(String resource, String attribute, Map<String, ?> values, boolean update) {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(values, "values");
        if (values.get(attribute) == null) {
            throw new IllegalArgumentException("values must contain a key equal to the attribute argument"
                    + " (expected idempotency key: '" + attribute + "'); its keys are " + values.keySet());
        }
        Optional<Map<String, Object>> existing = find(resource, String.valueOf(values.get(attribute)), attribute, null);
        if (existing.isEmpty()) {
            return calls.entity("POST", resource, values);
        }
        Map<String, Object> found = existing.get();
        if (!update) {
            return found;
        }
        Map<String, Object> merged = new LinkedHashMap<>(found);
        merged.putAll(values);
        if (calls.asJson(merged).equals(calls.asJson(found))) {
            return found;
        }
        return calls.entity("PUT", calls.resourceUrl(found), merged);
    }

    /**
     * {@code iterHistory}: every record of a time-stamped collection in {@code [since, until]},
     * splitting the window past the 10,000 cap, or one cursor walk for the audit-record paths.
     *
     * @throws IllegalArgumentException for a bad window or {@code params} holding since, until or offset
     * @throws PdUrlException for a path iterHistory doesn't support
     */
    public Pager iterHistory(String path, Instant since, Instant until, Map<String, ?> params) {
        HistoryPager.checkWindow(since, until);
        Map<String, Object> base = withViewParams(params);
        for (String key : List.of("since", "until", "offset")) {
            if (base.containsKey(key)) {
                throw new IllegalArgumentException("iterHistory: pass the time window as the since and until"
                        + " arguments; the parameters must not contain '" + key + "'");
            }
        }
        Target t = target("GET", path);
        String pattern = t.decision.source() == WrapperDecision.Source.TABLE ? t.decision.pattern() : null;
        if (pattern != null && HistoryPaths.isCursor(pattern)) {
            base.put("since", since);
            base.put("until", until);
            return new TokenPager(calls.getPages(path, t.decision), t.what, base, defaultPageSize,
                    TokenPager.Style.CURSOR).withHook(itemHook).withCount(uncounted(t, "is cursor-paginated"));
        }
        String timeField = HistoryPaths.timeField(pattern);
        if (timeField == null) {
            throw new PdUrlException("iterHistory does not support GET " + t.shown + "; it supports "
                    + String.join(", ", HistoryPaths.all()));
        }
        if (pattern.equals("/oncalls")) {
            log.warning(() -> "iterHistory on GET /oncalls may return an on-call entry more than once: entries"
                    + " have no id, and one that spans a window boundary is in both windows");
        }
        PageSource source = calls.getPages(path, t.decision);
        HistoryPager pager = new HistoryPager(t.what, timeField, since, until,
                (s, u) -> calls.total(path, window(base, s, u)),
                (s, u, advice) -> new OffsetPager(source, t.what + " (window " + s + " to " + u + ")",
                        window(base, s, u), defaultPageSize, false, capPolicy, advice, log,
                        defaultPageConcurrency, workers),
                log);
        return pager.withHook(itemHook).withCount(() -> calls.total(path, window(base, since, until)));
    }

    private static Map<String, Object> window(Map<String, Object> base, Instant since, Instant until) {
        Map<String, Object> params = new LinkedHashMap<>(base);
        params.put("since", since);
        params.put("until", until);
        return params;
    }

    /**
     * A request as messages show it.
     *
     * @param decision the endpoint's wrapper decision
     * @param what the method and the path, e.g. {@code GET /users}
     * @param shown the endpoint's pattern, or the path when no endpoint matches
     */
    private record Target(WrapperDecision decision, String what, String shown) {
    }

    private Target target(String method, String url) {
        String path = baseUrl.apiPath(baseUrl.resolve(url));
        WrapperDecision decision = EntityWrapping.decide(method, path);
        return new Target(decision, method + " " + path, decision.pattern() != null ? decision.pattern() : path);
    }

    private static String capAdvice(Target t) {
        String pattern = t.decision.pattern();
        if (HistoryPaths.timeField(pattern) != null) {
            return "Narrow the query with filters or a shorter since/until window, or use iterHistory(path, since,"
                    + " until), which splits the time window to read every record.";
        }
        return "Narrow the query with filters to read the rest.";
    }

    /**
     * Checks a page size.
     *
     * @return {@code pageSize}
     * @throws IllegalArgumentException if below 1
     */
    public static int checkPageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1: " + pageSize);
        }
        return pageSize;
    }

    /**
     * Checks a page concurrency. Why 100: under the 10,000 cap a collection has at most 100 pages
     * of PagerDuty's largest size.
     *
     * @param what the setting's name, for the message
     * @return {@code pageConcurrency}
     * @throws IllegalArgumentException unless 1 &lt;= {@code pageConcurrency} &lt;= 100
     */
    public static int checkPageConcurrency(int pageConcurrency, String what) {
        if (pageConcurrency < 1 || pageConcurrency > 100) {
            throw new IllegalArgumentException(what + " must be between 1 and 100: " + pageConcurrency);
        }
        return pageConcurrency;
    }
}
