package dev.pdkit;

import dev.pdkit.internal.paging.Page;
import dev.pdkit.internal.paging.PageSource;
import dev.pdkit.internal.paging.Paginator;
import dev.pdkit.internal.wrapping.EndpointTable;
import dev.pdkit.internal.wrapping.EntityWrapping;
import dev.pdkit.internal.wrapping.WrapperDecision;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.JsonCodecException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of the REST API v2 client and what it makes of the answer: the method check, the URL
 * resolved against the base URL, the headers and JSON body, the statistics key, the send through
 * the {@link ClientCore}; then the success check, the entity taken out of its wrapper (or put
 * into one on the way out), and typed binding through the codec. The answers pagination reads are
 * built here too ({@link Paginator.Calls}): a page is one such call, checked for the shape a page
 * must have.
 *
 * <p>A package-private part of {@link RestApiV2Client}, in {@code dev.pdkit} because it makes
 * {@link Response}s (through {@link ClientCore}) and reads them with the core's package-private
 * status rules. Immutable and thread-safe.
 */
final class RestCalls implements Paginator.Calls {

    private final ClientCore core;
    /** The token as messages show it. */
    private final String credentialHint;
    /** What every call of this client (or view of it) adds: parameters, headers, timeout. */
    private final RequestOptions options;

    RestCalls(ClientCore core, String credentialHint, RequestOptions options) {
        this.core = core;
        this.credentialHint = credentialHint;
        this.options = options;
    }

    /** The same calls with {@code options} instead of these ones (a view of the client). */
    RestCalls with(RequestOptions options) {
        return new RestCalls(core, credentialHint, options);
    }

    /** {@link RestApiV2Client#request}: checks the method, resolves the URL and sends. */
    Response request(String method, String url, Map<String, ?> params, Object body, Map<String, String> headers) {
        String m = checkMethod(method);
        URI uri = core.baseUrl.resolve(url);
        return send(m, uri, EndpointTable.defaultTable().paths().match(core.baseUrl.apiPath(uri)), params, body, headers);
    }

    /** GET with query parameters ({@code null} for none); the response whatever its status. */
    Response get(String url, Map<String, ?> params) {
        return request("GET", url, params, null, null);
    }

    /**
     * Sends a request to an already resolved URL.
     *
     * @param pattern the endpoint's canonical path, or {@code null} for a path no endpoint matches:
     *     the statistics key
     */
    private Response send(String method, URI url, String pattern, Map<String, ?> params, Object body,
            Map<String, String> headers) {
        Map<String, ?> query = params;
        if (!options.params().isEmpty()) {
            // The call's own parameters win, in their order (a pager's limit and offset last); the
            // view's follow unless the call set the same name.
            Map<String, Object> merged = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
            options.params().forEach(merged::putIfAbsent);
            query = merged;
        }
        URI uri = ClientCore.withQuery(url, query);
        byte[] bytes = core.encode(body);
        Headers sent = core.defaultHeaders.withAll(options.headers());
        if (bytes != null || headers != null) {
            Headers.Builder h = sent.toBuilder();
            if (bytes != null) {
                h.set("Content-Type", "application/json");
            }
            if (headers != null) {
                headers.forEach(h::set);
            }
            sent = h.build();
        }
        String key = method + " " + (pattern != null ? pattern : core.baseUrl.apiPath(uri));
        return core.send(method, uri, sent, bytes, key, credentialHint, core.executor.policy().safeToRepeat(method),
                options.timeout().orElse(core.timeout));
    }

    /**
     * The decoded body of a response that must be a success and a JSON object (the {@code j}
     * methods); {@code null} for an empty body.
     *
     * @throws PdServerException for a body of another JSON shape
     */
    static Map<String, Object> json(Response response) {
        return object(ClientCore.requireSuccess(response, null).json(), response, "the body",
                "; get(...) returns the Response, whose json() takes any shape");
    }

    /** Sends with the entity wrapped as the endpoint expects and returns the unwrapped result (the {@code r} methods). */
    Object unwrapped(String method, String url, Map<String, ?> params, Object entity) {
        return exchange(method, url, params, entity).value();
    }

