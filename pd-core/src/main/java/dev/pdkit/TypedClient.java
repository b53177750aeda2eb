package dev.pdkit;

import dev.pdkit.internal.paging.Pager;
import dev.pdkit.internal.paging.Paginator;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST client's reads and writes with every result bound to the caller's type through the
 * JSON codec: what {@link RestApiV2Client#as(Class)} returns.
 *
 * <pre>{@code
 * record User(String id, String name, String email, String timeZone) {}
 *
 * User jane = client.as(User.class).rget("/users/PABC123");
 * List<User> users = client.as(User.class).listAll("/users");
 * Optional<User> bob = client.as(User.class).find("users", "bob@example.com", "email");
 * List<Incident> resolved = client.as(TypeRef.listOf(Incident.class)).rput("/incidents", changes);
 * }</pre>
 *
 * <p>Each method does what the method of the same name on {@link RestApiV2Client} does (the same
 * requests, wrapping, unwrapping, pagination and errors) and binds what that one would return: the
 * unwrapped entity, the decoded body, or each record. PagerDuty's snake_case names bind to
 * camelCase record components and bean properties by default ({@code created_at} →
 * {@code createdAt}); see the codec's documentation for annotations and a host's own mapper. A JSON
 * {@code null} (or a 204's empty body) stays {@code null}.
 *
 * <p>Why a typed view rather than a {@code Class} argument on every method: one overload per name
 * instead of two or three, and every method (listings, {@code find}, {@code persist}) gets its typed
 * form. Options come from the client or view it was made from:
 * {@code client.with(o -> o.pageSize(25)).as(User.class).listAll("/users")}. Immutable and
 * thread-safe, like the client; it is closed with the client.
 *
 * @param <T> the type results are bound to
 */
public final class TypedClient<T> {

    private final RestCalls calls;
    private final Paginator paginator;
    private final Type type;

    TypedClient(RestCalls calls, Paginator paginator, Type type) {
        this.calls = calls;
        this.paginator = paginator;
        this.type = type;
    }

    /**
     * {@link RestApiV2Client#rget}, bound.
     *
     * @param url a path, or a full URL under the base URL
     * @return the unwrapped entity as a {@code T}
     */
    public T rget(String url) {
        return calls.bind(calls.unwrapped("GET", url, null, null), type);
    }

    /**
     * {@link RestApiV2Client#rpost}, bound.
     *
     * @param url a collection path
     * @param entity the entity to create (a map or a bindable object), wrapped as the endpoint expects
     * @return the created entity as a {@code T}
     */
    public T rpost(String url, Object entity) {
        return calls.bind(calls.unwrapped("POST", url, null, entity), type);
    }

    /**
     * {@link RestApiV2Client#rput}, bound; with {@code TypeRef.listOf(...)} the answer of a
     * multi-update.
     *
     * @param url a path, or a full URL under the base URL
     * @param entity the entity (or list of entities) to send, wrapped as the endpoint expects
     * @return the result as a {@code T}, or {@code null} for a 204
     */
    public T rput(String url, Object entity) {
        return calls.bind(calls.unwrapped("PUT", url, null, entity), type);
    }

    /**
     * {@link RestApiV2Client#rpatch}, bound.
     *
     * @param url a path, or a full URL under the base URL
     * @param entity the changes, wrapped as the endpoint expects
     * @return the result as a {@code T}
     */
    public T rpatch(String url, Object entity) {
        return calls.bind(calls.unwrapped("PATCH", url, null, entity), type);
    }

    /**
     * {@link RestApiV2Client#jget}, bound: the whole body, not unwrapped.
     *
     * @param url a path, or a full URL under the base URL
     * @return the body as a {@code T}, or {@code null} for an empty one
     */
    public T jget(String url) {
        return body(calls.request("GET", url, null, null, null));
    }

    /**
     * {@link RestApiV2Client#jpost}, bound.
     *
     * @param url a path, or a full URL under the base URL
     * @param body the JSON body
     * @return the answer's body as a {@code T}
     */
    public T jpost(String url, Object body) {
        return body(calls.request("POST", url, null, body, null));
    }

    /**
     * {@link RestApiV2Client#jput}, bound.
     *
     * @param url a path, or a full URL under the base URL
     * @param body the JSON body
     * @return the answer's body as a {@code T}
     */
    public T jput(String url, Object body) {
        return body(calls.request("PUT", url, null, body, null));
    }

    /**
     * {@link RestApiV2Client#iterAll}, each record bound as it is read.
     *
     * @param url a collection path, or a full URL under the base URL
     * @return the records, read page by page
     */
    public Paged<T> iterAll(String url) {
        return paged(paginator.iterAll(url));
    }

    /**
     * {@link RestApiV2Client#iterCursor}, each record bound as it is read.
     *
     * @param url a cursor-paginated collection path
     * @return the records, read page by page
     */
    public Paged<T> iterCursor(String url) {
        return paged(paginator.iterCursor(url));
    }

    /**
     * {@link RestApiV2Client#iterHistory}, each record bound as it is read.
     *
     * @param url a time-stamped collection path, such as {@code /log_entries}
     * @param since the start of the window
     * @param until the end of the window
     * @return the records, read window by window and page by page
     */
    public Paged<T> iterHistory(String url, Instant since, Instant until) {
        return paged(paginator.iterHistory(url, since, until, null));
    }

    /**
     * {@link RestApiV2Client#listAll}, bound.
     *
     * @param url a collection path, or a full URL under the base URL
     * @return every record, in a new modifiable list
     */
    public List<T> listAll(String url) {
        List<T> all = new ArrayList<>();
        try (Paged<T> records = iterAll(url)) {
            records.forEach(all::add);
        }
        return all;
    }

    /**
     * {@link RestApiV2Client#dictAll}, bound: the key is read from each record as PagerDuty sent it.
     *
     * @param url a collection path, or a full URL under the base URL
     * @param by the property to key by, as PagerDuty names it, e.g. {@code email}
     * @return every record keyed by the text of its {@code by} property, in a new modifiable map
     */
    public Map<String, T> dictAll(String url, String by) {
        Map<String, T> bound = new LinkedHashMap<>();
        paginator.dictAll(url, null, by).forEach((key, record) -> bound.put(key, calls.bind(record, type)));
        return bound;
    }

    /**
     * {@link RestApiV2Client#find}, bound.
     *
     * @param resource a collection path such as {@code users}
     * @param query the value to look for
     * @param attribute the property to compare, as PagerDuty names it
     * @return the record, or empty when none matches
     */
    public Optional<T> find(String resource, String query, String attribute) {
        return paginator.find(resource, query, attribute, null).map(record -> calls.bind(record, type));
    }

    /**
     * {@link RestApiV2Client#persist}, bound.
     *
     * @param resource a collection path such as {@code users}
     * @param attribute the property that identifies the record, e.g. {@code email}
     * @param values the record's desired properties; never modified
     * @param existing what to do with a record that exists
     * @return the created, found or updated record as a {@code T}
     */
    public T persist(String resource, String attribute, Map<String, ?> values, RestApiV2Client.Existing existing) {
        boolean update = Objects.requireNonNull(existing, "existing") == RestApiV2Client.Existing.UPDATE;
        return calls.bind(paginator.persist(resource, attribute, values, update), type);
    }

    @Override
    public String toString() {
        return "TypedClient{" + type.getTypeName() + "}";
    }

    private T body(Response response) {
        return calls.bind(ClientCore.requireSuccess(response, null).json(), type);
    }

    private Paged<T> paged(Pager pager) {
        return Paged.of(pager, calls::bind, type);
    }
}
