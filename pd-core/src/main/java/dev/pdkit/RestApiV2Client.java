package dev.pdkit;

import dev.pdkit.internal.redact.Secrets;
import dev.pdkit.internal.retry.RetrySettings;
import dev.pdkit.internal.wrapping.EndpointTable;
import dev.pdkit.internal.wrapping.EntityWrapping;
import dev.pdkit.internal.wrapping.WrapperDecision;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.JsonCodecException;
import dev.pdkit.spi.Transport;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

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

    private RestApiV2Client(Builder b) {
        this.token = b.token;
        this.authType = b.authType;
        this.defaultFrom = b.defaultFrom;
        Headers.Builder fixed = Headers.builder()
                .set("Accept", ACCEPT)
                .set("Authorization", authType.header(token));
        if (defaultFrom != null) {
            fixed.set("From", defaultFrom);
        }
        this.core = new ClientCore(b, b.region.restUrl(), fixed.build(), false);
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
        return request("GET", resourceUrl(resource), null, null, null);
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
        return request("PUT", resourceUrl(resource), null, body, null);
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
        return request("DELETE", resourceUrl(resource), null, null, null);
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
        String m = checkMethod(method);
        URI uri = ClientCore.withQuery(core.baseUrl.resolve(url), params);
        Headers.Builder h = core.defaultHeaders.toBuilder();
        byte[] bytes = core.encode(body);
        if (bytes != null) {
            h.set("Content-Type", "application/json");
        }
        if (headers != null) {
            headers.forEach(h::set);
        }
        String path = core.baseUrl.apiPath(uri);
        String pattern = EndpointTable.defaultTable().paths().match(path);
        return core.send(m, uri, h.build(), bytes, m + " " + (pattern != null ? pattern : path),
                Secrets.redact(token));
    }

    // ---------------------------------------------------------------- jget/jpost/jput

    /** GET and return the decoded body; raises for a non-2xx status. */
    public Object jget(String url) {
        return json(get(url), "GET");
    }

    /** GET with query parameters and return the decoded body. */
    public Object jget(String url, Map<String, ?> params) {
        return json(get(url, params), "GET");
    }

    /** GET a resource by its {@code self} link and return the decoded body. */
    public Object jget(Map<String, ?> resource) {
        return json(get(resource), "GET");
    }

    /** POST and return the decoded body. */
    public Object jpost(String url, Object body) {
        return json(post(url, body), "POST");
    }

    /** POST with query parameters and return the decoded body. */
    public Object jpost(String url, Object body, Map<String, ?> params) {
        return json(post(url, body, params), "POST");
    }

    /** PUT and return the decoded body. */
    public Object jput(String url, Object body) {
        return json(put(url, body), "PUT");
    }

    /** PUT to a resource's {@code self} link and return the decoded body. */
    public Object jput(Map<String, ?> resource, Object body) {
        return json(put(resource, body), "PUT");
    }

    private static Object json(Response response, String method) {
        return ClientCore.requireSuccess(response, null).json();
    }

    // ---------------------------------------------------------------- rget/rpost/rput/rpatch/rdelete

    /** GET and return the unwrapped entity (a {@code Map} or, for an index, a {@code List}). */
    public Object rget(String url) {
        return unwrapped("GET", url, null, null);
    }

    /** GET with query parameters and return the unwrapped entity. */
    public Object rget(String url, Map<String, ?> params) {
        return unwrapped("GET", url, params, null);
    }

    /** GET a resource by its {@code self} link and return the unwrapped entity. */
    public Object rget(Map<String, ?> resource) {
        return unwrapped("GET", resourceUrl(resource), null, null);
    }

    /** GET and bind the unwrapped entity to {@code type} through the codec. */
    public <T> T rget(String url, Class<T> type) {
        return bind(rget(url), type);
    }

    /** GET with query parameters and bind the unwrapped entity to {@code type}. */
    public <T> T rget(String url, Map<String, ?> params, Class<T> type) {
        return bind(rget(url, params), type);
    }

    /** GET and bind the unwrapped entity to a generic type, e.g. a {@code List<User>}. */
    public <T> T rget(String url, Map<String, ?> params, Type type) {
        return bind(rget(url, params), type);
    }

    /** POST an entity, wrapped as the endpoint expects, and return the unwrapped result. */
    public Object rpost(String path, Object entity) {
        return unwrapped("POST", path, null, entity);
    }

    /** POST an entity and bind the unwrapped result to {@code type}. */
    public <T> T rpost(String path, Object entity, Class<T> type) {
        return bind(rpost(path, entity), type);
    }

    /**
     * PUT an entity, wrapped as the endpoint expects, and return the unwrapped result;
     * {@code null} when the endpoint answers 204. {@code rput("incidents", List.of(...))} is a
     * multi-update: the list goes out as {@code {"incidents": [...]}}.
     */
    public Object rput(String url, Object entity) {
        return unwrapped("PUT", url, null, entity);
    }

    /** PUT an entity to a resource's {@code self} link and return the unwrapped result. */
    public Object rput(Map<String, ?> resource, Object entity) {
        return unwrapped("PUT", resourceUrl(resource), null, entity);
    }

    /** PUT an entity and bind the unwrapped result to {@code type}. */
    public <T> T rput(String url, Object entity, Class<T> type) {
        return bind(rput(url, entity), type);
    }

    /** PATCH an entity and return the unwrapped result. */
    public Object rpatch(String path, Object entity) {
        return unwrapped("PATCH", path, null, entity);
    }

    /** DELETE and return the response; raises for a non-2xx status. */
    public Response rdelete(String url) {
        return ClientCore.requireSuccess(delete(url), null);
    }

    /** DELETE a resource by its {@code self} link; raises for a non-2xx status. */
    public Response rdelete(Map<String, ?> resource) {
        return ClientCore.requireSuccess(delete(resource), null);
    }

    private Object unwrapped(String method, String url, Map<String, ?> params, Object entity) {
        URI uri = core.baseUrl.resolve(url);
        WrapperDecision decision = EntityWrapping.decide(method, core.baseUrl.apiPath(uri));
        Object body = entity == null ? null : EntityWrapping.wrap(entity, decision);
        Response response = ClientCore.requireSuccess(request(method, url, params, body, null), null);
        return unwrap(response, decision);
    }

    /** Takes the entity out of its wrapper; see the class comment for the rules. */
    Object unwrap(Response response, WrapperDecision decision) {
        Object body = response.json();
        String wrapper = decision.responseWrapper();
        if (wrapper == null || body == null) {
            return body;
        }
        if (body instanceof Map<?, ?> map && map.containsKey(wrapper)) {
            return map.get(wrapper);
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

    private <T> T bind(Object tree, Type type) {
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

    private String resourceUrl(Map<String, ?> resource) {
        return core.baseUrl.resolveResource(resource).toString();
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
        core.close();
    }

    @Override
    public String toString() {
        return "RestApiV2Client{baseUrl=" + core.baseUrl + ", token=" + Secrets.redact(token) + ", authType=" + authType
                + (defaultFrom == null ? "" : ", from=" + defaultFrom) + ", transport=" + core.transport().name()
                + ", codec=" + core.codec.name() + "}";
    }

    ClientCore core() {
        return core;
    }

    /** Builds a {@link RestApiV2Client}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String token;
        private AuthType authType = AuthType.TOKEN;
        private String defaultFrom;

        private Builder(String token) {
            super(RetrySettings.restDefaults());
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

        /** Builds the client, finding a transport and codec if none was given. */
        public RestApiV2Client build() {
            return new RestApiV2Client(this);
        }

        @Override
        public String toString() {
            return "RestApiV2Client.Builder{token=" + Secrets.redact(token) + "}";
        }
    }

    static String checkCredential(String credential, String what) {
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        for (int i = 0; i < credential.length(); i++) {
            char c = credential.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " contains an invalid character at index " + i
                        + " (whitespace, control or non-ASCII)");
            }
        }
        return credential;
    }
}
