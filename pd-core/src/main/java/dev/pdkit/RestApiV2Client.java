package dev.pdkit;

import dev.pdkit.internal.http.KeyedDispatcher;
import dev.pdkit.internal.paging.CapPolicy;
import dev.pdkit.internal.paging.Paginator;
import dev.pdkit.internal.redact.Secrets;
import java.time.Instant;
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
 *     Map<String, Object> user = client.rget("/users/PABC123");        // unwrapped {"user": {...}}
 *     User jane = client.as(User.class).rget("/users/PABC123");        // bound to your record
 *     List<Map<String, Object>> open = client
 *             .with(o -> o.param("statuses[]", List.of("triggered")))  // statuses[]=triggered
 *             .listAll("/incidents");
 * }
 * }</pre>
 *
 * <p>Three families of methods, as in pdpyras, each with one short form:
 * <ul>
 *   <li>{@link #get} and {@link #request} return the {@link Response} whatever its status (after
 *       retries); only a 401 raises.
 *   <li>{@code jget/jpost/jput} return the decoded JSON body and raise {@link PdHttpException} for
 *       any non-2xx status; an empty body (204) gives {@code null}.
 *   <li>{@code rget/rpost/rput/rpatch/rdelete} also wrap the request entity and unwrap the response
 *       ({@code {"user": {...}}} → the user), by PagerDuty's endpoint table, then by pdpyras'
 *       inference rule for paths the table does not know.
 * </ul>
 *
 * <p>Collections are read lazily, page by page, by {@link #iterAll(String)} (the pagination
 * chosen from the endpoint table), {@link #iterCursor(String)} and
 * {@link #iterHistory(String, Instant, Instant)}; {@link #listAll}, {@link #dictAll},
 * {@link #find} and {@link #persist} build on them. Everything else a call can carry goes through
 * views rather than overloads: {@link #with(Consumer)} adds parameters, headers, a timeout and
 * listing options; {@link #as(Class)} binds results to your type; {@link #async(Function)} runs
 * any call on the client's threads. A URL is a path relative to the API root or a full URL under
 * the base URL ({@link Resources#selfUrl} gives a record's own); a collection parameter value
 * becomes the repeated {@code key[]} parameter. Immutable and thread-safe. Close it to release
 * a transport it created.
 */
public final class RestApiV2Client implements AutoCloseable {

    private final ClientCore core;
    /** One call: sending, wrapping, unwrapping, binding. */
    private final RestCalls calls;
    /** Reading collections, and the helpers built on it. */
    private final Paginator paginator;
    /** The account, the credential, and python-pagerduty's account helpers. */
    private final Account account;
    /** What {@link #with} added; {@link RequestOptions#none()} for the client itself. */
    private final RequestOptions options;
    /** The builder's listing settings; a view's options override the first two. */
    private final int defaultPageSize;
    private final int defaultPageConcurrency;
    private final CapPolicy capPolicy;
    /** False for a view made by {@link #with}: closing it leaves the client open. */
    private final boolean ownsCore;
    /** Runs {@link #async} calls on the core's worker threads. */
    private final KeyedDispatcher asyncCalls;

    RestApiV2Client(RestApiV2ClientBuilder b) {
        this.core = new ClientCore(b, b.region.restUrl(), b.fixedHeaders(), false, b.token);
        this.options = RequestOptions.none();
        this.defaultPageSize = b.defaultPageSize;
        this.defaultPageConcurrency = b.pageConcurrency;
        this.capPolicy = b.warnAtPaginationLimit ? CapPolicy.WARN : CapPolicy.THROW;
        this.calls = new RestCalls(core, Secrets.redact(b.token), options);
        this.paginator = paginator(defaultPageSize, defaultPageConcurrency);
        this.account = new Account(calls, core.baseUrl.asString(), Secrets.redact(b.token), b.defaultFrom);
        this.ownsCore = true;
        this.asyncCalls = new KeyedDispatcher(core.workers);
    }

    /** A view of {@code client} whose every call adds {@code options}. */
    private RestApiV2Client(RestApiV2Client client, RequestOptions options) {
        this.core = client.core;
        this.options = options;
        this.defaultPageSize = client.defaultPageSize;
        this.defaultPageConcurrency = client.defaultPageConcurrency;
        this.capPolicy = client.capPolicy;
        this.calls = client.calls.with(options);
        this.paginator = paginator(options.pageSize().orElse(defaultPageSize),
                options.pageConcurrency().orElse(defaultPageConcurrency));
        // The account's answers don't depend on per-call options: the view shares the client's cache.
        this.account = client.account;
        this.ownsCore = false;
        this.asyncCalls = client.asyncCalls;
    }

    /** The listings of this client or view: its page size, concurrency, total, item hook and parameters. */
    private Paginator paginator(int pageSize, int pageConcurrency) {
        RequestOptions.ItemHook hook = options.itemHook().orElse(null);
        return new Paginator(calls, core.baseUrl, pageSize, pageConcurrency, options.total().orElse(false),
                hook == null ? null : hook::onItem, capPolicy, core.log, core.workers, options.params());
    }

    /** A client with every default: US region, token authentication, a discovered transport and codec. */
    public static RestApiV2Client create(String token) {
        return builder(token).build();
    }

    /** A builder for a client that authenticates with {@code token}. */
    public static RestApiV2ClientBuilder builder(String token) {
        return new RestApiV2ClientBuilder(token);
    }


    /**
     * A view of this client whose every call adds the options set on the builder: query
     * parameters, headers (a per-call {@code From}, {@code X-EARLY-ACCESS}), a timeout, and for
     * listings the page size, page concurrency, {@code total} and an item hook, e.g.
     * {@code client.with(o -> o.pageSize(25).total(true)).iterAll("/incidents")}. A view of a view
     * keeps the earlier options unless these replace them. The view shares all else with this
     * client (transport, retries, statistics, listeners); it is cheap, immutable and thread-safe
     * (keep it to send the same options on many calls), and closing it leaves this client open.
     *
     * @param options sets the options on a fresh builder
     * @return the view
     */
    public RestApiV2Client with(Consumer<RequestOptions.Builder> options) {
        RequestOptions.Builder b = RequestOptions.builder();
        Objects.requireNonNull(options, "options").accept(b);
        return new RestApiV2Client(this, this.options.with(b.build()));
    }

    /**
     * This client (or view) with every result bound to {@code type} through the codec:
     * {@code client.as(User.class).rget("/users/PABC123")},
     * {@code client.as(Incident.class).iterAll("/incidents")}. PagerDuty's snake_case names bind
     * to camelCase by default.
     *
     * @param type the class results are bound to
     * @param <T> the bound type
     * @return the typed view
     */
    public <T> TypedClient<T> as(Class<T> type) {
        return new TypedClient<>(calls, paginator, Objects.requireNonNull(type, "type"));
    }

    /**
     * {@link #as(Class)} for a generic type, e.g. the list a multi-update answers:
     * {@code client.as(TypeRef.listOf(Incident.class)).rput("/incidents", changes)}.
     *
     * @param type the type results are bound to
     * @param <T> the bound type
     * @return the typed view
     */
    public <T> TypedClient<T> as(TypeRef<T> type) {
        return new TypedClient<>(calls, paginator, Objects.requireNonNull(type, "type").type());
    }

    /**
     * Runs {@code call} on this client's worker threads and returns its result as a future: an
     * asynchronous form of every method, view and option at once (each call blocks on its
     * transport anyway, so a future form is that call on another thread), e.g.
     * {@code client.async(c -> c.as(User.class).listAll("/users"))}. The future completes with what
     * the call returns or throws. {@code cancel(true)} interrupts the call: a request in flight is
     * aborted and nothing is retried. A call not started when the client closes fails with
     * {@link PdClientException}. The threads are those of concurrent pagination
     * ({@link ClientBuilder#threadFactory}), started when first needed.
     *
     * @param call what to run with this client (or view)
     * @param <T> the call's result
     * @return the call's future
     */
    public <T> CompletableFuture<T> async(Function<? super RestApiV2Client, ? extends T> call) {
        Objects.requireNonNull(call, "call");
        return asyncCalls.submit(null, () -> call.apply(this));
    }


    /**
     * GET; returns the response whatever its status.
     *
     * @param url a path, or a full URL under the base URL
     * @return the last response, after retries
     * @throws PdHttpException on 401 (unless {@code retry(401, n)} is set)
     * @throws PdUrlException if the URL is refused
     * @throws PdClientException on network failure after the retries
     */
    public Response get(String url) {
        return calls.request("GET", url, null, null, null);
    }

    /**
     * Any request (pdpyras' {@code request}, and its {@code post}, {@code put}, {@code patch} and
     * {@code delete}); returns the response whatever its status. Parameters and headers come from
     * the view: {@code client.with(o -> o.header("X-EARLY-ACCESS", "x")).request("POST", url, body)}.
     *
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param url a path, or a full URL under the base URL
     * @param body a JSON body (plain tree or bindable object), or {@code null}
     * @return the last response, after retries
     * @throws PdHttpException on 401 (unless {@code retry(401, n)} is set)
     * @throws PdUrlException if the URL is refused
     * @throws PdClientException for another method, or on network failure after the retries
     */
    public Response request(String method, String url, Object body) {
        return calls.request(method, url, null, body, null);
    }


    /**
     * GET and return the decoded body.
     *
     * @param url a path, or a full URL under the base URL
     * @return the body, or {@code null} for an empty one
     * @throws PdHttpException for a non-2xx status
     * @throws PdServerException for a body that is not a JSON object ({@link #as(TypeRef)} binds any shape)
     */
    public Map<String, Object> jget(String url) {
        return RestCalls.json(get(url));
    }

    /**
     * POST and return the decoded body; see {@link #jget}.
     *
     * @param url a path, or a full URL under the base URL
     * @param body the JSON body
     * @return the answer's body, or {@code null} for an empty one
     */
    public Map<String, Object> jpost(String url, Object body) {
        return RestCalls.json(request("POST", url, body));
    }

    /**
     * PUT and return the decoded body; see {@link #jget}.
     *
     * @param url a path, or a full URL under the base URL
     * @param body the JSON body
     * @return the answer's body, or {@code null} for an empty one
     */
    public Map<String, Object> jput(String url, Object body) {
        return RestCalls.json(request("PUT", url, body));
    }


    /**
     * GET and return the unwrapped entity, e.g. the user of {@code {"user": {...}}}. A collection
     * is read with {@link #listAll}/{@link #iterAll}; {@link #as(Class)} binds the entity.
     *
     * @param url a path, or a full URL under the base URL
     * @return the entity
     * @throws PdHttpException for a non-2xx status
     * @throws PdServerException if the entity is not a JSON object (an index's list, say), or a
     *     known endpoint's answer lacks it
     */
    public Map<String, Object> rget(String url) {
        return calls.unwrappedEntity("GET", url, null, null);
    }

    /**
     * POST an entity, wrapped as the endpoint expects, and return the unwrapped result; see {@link #rget}.
     *
     * @param url a collection path
     * @param entity the entity (a map or a bindable object)
     * @return the created entity
     */
    public Map<String, Object> rpost(String url, Object entity) {
        return calls.unwrappedEntity("POST", url, null, entity);
    }

    /**
     * PUT an entity, wrapped as the endpoint expects, and return the unwrapped result;
     * {@code null} when the endpoint answers 204. {@code rput("incidents", List.of(...))} is a
     * multi-update: the list goes out as {@code {"incidents": [...]}}, and its answer, a list, is
     * read with {@code as(TypeRef.listOf(...)).rput(...)}.
     *
     * @param url a path, or a full URL under the base URL
     * @param entity the entity, or a list of them
     * @return the result
     * @throws PdServerException if the result is not a JSON object
     */
    public Map<String, Object> rput(String url, Object entity) {
        return calls.unwrappedEntity("PUT", url, null, entity);
    }

    /**
     * PATCH an entity and return the unwrapped result; see {@link #rget}.
     *
     * @param url a path, or a full URL under the base URL
     * @param entity the changes
     * @return the result
     */
    public Map<String, Object> rpatch(String url, Object entity) {
        return calls.unwrappedEntity("PATCH", url, null, entity);
    }

    /**
     * DELETE and return the response.
     *
     * @param url a path, or a full URL under the base URL
     * @return the response
     * @throws PdHttpException for a non-2xx status
     */
    public Response rdelete(String url) {
        return ClientCore.requireSuccess(request("DELETE", url, null), null);
    }


    /**
     * Every record of a paginated collection, as a lazy {@link Paged} that requests the next page only
     * when the records of the current one are used up (one page in memory at a time): iterate it
     * once with a for-each loop, {@link Paged#stream()} or {@link Paged#toList()}, or bind the
     * records with {@link Paged#as(Class)}. Closing it (try-with-resources, or a short-circuiting
     * stream operation such as {@code findFirst}) stops the requests. pdpyras' {@code iter_all}.
     *
     * <pre>{@code
     * try (Paged<Map<String, Object>> users = client.with(o -> o.param("team_ids[]", List.of("T1"))).iterAll("/users")) {
     *     for (Map<String, Object> user : users) {
     *         System.out.println(user.get("email"));
     *     }
     * }
     * List<User> all = client.iterAll("/users").as(User.class).toList();
     * }</pre>
     *
     * <p>How it pages (offset, the 10,000 cap, cursor, {@code after}, analytics), how a failed
     * page is reported, and how pages are fetched concurrently with a {@code pageConcurrency}
     * above 1: see {@link Paged}.
     *
     * @param path a collection path such as {@code /users}, or a full URL under the base URL
     * @return the records as plain JSON maps, read page by page as they are used
     * @throws PdUrlException at once, before any request, for a path that is not a paginated
     *     collection: a single resource ({@code /users/P1}), a response without a wrapper, or a
     *     list the API returns whole (use {@link #rget(String)} for those)
     * @throws IllegalArgumentException if a {@code limit}/{@code offset} parameter is not a valid
     *     number
     */
    public Paged<Map<String, Object>> iterAll(String path) {
        return Paged.of(paginator.iterAll(path), calls::bind);
    }

    /**
     * Every record of a cursor-paginated collection ({@code /audit/records},
     * {@code /automation_actions/actions} and the other endpoints PagerDuty's table marks
     * {@code cursor}), as a lazy {@link Paged}. Each request sends {@code limit} = the page size
     * (unless a {@code limit} parameter is set) and the {@code cursor} of the previous page's
     * {@code next_cursor}; a {@code cursor} parameter is the starting point. It ends when
     * {@code next_cursor} is null or empty. Errors are reported as in {@link #iterAll(String)},
     * naming the failed page's cursor. A server that hands back a cursor this iteration already
     * followed, or more than 100,000 pages, would keep it going forever: after the records of that
     * page it raises {@link PdServerException}.
     *
     * @param path a cursor-paginated collection path
     * @return the records as plain JSON maps
     * @throws PdUrlException at once for a path that is not cursor-paginated
     */
    public Paged<Map<String, Object>> iterCursor(String path) {
        return Paged.of(paginator.iterCursor(path), calls::bind);
    }

    /**
     * Every record of a collection, in a new mutable list: {@link #iterAll(String)} collected.
     * It holds the whole collection in memory; prefer {@code iterAll} for large ones. Edge cases
     * (cap, errors, refused paths) are those of {@code iterAll}; on an error nothing is returned.
     *
     * @param path a collection path
     * @return every record
     */
    public List<Map<String, Object>> listAll(String path) {
        return paginator.listAll(path, null);
    }

    /**
     * Every record of a collection in a new mutable {@code LinkedHashMap}, in the API's order,
     * keyed by the text of each record's {@code by} property (pdpyras' {@code dict_all}):
     * {@code dictAll("/users", "email")}. Keys are not checked for uniqueness: a later record
     * replaces an earlier one with the same key.
     *
     * @param path a collection path
     * @param by the property to key by, e.g. {@code id} (pdpyras' default) or {@code email}
     * @return every record by its key
     * @throws PdClientException if a record has no {@code by} property (or it is null)
     */
    public Map<String, Map<String, Object>> dictAll(String path, String by) {
        return paginator.dictAll(path, null, by);
    }

    /**
     * The first record of a collection whose {@code attribute} equals {@code query}, ignoring case
     * (pdpyras' {@code find}; its default attribute is {@code name}). It sends {@code query} as the
     * {@code query} parameter (PagerDuty's fuzzy search, which narrows the pages) and stops
     * requesting at the first match. The match is exact after lower-casing both sides: no
     * trimming, so {@code "a@b.io "} does not match {@code "a@b.io"}. A non-text attribute is
     * compared by its text ({@code 5} matches {@code "5"}). A record without the attribute, or with
     * {@code null}, never matches.
     *
     * @param resource a collection path such as {@code users}
     * @param query the value to look for
     * @param attribute the property to compare, e.g. {@code name} or {@code email}
     * @return the record, or empty when none matches (including an empty collection)
     */
    public Optional<Map<String, Object>> find(String resource, String query, String attribute) {
        return paginator.find(resource, query, attribute, null);
    }

    /** What {@link #persist persist} does with a record that exists. */
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
     *   <li>{@link #find find}{@code (resource, values[attribute], attribute)};
     *   <li>none found: {@link #rpost rpost}{@code (resource, values)} and return the created record;
     *   <li>found and {@code existing} is {@link Existing#KEEP}: return it as it is;
     *   <li>found and {@code existing} is {@link Existing#UPDATE}: merge {@code values} over it
     *       (values win); if the merge changed nothing (compared as JSON), return it without a
     *       request, else {@link #rput rput} the merged record to its {@code self} link and return
     *       the API's answer.
     * </ol>
     *
     * @param resource a collection path such as {@code users}
     * @param attribute the property that identifies the record, e.g. {@code email}
     * @param values the record's desired properties; never modified
     * @param existing what to do with a record that exists, e.g.
     *     {@code persist("users", "email", values, Existing.UPDATE)}
     * @return the created, found or updated record
     * @throws IllegalArgumentException if {@code values} has no (non-null) {@code attribute}
     * @throws PdUrlException if an existing record to update has no {@code self} link
     */
    public Map<String, Object> persist(String resource, String attribute, Map<String, ?> values, Existing existing) {
        return paginator.persist(resource, attribute, values, Objects.requireNonNull(existing, "existing") == Existing.UPDATE);
    }

    /**
     * Every record of a time-stamped collection between {@code since} and {@code until}, past
     * PagerDuty's 10,000-record cap (python-pagerduty's {@code iter_history}), as a lazy {@link Paged}.
     *
     * <p>Supported: {@code /log_entries}, {@code /incidents}, {@code /incidents/{id}/log_entries},
     * {@code /change_events}, {@code /services/{id}/change_events}, {@code /notifications},
     * {@code /oncalls}, and the audit-record paths. A window holding more than 10,000 records (its
     * total asked first) is split in half, recursively (at most 40 levels, never below one second),
     * and the windows are read oldest first; one that can't be split further is read as far as the
     * cap allows, and then the cap rule of {@link #iterAll(String)} applies. A record returned by
     * two adjacent windows (same {@code id}) is returned once; on-call entries have no id, so one
     * spanning a boundary may appear twice (a warning says so). The cursor-paginated audit-record
     * paths are read in one {@link #iterCursor} walk. More filters come from the view's parameters.
     *
     * @param path a supported collection path
     * @param since the start of the window (sent as ISO-8601 UTC)
     * @param until the end of the window
     * @return the records as plain JSON maps
     * @throws IllegalArgumentException if {@code since} is not before {@code until}, or the view's
     *     parameters hold {@code since}, {@code until} or {@code offset}
     * @throws PdUrlException for a path iterHistory doesn't support
     */
    public Paged<Map<String, Object>> iterHistory(String path, Instant since, Instant until) {
        return Paged.of(paginator.iterHistory(path, since, until, null), calls::bind);
    }

    /**
     * The account this client works on and its credential: base URL, truncated token, default
     * {@code From}, and python-pagerduty's account helpers ({@code subdomain},
     * {@code account_has_ability}, {@code api_key_access}).
     *
     * @return the account
     */
    public Account account() {
        return account;
    }

    /**
     * A snapshot of the requests made so far, per endpoint.
     *
     * @return the statistics
     */
    public ClientStats stats() {
        return core.stats.snapshot();
    }

    /** Releases the transport if this client created it; a transport passed to the builder stays open. */
    @Override
    public void close() {
        if (ownsCore) {
            core.close();
        }
    }
}
