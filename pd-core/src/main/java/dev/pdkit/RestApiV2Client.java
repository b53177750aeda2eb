package dev.pdkit;

import dev.pdkit.internal.http.KeyedDispatcher;
import dev.pdkit.internal.paging.CapPolicy;
import dev.pdkit.internal.paging.OffsetPager;
import dev.pdkit.internal.paging.Pager;
import dev.pdkit.internal.paging.Paginator;
import dev.pdkit.internal.redact.Secrets;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.Transport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client of PagerDuty's REST API v2, after pdpyras' {@code APISession}: one thin, generic client
 * that knows PagerDuty's conventions, so every endpoint works without a typed wrapper.
 *
 * <pre>{@code
 * try (RestApiV2Client client = RestApiV2Client.builder(token).defaultFrom("me@example.com").build()) {
 *     Map<String, Object> user = client.rget("/users/PABC123", Map.class);   // unwrapped {"user": {...}}
 *     Response r = client.get("/incidents", Map.of("statuses", List.of("triggered")));  // statuses[]=triggered
 * }
 * }</pre>
 *
 * <p>Three families of methods, as in pdpyras:
 * <ul>
 *   <li>{@code get/post/put/patch/delete} return the {@link Response} whatever its status (after
 *       retries); only a 401 raises.
 *   <li>{@code jget/jpost/jput} return the decoded JSON body and raise {@link PdHttpException} for
 *       any non-2xx status; an empty body (204) gives {@code null}.
 *   <li>{@code rget/rpost/rput/rpatch/rdelete} also wrap the request entity and unwrap the response
 *       ({@code {"user": {...}}} → the user), by PagerDuty's endpoint table, then by pdpyras'
 *       inference rule for paths the table does not know.
 * </ul>
 *
 * <p>Collections are read lazily, one page at a time, by {@link #iterAll(String, Map)}
 * (offset, cursor or {@code after} pagination, chosen from the endpoint table),
 * {@link #iterCursor(String, Map)}, {@link #iterHistory(String, Instant, Instant, Map)} (past
 * the 10,000-record cap by splitting the time window) and the analytics and alert-grouping
 * iterators; {@link #listAll}, {@link #dictAll}, {@link #find} and {@link #persist} build on them.
 *
 * <p>Anywhere a URL is taken, a path relative to the API root (with or without a leading slash),
 * a full URL under the base URL, or a resource {@code Map} with a {@code self} link is accepted.
 * Query parameters are a {@code Map}; a collection value becomes the repeated {@code key[]}
 * parameter. Immutable once built, and safe to share between threads. Close it to release a
 * transport it created.
 */
public final class RestApiV2Client implements AutoCloseable {

    /** PagerDuty's REST API version header value. */
    static final String ACCEPT = "application/vnd.pagerduty+json;version=2";

    private final ClientCore core;
    private final String token;
    private final AuthType authType;
    private final String defaultFrom;
    private final int defaultPageSize;
    private final int defaultPageConcurrency;
    /** One call: sending, wrapping, unwrapping, binding. */
    private final RestCalls calls;
    /** Reading collections, and the helpers built on it. */
    private final Paginator paginator;
    /** The account's abilities, subdomain and the token's access level. */
    private final AccountHelpers account;
    /** What {@link #with} added; {@link RequestOptions#none()} for the client itself. */
    private final RequestOptions options;
    /** What a listing does at the 10,000 cap. */
    private final CapPolicy capPolicy;
    /** False for a view made by {@link #with}: closing it leaves the client open. */
    private final boolean ownsCore;
    /** Runs {@link #async} calls on the core's worker threads. */
    private final KeyedDispatcher asyncCalls;

    private RestApiV2Client(Builder b) {
        this.token = b.token;
        this.authType = b.authType;
        this.defaultFrom = b.defaultFrom;
        this.defaultPageSize = b.defaultPageSize;
        this.defaultPageConcurrency = b.pageConcurrency;
        Headers.Builder fixed = Headers.builder()
                .set("Accept", ACCEPT)
                .set("Authorization", authType.header(token));
        if (defaultFrom != null) {
            fixed.set("From", defaultFrom);
        }
        this.core = new ClientCore(b, b.region.restUrl(), fixed.build(), false, token);
        this.options = RequestOptions.none();
        this.capPolicy = b.warnAtPaginationLimit ? CapPolicy.WARN : CapPolicy.THROW;
        this.calls = new RestCalls(core, Secrets.redact(b.token), options);
        this.paginator = paginator();
        this.account = new AccountHelpers(calls);
        this.ownsCore = true;
        this.asyncCalls = new KeyedDispatcher(core.workers);
    }

    /** A view of {@code client} whose every call adds {@code options}. */
    private RestApiV2Client(RestApiV2Client client, RequestOptions options) {
        this.core = client.core;
        this.token = client.token;
        this.authType = client.authType;
        this.defaultFrom = client.defaultFrom;
        this.defaultPageSize = options.pageSize().orElse(client.defaultPageSize);
        this.defaultPageConcurrency = options.pageConcurrency().orElse(client.defaultPageConcurrency);
        this.options = options;
        this.capPolicy = client.capPolicy;
        this.calls = client.calls.with(options);
        this.paginator = paginator();
        // The account's answers don't depend on per-call options: the view shares the client's cache.
        this.account = client.account;
        this.ownsCore = false;
        this.asyncCalls = client.asyncCalls;
    }

    /** The listings of this client or view: its page size, concurrency, total and item hook. */
    private Paginator paginator() {
        RequestOptions.ItemHook hook = options.itemHook().orElse(null);
        return new Paginator(calls, core.baseUrl, defaultPageSize, defaultPageConcurrency, options.total().orElse(false),
                hook == null ? null : hook::onItem, capPolicy, core.log, core.workers);
    }

    /**
     * A view of this client whose every call adds {@code options}: query parameters, headers (a
     * per-call {@code From}, {@code X-EARLY-ACCESS}), a timeout, and for listings the page size,
     * page concurrency, {@code total} and an item hook. Options of an earlier {@code with} stay
     * unless these replace them. The view shares everything else with this client (transport,
     * retries, statistics, listeners); it is cheap to make, immutable and thread-safe, and closing it
     * leaves this client open. See {@link RequestOptions} for why a view rather than an argument.
     *
     * @param options what to add to every call
     * @return the view
     */
    public RestApiV2Client with(RequestOptions options) {
        return new RestApiV2Client(this, this.options.with(options));
    }

    /**
     * {@link #with(RequestOptions)} with the options built in place:
     * {@code client.with(o -> o.pageSize(25).total(true)).iterAll("/incidents")}.
     *
     * @param options sets the options on a fresh builder
     * @return the view
     */
    public RestApiV2Client with(Consumer<RequestOptions.Builder> options) {
        RequestOptions.Builder b = RequestOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return with(b.build());
    }

    /**
     * Runs {@code call} on this client's worker threads and returns its result as a future: an
     * asynchronous form of every method at once, e.g.
     * {@code client.async(c -> c.rget("/users/PABC123", User.class))} or
     * {@code client.async(c -> c.with(o -> o.pageSize(100)).listAll("/incidents"))}. Why one method
     * rather than a second, asynchronous copy of the API: each call blocks on its transport anyway,
     * so a future form is that call on another thread, and this way every method, view and option
     * has one.
     *
     * <p>The future completes with what the call returns, or exceptionally with what it throws
     * (a {@link PdClientException} or {@link IllegalArgumentException}). {@code cancel(true)}
     * interrupts the call: a request in flight is aborted and nothing is retried. A call that has not
     * started when the client closes fails with {@link PdClientException}. The threads are those of
     * concurrent pagination ({@link ClientBuilder#threadFactory}), started when first needed.
     *
     * @param call what to run with this client (or view)
     * @param <T> the call's result
     * @return the call's future
     */
    public <T> CompletableFuture<T> async(Function<? super RestApiV2Client, ? extends T> call) {
        Objects.requireNonNull(call, "call");
        return asyncCalls.submit(null, () -> call.apply(this));
    }

    /** A client with every default: US region, token authentication, a discovered transport and codec. */
    public static RestApiV2Client create(String token) {
        return builder(token).build();
    }

    /** A builder for a client that authenticates with {@code token}. */
    public static Builder builder(String token) {
        return new Builder(token);
    }

    // ---------------------------------------------------------------- get/post/put/patch/delete

    /** GET; returns the response whatever its status. */
    public Response get(String url) {
        return request("GET", url, null, null, null);
    }

    /** GET with query parameters; returns the response whatever its status. */
    public Response get(String url, Map<String, ?> params) {
        return request("GET", url, params, null, null);
    }

    /** GET a resource by its {@code self} link. */
    public Response get(Map<String, ?> resource) {
        return request("GET", calls.resourceUrl(resource), null, null, null);
    }

    /** POST a JSON body ({@code null} for none); returns the response whatever its status. */
    public Response post(String url, Object body) {
        return request("POST", url, null, body, null);
    }

    /** POST a JSON body with query parameters. */
    public Response post(String url, Object body, Map<String, ?> params) {
        return request("POST", url, params, body, null);
    }

    /** PUT a JSON body ({@code null} for none); returns the response whatever its status. */
    public Response put(String url, Object body) {
        return request("PUT", url, null, body, null);
    }

    /** PUT a JSON body to a resource's {@code self} link. */
    public Response put(Map<String, ?> resource, Object body) {
        return request("PUT", calls.resourceUrl(resource), null, body, null);
    }

    /** PATCH a JSON body; returns the response whatever its status. */
    public Response patch(String url, Object body) {
        return request("PATCH", url, null, body, null);
    }

    /** DELETE; returns the response whatever its status. */
    public Response delete(String url) {
        return request("DELETE", url, null, null, null);
    }

    /** DELETE a resource by its {@code self} link. */
    public Response delete(Map<String, ?> resource) {
        return request("DELETE", calls.resourceUrl(resource), null, null, null);
    }

    /**
     * Any request, with full control.
     *
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param url a path, a full URL under the base URL
     * @param params query parameters, or {@code null}
     * @param body a JSON body (plain tree or bindable object), or {@code null}
     * @param headers extra headers for this request, which override the client's, or {@code null}
     * @return the last response whatever its status
     * @throws PdHttpException on 401 (unless {@code retry(401, n)} is set)
     * @throws PdUrlException if the URL is refused
     * @throws PdClientException on network failure after the retries
     */
    public Response request(String method, String url, Map<String, ?> params, Object body, Map<String, String> headers) {
        return calls.request(method, url, params, body, headers);
    }

    // ---------------------------------------------------------------- jget/jpost/jput

    /** GET and return the decoded body; raises for a non-2xx status. */
    public Map<String, Object> jget(String url) {
        return RestCalls.json(get(url));
    }

    /** GET with query parameters and return the decoded body. */
    public Map<String, Object> jget(String url, Map<String, ?> params) {
        return RestCalls.json(get(url, params));
    }

    /** GET a resource by its {@code self} link and return the decoded body. */
    public Map<String, Object> jget(Map<String, ?> resource) {
        return RestCalls.json(get(resource));
    }

    /** POST and return the decoded body. */
    public Map<String, Object> jpost(String url, Object body) {
        return RestCalls.json(post(url, body));
    }

    /** POST with query parameters and return the decoded body. */
    public Map<String, Object> jpost(String url, Object body, Map<String, ?> params) {
        return RestCalls.json(post(url, body, params));
    }

    /** PUT and return the decoded body. */
    public Map<String, Object> jput(String url, Object body) {
        return RestCalls.json(put(url, body));
    }

    /** PUT to a resource's {@code self} link and return the decoded body. */
    public Map<String, Object> jput(Map<String, ?> resource, Object body) {
        return RestCalls.json(put(resource, body));
    }

    // ---------------------------------------------------------------- rget/rpost/rput/rpatch/rdelete

    /**
     * GET and return the unwrapped entity, e.g. the user of {@code {"user": {...}}}. A collection
     * is read with {@link #listAll}/{@link #iterAll}, or bound with {@link #rget(String, TypeRef)}.
     *
     * @throws PdServerException if the entity is not a JSON object (an index's list, say), or a
     *     known endpoint's answer lacks it
     */
    public Map<String, Object> rget(String url) {
        return calls.unwrappedEntity("GET", url, null, null);
    }

    /** GET with query parameters and return the unwrapped entity; see {@link #rget(String)}. */
    public Map<String, Object> rget(String url, Map<String, ?> params) {
        return calls.unwrappedEntity("GET", url, params, null);
    }

    /** GET a resource by its {@code self} link and return the unwrapped entity; see {@link #rget(String)}. */
    public Map<String, Object> rget(Map<String, ?> resource) {
        return calls.unwrappedEntity("GET", calls.resourceUrl(resource), null, null);
    }

    /** GET and bind the unwrapped entity to {@code type} through the codec. */
    public <T> T rget(String url, Class<T> type) {
        return calls.bind(calls.unwrapped("GET", url, null, null), type);
    }

    /** GET with query parameters and bind the unwrapped entity to {@code type}. */
    public <T> T rget(String url, Map<String, ?> params, Class<T> type) {
        return calls.bind(calls.unwrapped("GET", url, params, null), type);
    }

    /**
     * GET and bind the unwrapped entity to a generic type:
     * {@code List<User> page = client.rget("/users", TypeRef.listOf(User.class))}.
     *
     * @param url a path, full URL under the base URL
     * @param type the type to bind to
     * @param <T> the bound type
     * @return the entity bound to {@code type}, or {@code null} for a JSON {@code null}
     */
    public <T> T rget(String url, TypeRef<T> type) {
        return calls.bind(calls.unwrapped("GET", url, null, null), Objects.requireNonNull(type, "type").type());
    }

    /** POST an entity, wrapped as the endpoint expects, and return the unwrapped result; see {@link #rget(String)}. */
    public Map<String, Object> rpost(String path, Object entity) {
        return calls.unwrappedEntity("POST", path, null, entity);
    }

    /** POST an entity and bind the unwrapped result to {@code type}. */
    public <T> T rpost(String path, Object entity, Class<T> type) {
        return calls.bind(calls.unwrapped("POST", path, null, entity), type);
    }

    /**
     * PUT an entity, wrapped as the endpoint expects, and return the unwrapped result;
     * {@code null} when the endpoint answers 204. {@code rput("incidents", List.of(...))} is a
     * multi-update: the list goes out as {@code {"incidents": [...]}}, and its answer, a list, is
     * read with {@link #rput(String, Object, TypeRef)}.
     *
     * @throws PdServerException if the result is not a JSON object
     */
    public Map<String, Object> rput(String url, Object entity) {
        return calls.unwrappedEntity("PUT", url, null, entity);
    }

    /** PUT an entity to a resource's {@code self} link and return the unwrapped result; see {@link #rget(String)}. */
    public Map<String, Object> rput(Map<String, ?> resource, Object entity) {
        return calls.unwrappedEntity("PUT", calls.resourceUrl(resource), null, entity);
    }

    /** PUT an entity and bind the unwrapped result to {@code type}. */
    public <T> T rput(String url, Object entity, Class<T> type) {
        return calls.bind(calls.unwrapped("PUT", url, null, entity), type);
    }

    /**
     * PUT an entity and bind the unwrapped result to a generic type, e.g. the list a multi-update
     * answers: {@code client.rput("/incidents", changes, TypeRef.listOf(Incident.class))}.
     *
     * @param url a path, full URL under the base URL
     * @param entity the entity (or list of entities) to send, wrapped as the endpoint expects
     * @param type the type to bind the result to
     * @param <T> the bound type
     * @return the result bound to {@code type}, or {@code null} for a 204
     */
    public <T> T rput(String url, Object entity, TypeRef<T> type) {
        return calls.bind(calls.unwrapped("PUT", url, null, entity), Objects.requireNonNull(type, "type").type());
    }

    /** PATCH an entity and return the unwrapped result; see {@link #rget(String)}. */
    public Map<String, Object> rpatch(String path, Object entity) {
        return calls.unwrappedEntity("PATCH", path, null, entity);
    }

    /** DELETE and return the response; raises for a non-2xx status. */
    public Response rdelete(String url) {
        return ClientCore.requireSuccess(delete(url), null);
    }

    /** DELETE a resource by its {@code self} link; raises for a non-2xx status. */
    public Response rdelete(Map<String, ?> resource) {
        return ClientCore.requireSuccess(delete(resource), null);
    }

    // ---------------------------------------------------------------- pagination

    /**
     * Every record of a collection, as a lazy {@link Paged}: {@code iterAll(path, null)}.
     *
     * @see #iterAll(String, Map)
     */
    public Paged<Map<String, Object>> iterAll(String path) {
        return iterAll(path, null);
    }

    /**
     * Every record of a paginated collection, as a lazy {@link Paged} that requests the next page only
     * when the records of the current one are used up (one page in memory at a time): iterate it
     * once with a for-each loop, {@link Paged#stream()} or {@link Paged#toList()}, or bind the
     * records with {@link Paged#as(Class)}. Closing it (try-with-resources, or a short-circuiting
     * stream operation such as {@code findFirst}) stops the requests. pdpyras' {@code iter_all}.
     *
     * <pre>{@code
     * try (Paged<Map<String, Object>> users = client.iterAll("/users", Map.of("team_ids[]", List.of("T1")))) {
     *     for (Map<String, Object> user : users) {
     *         System.out.println(user.get("email"));
     *     }
     * }
     * List<User> all = client.iterAll("/users").as(User.class).toList();
     * }</pre>
     *
     * <p>How it pages depends on the endpoint, as PagerDuty's endpoint table records it:
     * <ul>
     *   <li><b>Offset</b> ({@code /users}, {@code /incidents}, ...): each request sends
     *       {@code limit} = {@code pageSize} and an {@code offset} that advances by the number of
     *       records received (never by the {@code limit} the API echoes, which may be {@code null}).
     *       A {@code limit} or {@code offset} in {@code params} is honoured as the page size and
     *       the starting point. It stops on {@code more: false}, on an empty page, on a body without
     *       {@code more} (after its first page, with a warning) and on a page that repeats the
     *       previous one (with a warning).
     *   <li><b>The 10,000 cap</b>: PagerDuty refuses {@code offset + limit > 10000}. The last
     *       request's limit shrinks to end exactly at 10,000, so every reachable record is
     *       returned; then, if the API says more exist, the iteration throws
     *       {@link PdPaginationLimitException} (or, with {@link Builder#warnAtPaginationLimit}, logs
     *       a WARNING and ends). Use narrower filters or {@link #iterHistory} to get the rest.
     *   <li><b>Cursor</b> ({@code /audit/records}, {@code /automation_actions/actions}, ...): the
     *       same as {@link #iterCursor(String, Map)}, every record included.
     *   <li><b>After</b> ({@code /alert_grouping_settings}): follows the {@code after} cursor.
     *   <li>A path the table doesn't know (an endpoint newer than pdkit) is paged by offset.
     * </ul>
     *
     * <p>Each page goes through {@link #get(String, Map)}, so it is retried, counted in
     * {@link #stats()} and unwrapped like {@link #rget(String, Map)}. A page that fails ends the
     * iteration with the exception of its request, whose message ends with
     * "; while fetching the page at offset 200 of GET /users (200 records were returned before it)"
     * (or the cursor), so the caller can resume; records already returned stay returned.
     *
     * <p>The page size (records per request, PagerDuty returns at most 100), the page
     * concurrency and {@code total=true} come from the client's builder or from a view's
     * {@link RequestOptions}: {@code client.with(o -> o.pageSize(25).pageConcurrency(4).total(true))}.
     * With {@code total}, every request of offset pagination sends {@code total=true}, and
     * {@link Paged#total()} gives PagerDuty's count once the first page has arrived (cursor
     * endpoints have none).
     *
     * <p><b>Page concurrency.</b> With a concurrency of 1 each page is requested when the previous one is used up, as
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
     * {@link #close()}).
     *
     * @param path a collection path such as {@code /users}, or a full URL under the base URL
     * @param params query parameters, or {@code null}; never modified
     * @return the records as plain JSON maps, read page by page as they are used
     * @throws PdUrlException at once, before any request, for a path that is not a paginated
     *     collection: a single resource ({@code /users/P1}), a response without a wrapper, or a
     *     list the API returns whole (use {@link #rget(String)} for those)
     * @throws IllegalArgumentException if {@code limit}/{@code offset} in {@code params} is not a
     *     valid number
     */
    public Paged<Map<String, Object>> iterAll(String path, Map<String, ?> params) {
        return paged(paginator.pager(path, params, defaultPageSize, options.total().orElse(false),
                defaultPageConcurrency));
    }

    /** {@link #iterCursor(String, Map)} with no parameters. */
    public Paged<Map<String, Object>> iterCursor(String path) {
        return iterCursor(path, null);
    }

    /**
     * Every record of a cursor-paginated collection ({@code /audit/records},
     * {@code /automation_actions/actions} and the other endpoints PagerDuty's table marks
     * {@code cursor}), as a lazy {@link Paged}. Each request sends {@code limit} = the page size
     * (unless {@code params} has a {@code limit}) and the {@code cursor} of the previous page's
     * {@code next_cursor}; a {@code cursor} in {@code params} is the starting point. It ends when
     * {@code next_cursor} is null or empty. Errors are reported as in {@link #iterAll(String, Map)},
     * naming the failed page's cursor. A server that hands back a cursor this iteration already
     * followed, or more than 100,000 pages, would keep it going forever: after the records of that
     * page it raises {@link PdServerException}.
     *
     * @throws PdUrlException at once for a path that is not cursor-paginated
     */
    public Paged<Map<String, Object>> iterCursor(String path, Map<String, ?> params) {
        return paged(paginator.iterCursor(path, params, defaultPageSize));
    }

    /** {@link #getTotal(String, Map)} without filters. */
    public long getTotal(String path) {
        return getTotal(path, null);
    }

    /**
     * How many records of an offset-paginated collection match {@code params}, in one request:
     * {@code GET path} with {@code params} plus {@code total=true}, {@code limit=1},
     * {@code offset=0}.
     *
     * @throws PdHttpException if the request fails
     * @throws PdServerException if the answer has no numeric {@code total} (the endpoint doesn't count)
     */
    public long getTotal(String path, Map<String, ?> params) {
        return calls.total(path, params);
    }

    /** Every record of a collection in a list: {@code listAll(path, null)}. */
    public List<Map<String, Object>> listAll(String path) {
        return listAll(path, null);
    }

    /**
     * Every record of a collection, in a new mutable list: {@link #iterAll(String, Map)} collected.
     * It holds the whole collection in memory; prefer {@code iterAll} for large ones. Edge cases
     * (cap, errors, refused paths) are those of {@code iterAll}; on an error nothing is returned.
     */
    public List<Map<String, Object>> listAll(String path, Map<String, ?> params) {
        return paginator.listAll(path, params);
    }

    /** {@link #dictAll(String, Map, String)} keyed by {@code id}, without parameters. */
    public Map<String, Map<String, Object>> dictAll(String path) {
        return dictAll(path, null, "id");
    }

    /** {@link #dictAll(String, Map, String)} without parameters. */
    public Map<String, Map<String, Object>> dictAll(String path, String by) {
        return dictAll(path, null, by);
    }

    /** {@link #dictAll(String, Map, String)} keyed by {@code id}. */
    public Map<String, Map<String, Object>> dictAll(String path, Map<String, ?> params) {
        return dictAll(path, params, "id");
    }

    /**
     * Every record of a collection in a new mutable {@code LinkedHashMap}, in the API's order,
     * keyed by the text of each record's {@code by} property (pdpyras' {@code dict_all}). Keys are
     * not checked for uniqueness: a later record replaces an earlier one with the same key.
     *
     * @throws PdClientException if a record has no {@code by} property (or it is null)
     */
    public Map<String, Map<String, Object>> dictAll(String path, Map<String, ?> params, String by) {
        return paginator.dictAll(path, params, by);
    }

    /** {@link #find(String, String, String, Map)} on the {@code name} attribute. */
    public Optional<Map<String, Object>> find(String resource, String query) {
        return find(resource, query, "name", null);
    }

    /** {@link #find(String, String, String, Map)} without extra parameters. */
    public Optional<Map<String, Object>> find(String resource, String query, String attribute) {
        return find(resource, query, attribute, null);
    }

    /**
     * The first record of a collection whose {@code attribute} equals {@code query}, ignoring case
     * (pdpyras' {@code find}). It sends {@code query} as the {@code query} parameter (PagerDuty's
     * fuzzy search, which narrows the pages) and stops requesting at the first match. The match is
     * exact after lower-casing both sides: no trimming, so {@code "a@b.io "} does not match
     * {@code "a@b.io"}. A non-text attribute is compared by its text ({@code 5} matches
     * {@code "5"}). A record without the attribute, or with {@code null}, never matches.
     *
     * @param resource a collection path such as {@code users}
     * @param query the value to look for
     * @param attribute the property to compare
     * @param params more query parameters, or {@code null}; never modified
     * @return the record, or empty when none matches (including an empty collection)
     */
    public Optional<Map<String, Object>> find(String resource, String query, String attribute,
            Map<String, ?> params) {
        return paginator.find(resource, query, attribute, params);
    }

    /** {@link #persist(String, String, Map, Existing)} keeping an existing record as it is. */
    public Map<String, Object> persist(String resource, String attribute, Map<String, ?> values) {
        return persist(resource, attribute, values, Existing.KEEP);
    }

    /** What {@link #persist(String, String, Map, Existing) persist} does with a record that exists. */
    public enum Existing {
        /** Return it as it is (pdpyras' {@code update=False}). */
        KEEP,
        /** Merge the values over it and save it if that changed anything (pdpyras' {@code update=True}). */
        UPDATE
    }

    /**
     * Creates a record unless one with the same {@code attribute} value exists: an idempotent
     * create-or-update (pdpyras' {@code persist}).
     *
     * <ol>
     *   <li>{@link #find(String, String, String) find}{@code (resource, values[attribute], attribute)};
     *   <li>none found: {@link #rpost rpost}{@code (resource, values)} and return the created record;
     *   <li>found and {@code existing} is {@link Existing#KEEP}: return it as it is;
     *   <li>found and {@code existing} is {@link Existing#UPDATE}: merge {@code values} over it (values win); if the merge
     *       changed nothing (compared as JSON), return it without a request, else
     *       {@link #rput(Map, Object) rput} the merged record to its {@code self} link and return
     *       the API's answer.
     * </ol>
     *
     * @param resource a collection path such as {@code users}
     * @param attribute the property that identifies the record, e.g. {@code email}
     * @param values the record's desired properties; never modified
     * @param existing what to do with a record that exists, e.g.
     *     {@code persist("users", "email", values, Existing.UPDATE)}
     * @throws IllegalArgumentException if {@code values} has no (non-null) {@code attribute}
     * @throws PdUrlException if an existing record to update has no {@code self} link
     */
    public Map<String, Object> persist(String resource, String attribute, Map<String, ?> values, Existing existing) {
        return paginator.persist(resource, attribute, values, Objects.requireNonNull(existing, "existing") == Existing.UPDATE);
    }

    /** {@link #iterHistory(String, Instant, Instant, Map)} without filters. */
    public Paged<Map<String, Object>> iterHistory(String path, Instant since, Instant until) {
        return iterHistory(path, since, until, null);
    }

    /** {@link #iterHistory(String, Instant, Instant, Map)} with offset date-times. */
    public Paged<Map<String, Object>> iterHistory(String path, OffsetDateTime since, OffsetDateTime until) {
        return iterHistory(path, since, until, null);
    }

    /** {@link #iterHistory(String, Instant, Instant, Map)} with offset date-times. */
    public Paged<Map<String, Object>> iterHistory(String path, OffsetDateTime since, OffsetDateTime until,
            Map<String, ?> params) {
        return iterHistory(path, Objects.requireNonNull(since, "since").toInstant(),
                Objects.requireNonNull(until, "until").toInstant(), params);
    }

    /**
     * Every record of a time-stamped collection between {@code since} and {@code until}, past
     * PagerDuty's 10,000-record cap (python-pagerduty's {@code iter_history}), as a lazy {@link Paged}.
     *
     * <p>Supported: {@code /log_entries}, {@code /incidents}, {@code /incidents/{id}/log_entries},
     * {@code /change_events}, {@code /services/{id}/change_events}, {@code /notifications},
     * {@code /oncalls}, and the audit-record paths. For the offset-paginated ones it asks for the
     * window's total ({@link #getTotal(String, Map)}); a window holding more than 10,000 records is
     * split in half, recursively (at most 40 levels, never below one
     * second), and the windows are read oldest first. A window that can't be split further is read
     * as far as the cap allows, and then the cap rule of {@link #iterAll(String, Map)}
     * applies. Adjacent windows share their boundary instant: a record returned by both (same
     * {@code id}) is returned once; only the ids of records stamped within a second of a boundary
     * are remembered for that. On-call entries have no id, so one spanning a boundary may appear
     * twice (a warning says so). The audit-record paths are cursor-paginated, so one
     * {@link #iterCursor} walk over the whole window covers them.
     *
     * @param path a supported collection path
     * @param since the start of the window (sent as ISO-8601 UTC)
     * @param until the end of the window
     * @param params more filters, or {@code null}; never modified; must not hold {@code since},
     *     {@code until} or {@code offset}
     * @throws IllegalArgumentException if {@code since} is not before {@code until}, or
     *     {@code params} holds {@code since}, {@code until} or {@code offset}
     * @throws PdUrlException for a path iterHistory doesn't support
     */
    public Paged<Map<String, Object>> iterHistory(String path, Instant since, Instant until, Map<String, ?> params) {
        return paged(paginator.iterHistory(path, since, until, params));
    }

    /**
     * Every incident of PagerDuty's analytics that matches {@code filters}, newest first, as a lazy
     * {@link Paged}: {@code POST /analytics/raw/incidents} with the body {@code filters},
     * {@code order: desc}, {@code order_by: created_at} and {@code limit} (the page size) and, after
     * the first page, {@code starting_after} = the previous page's {@code last}. It continues while
     * the answer says {@code more: true} and carries a {@code last}. Errors are reported as in
     * {@link #iterAll(String, Map)}. For another order or a {@code time_zone}, send the body you
     * want with {@link #iterAnalytics(String, Map)}.
     *
     * @param filters the analytics filters, e.g. {@code created_at_start}, {@code service_ids};
     *     user-level tokens must filter by teams or services
     * @return the incidents as plain JSON maps
     */
    public Paged<Map<String, Object>> iterAnalyticsRawIncidents(Map<String, ?> filters) {
        return paged(paginator.iterAnalyticsRawIncidents(filters, "desc", "created_at", defaultPageSize, null));
    }

    /**
     * Every record of an analytics endpoint that pages with {@code starting_after} / {@code last}
     * / {@code more} in POST bodies ({@code /analytics/raw/incidents}, {@code /analytics/raw/users},
     * {@code /analytics/raw/responders/{id}/incidents}), yielding each page's {@code data}. The
     * body is sent as given, plus {@code limit} (the default page size) when it has none.
     *
     * @throws PdUrlException at once for a path PagerDuty's table doesn't mark as analytics-paginated
     */
    public Paged<Map<String, Object>> iterAnalytics(String path, Map<String, ?> body) {
        return paged(paginator.iterAnalytics(path, body));
    }

    /** {@link #iterAlertGroupingSettings(Collection)} for every service. */
    public Paged<Map<String, Object>> iterAlertGroupingSettings() {
        return iterAlertGroupingSettings(null);
    }

    /**
     * Every alert grouping setting, as a lazy {@link Paged}: {@code GET /alert_grouping_settings} with
     * {@code limit} (the page size), {@code service_ids[]} (when given) and, after the first page,
     * {@code after} = the previous page's {@code after}, until that is null. The same as
     * {@code iterAll("/alert_grouping_settings", ...)}.
     *
     * @param serviceIds only the settings of these services, or {@code null} for all
     * @return the settings as plain JSON maps
     */
    public Paged<Map<String, Object>> iterAlertGroupingSettings(Collection<String> serviceIds) {
        return paged(paginator.iterAlertGroupingSettings(serviceIds, defaultPageSize));
    }

    // ---------------------------------------------------------------- account helpers

    private Paged<Map<String, Object>> paged(Pager pager) {
        return Paged.of(pager, calls::bind);
    }

    /**
     * Whether the account has an ability, such as {@code teams} or {@code read_only_users}:
     * {@code GET /abilities/{ability}} answers 204 (true) or 402 Payment Required (false).
     *
     * @throws PdHttpException on 404 ("Invalid or unknown ability"), on 403 (the credential may not
     *     read abilities) and on any other error status
     */
    public boolean accountHasAbility(String ability) {
        return account.accountHasAbility(ability);
    }

    /**
     * The account's subdomain, e.g. {@code acme} for {@code acme.pagerduty.com}: the first label
     * of the host of the first user's {@code html_url} ({@code GET /users?limit=1}). Fetched once,
     * then remembered (thread-safe; concurrent first calls make one request). A failure is not
     * remembered: the next call asks again.
     *
     * @throws PdHttpException if the request fails
     * @throws PdServerException if the account lists no user or the user has no usable {@code html_url}
     */
    public String subdomain() {
        return account.subdomain();
    }

    /**
     * Whether the token is an account-level key ({@code "account"}) or belongs to a user
     * ({@code "user"}), from {@code GET /users/me}: a 400 whose error mentions an
     * "account-level access token" means account; any other answer but the errors below means
     * user. Fetched once, then remembered (thread-safe).
     *
     * @throws PdHttpException on any other 400 (the access level can't be told; not remembered)
     * @throws PdServerException on a 5xx (not remembered)
     */
    public String apiKeyAccess() {
        return account.apiKeyAccess();
    }

    // ---------------------------------------------------------------- the rest

    /** A snapshot of the requests made so far, per endpoint. */
    public ClientStats stats() {
        return core.stats.snapshot();
    }

    /** The base URL requests go to. */
    public String baseUrl() {
        return core.baseUrl.asString();
    }

    /** The {@code From} header sent with every request, or {@code null}. */
    public String defaultFrom() {
        return defaultFrom;
    }

    /** The token as it may be shown: {@code *} and its last four characters. */
    public String truncatedToken() {
        return Secrets.redact(token);
    }

    /** The transport this client sends through. */
    public Transport transport() {
        return core.transport();
    }

    /** Releases the transport if this client created it; a transport passed to the builder stays open. */
    @Override
    public void close() {
        if (ownsCore) {
            core.close();
        }
    }

    @Override
    public String toString() {
        return "RestApiV2Client{baseUrl=" + core.baseUrl + ", token=" + Secrets.redact(token) + ", authType=" + authType
                + (defaultFrom == null ? "" : ", from=" + defaultFrom) + ", transport=" + core.transport().name()
                + ", codec=" + core.codec.name() + "}";
    }

    /** Builds a {@link RestApiV2Client}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String token;
        private AuthType authType = AuthType.TOKEN;
        private String defaultFrom;
        private int defaultPageSize = 100;
        private int pageConcurrency = 1;
        private boolean warnAtPaginationLimit;

        private Builder(String token) {
            super(RetryOptions.restDefaults());
            this.token = checkCredential(token, "API token");
        }

        /** How the token is sent (default {@link AuthType#TOKEN}; OAuth tokens need {@link AuthType#OAUTH2}). */
        public Builder authType(AuthType authType) {
            this.authType = Objects.requireNonNull(authType, "authType");
            return this;
        }

        /**
         * The email of the PagerDuty user that actions are recorded against, sent as the
         * {@code From} header. Required with account-level API keys on incident operations.
         */
        public Builder defaultFrom(String email) {
            if (email != null && email.isBlank()) {
                throw new IllegalArgumentException("defaultFrom must be an email address, not blank");
            }
            if (email != null) {
                Headers.of("From", email);
            }
            this.defaultFrom = email;
            return this;
        }

        /**
         * The records to ask for per request when a pagination method is given no page size
         * (default 100, the most PagerDuty's offset pagination returns; pdpyras'
         * {@code default_page_size}).
         *
         * @throws IllegalArgumentException unless 1 &lt;= {@code pageSize} &lt;= 10000
         */
        public Builder defaultPageSize(int pageSize) {
            if (pageSize < 1 || pageSize > OffsetPager.CAP) {
                throw new IllegalArgumentException("defaultPageSize must be between 1 and " + OffsetPager.CAP + ": "
                        + pageSize);
            }
            this.defaultPageSize = pageSize;
            return this;
        }

        /**
         * The most page requests that offset pagination ({@code iterAll}, {@code listAll},
         * {@code dictAll}, {@code find}, ...) keeps in flight at once. The default, 1, requests
         * each page when the previous one is used up, as pdpyras does; above 1 the pages after
         * the first are fetched concurrently and still yielded in order, with the same results,
         * as {@link RestApiV2Client#iterAll(String, Map)} describes. A concurrency of
         * 4 to 8 reads a large collection several times faster; every request still counts
         * against PagerDuty's rate limit, which the client's retries and throttle respect.
         *
         * @throws IllegalArgumentException unless 1 &lt;= {@code pageConcurrency} &lt;= 100
         */
        public Builder pageConcurrency(int pageConcurrency) {
            this.pageConcurrency = Paginator.checkPageConcurrency(pageConcurrency, "pageConcurrency");
            return this;
        }

        /**
         * What offset pagination does when PagerDuty's 10,000-record cap stops it while more
         * records exist. By default ({@code false}) the iteration returns every reachable record
         * and then throws {@link PdPaginationLimitException}; {@code true} keeps pdpyras'
         * behaviour: log a WARNING and end the iteration, so the results are silently incomplete
         * for a caller that doesn't read logs.
         */
        public Builder warnAtPaginationLimit(boolean warn) {
            this.warnAtPaginationLimit = warn;
            return this;
        }

        /** Builds the client, finding a transport and codec if none was given. */
        public RestApiV2Client build() {
            return new RestApiV2Client(this);
        }

        @Override
        public String toString() {
            return "RestApiV2Client.Builder{token=" + Secrets.redact(token) + "}";
        }
    }
}