    /**
     * {@link #unwrapped}, for the methods that return one entity: the result must be a JSON object
     * (or {@code null}, e.g. for a 204).
     *
     * @throws PdServerException for a list or a scalar, with the method to use instead
     */
    Map<String, Object> unwrappedEntity(String method, String url, Map<String, ?> params, Object entity) {
        Unwrapped result = exchange(method, url, params, entity);
        return object(result.value(), result.response(), "the entity",
                "; for a collection use listAll or iterAll, or bind it with a TypeRef, e.g. rget(url,"
                        + " TypeRef.listOf(User.class)) or rput(url, entities, TypeRef.listOf(Incident.class))");
    }

    /** A call's answer and the entity taken out of it. */
    private record Unwrapped(Response response, Object value) {
    }

    private Unwrapped exchange(String method, String url, Map<String, ?> params, Object entity) {
        URI uri = core.baseUrl.resolve(url);
        WrapperDecision decision = EntityWrapping.decide(method, core.baseUrl.apiPath(uri));
        Object body = entity == null ? null : EntityWrapping.wrap(entity, decision);
        Response response = ClientCore.requireSuccess(send(method, uri, decision.pattern(), params, body, null), null);
        return new Unwrapped(response, unwrap(response, decision));
    }

    /** {@code value} as a JSON object, or {@code null}; anything else is the server's answer in a shape the caller did not ask for. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, Response response, String what, String advice) {
        if (value == null || value instanceof Map<?, ?>) {
            // The codec decodes every JSON object as a Map<String, Object>.
            return (Map<String, Object>) value;
        }
        throw new PdServerException(ClientCore.describe(response) + ": expected " + what + " to be a JSON object,"
                + " but it is " + kind(value) + advice, response);
    }

    /** Takes the entity out of its wrapper; see {@link RestApiV2Client}'s class comment for the rules. */
    Object unwrap(Response response, WrapperDecision decision) {
        Object body = response.json();
        String wrapper = decision.responseWrapper();
        // A read of a known endpoint must find its entity: null would pass for "nothing there".
        boolean entityRequired = decision.strict() && wrapper != null && response.method().equals("GET")
                && response.status() != 204;
        if (body == null && entityRequired) {
            throw new PdServerException(ClientCore.describe(response) + ": expected the response of GET "
                    + decision.pattern() + " to be wrapped in '" + wrapper + "', but the body is "
                    + (response.text().isBlank() ? "empty" : "null"), response);
        }
        if (wrapper == null || body == null) {
            return body;
        }
        if (body instanceof Map<?, ?> map && map.containsKey(wrapper)) {
            Object entity = map.get(wrapper);
            if (entity == null && entityRequired) {
                throw new PdServerException(ClientCore.describe(response) + ": the response of GET "
                        + decision.pattern() + " has '" + wrapper + "': null where the entity was expected", response);
            }
            return entity;
        }
        if (!decision.strict()) {
            core.log.debug(() -> ClientCore.describe(response) + ": response has no '" + wrapper
                    + "' wrapper (inferred for an endpoint pdkit does not know); returning the whole body");
            return body;
        }
        String found = body instanceof Map<?, ?> map ? "keys " + map.keySet() : "a JSON " + jsonKind(body);
        throw new PdServerException(ClientCore.describe(response) + ": expected the response of "
                + decision.method() + " " + decision.pattern() + " to be wrapped in '" + wrapper + "', but found "
                + found, response);
    }

    private static String jsonKind(Object body) {
        return body instanceof java.util.List<?> ? "array" : body instanceof String ? "string" : "value";
    }

    /** Binds a decoded tree to {@code type} through the codec; {@code null} stays {@code null}. */
    <T> T bind(Object tree, Type type) {
        if (tree == null) {
            return null;
        }
        try {
            return core.codec.convert(tree, type);
        } catch (JsonCodecException e) {
            throw new PdClientException("cannot bind the response to " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    private static String checkMethod(String method) {
        String m = Objects.requireNonNull(method, "method").trim().toUpperCase(java.util.Locale.ROOT);
        switch (m) {
            case "GET":
            case "POST":
            case "PUT":
            case "PATCH":
            case "DELETE":
                return m;
            default:
                throw new PdClientException("Method " + method
                        + " not supported by this API. Permitted methods: GET, POST, PUT, PATCH, DELETE");
        }
    }

    @Override
    public String resourceUrl(Map<String, ?> resource) {
        return core.baseUrl.resolveResource(resource).toString();
    }

    /** POST or PUT an entity (wrapped) and return the unwrapped record, which must be a JSON object. */
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> entity(String method, String url, Object entity) {
        URI uri = core.baseUrl.resolve(url);
        WrapperDecision decision = EntityWrapping.decide(method, core.baseUrl.apiPath(uri));
        Response response = ClientCore.requireSuccess(
                send(method, uri, decision.pattern(), null, EntityWrapping.wrap(entity, decision), null), null);
        Object result = unwrap(response, decision);
        if (result == null && method.equals("PUT") && entity instanceof Map<?, ?> sent) {
            return new LinkedHashMap<>((Map<String, Object>) sent);
        }
        if (!(result instanceof Map<?, ?>)) {
            throw new PdServerException(ClientCore.describe(response) + ": expected the record as a JSON object,"
                    + " found " + kind(result), response);
        }
        return (Map<String, Object>) result;
    }

    /** The tree {@code value} becomes in JSON, so a Long and an Integer of equal value compare equal. */
    @Override
    public Object asJson(Object value) {
        try {
            return core.codec.read(core.encode(value));
        } catch (JsonCodecException e) {
            throw new PdClientException("cannot compare the records as JSON: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- answers as pages

    @Override
    public PageSource getPages(String url, WrapperDecision decision) {
        return params -> {
            Response r = ClientCore.requireSuccess(get(url, params), null);
            return page(r, unwrap(r, decision), decision.responseWrapper());
        };
    }

    @Override
    public PageSource postPages(String url) {
        RestCalls bodyOnly = with(options.withoutParams());
        return request -> {
            Response r = ClientCore.requireSuccess(bodyOnly.request("POST", url, null, request, null), null);
            Object decoded = r.json();
            return page(r, decoded instanceof Map<?, ?> m ? m.get("data") : null, "data");
        };
    }

    /** {@link Paged#total()} of a listing no page has counted: one request with {@code total=true}, {@code limit=1}. */
    @Override
    public long total(String url, Map<String, ?> params) {
        Map<String, Object> query = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        query.put("total", true);
        query.put("limit", 1);
        query.put("offset", 0);
        Response r = ClientCore.requireSuccess(get(url, query), null);
        Object body = r.json();
        Object total = body instanceof Map<?, ?> m ? m.get("total") : null;
        if (!(total instanceof Number n)) {
            throw new PdServerException(ClientCore.describe(r) + ": the response lacks a numeric \"total\" property"
                    + " (found " + kind(total) + "); the endpoint may not support total=true", r);
        }
        return n.longValue();
    }

    /** Checks that an answer has the shape of a page: a JSON object whose records are JSON objects. */
    @SuppressWarnings("unchecked")
    private static Page page(Response r, Object items, String wrapper) {
        Object body = r.json();
        if (!(body instanceof Map<?, ?> map)) {
            throw new PdServerException(ClientCore.describe(r) + ": expected a JSON object as the body of a page, found "
                    + kind(body), r);
        }
        if (!(items instanceof List<?> list)) {
            throw new PdServerException(ClientCore.describe(r) + ": expected a list of records"
                    + (wrapper == null ? "" : " in '" + wrapper + "'") + ", found " + kind(items), r);
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new PdServerException(ClientCore.describe(r) + ": expected every record of the page to be a"
                        + " JSON object, found " + kind(item), r);
            }
        }
        return new Page((List<Map<String, Object>>) list, map, message -> new PdServerException(message, r));
    }

    /** What a decoded JSON value is, for a message. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> m) {
            return "an object with keys " + m.keySet();
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
