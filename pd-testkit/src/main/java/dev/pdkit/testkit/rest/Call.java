package dev.pdkit.testkit.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One received request as the handlers see it: method, decoded path and query, headers, body,
 * and what routing and authentication found out about it (pattern, path parameters, principal,
 * acting user). The request part is immutable; the routing part is filled in once by the
 * dispatcher, on the one thread that handles the request.
 */
public final class Call {

    private final long sequence;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Instant receivedAt;
    private final String requestId;

    private String pattern;
    private Map<String, String> params = Map.of();
    private Principal principal;
    private Map<String, Object> actor;
    private boolean parsed;
    private Object json;

    /**
     * A call for one received request.
     *
     * @param sequence the request's index on its server, from 0
     * @param method the method, any case
     * @param rawPath the path as sent (percent-encoded)
     * @param rawQuery the query string as sent, or {@code null}
     * @param headers the header fields; looked up case-insensitively
     * @param body the body bytes (owned by the call from now on)
     * @param receivedAt when the request arrived
     * @param requestId the {@code X-Request-Id} the reply will carry
     */
    public Call(long sequence, String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body, Instant receivedAt, String requestId) {
        this.sequence = sequence;
        this.method = method.toUpperCase(Locale.ROOT);
        this.rawQuery = rawQuery;
        List<String> segs = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segs.add(decode(s, false));
            }
        }
        this.segments = List.copyOf(segs);
        this.path = "/" + String.join("/", segs);
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        h.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(h);
        this.body = body;
        this.receivedAt = receivedAt;
        this.requestId = requestId;
    }

    /** Decodes a query string: {@code statuses%5B%5D=triggered&x=a+b} gives {@code statuses[]=[triggered], x=[a b]}. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        q.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(q);
    }

    private static String decode(String s, boolean plusIsSpace) {
        try {
            return URLDecoder.decode(plusIsSpace ? s : s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%': keep the text as sent rather than failing the request
        }
    }

    /** The request's index on its server, from 0. */
    public long sequence() {
        return sequence;
    }

    /** The method in upper case. */
    public String method() {
        return method;
    }

    /** The decoded path without a trailing slash, e.g. {@code /users/PABC123}. */
    public String path() {
        return path;
    }

    /** The decoded path segments. */
    public List<String> segments() {
        return segments;
    }

    /** The query string as sent, or {@code null}. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Every decoded query parameter, keys as sent (e.g. {@code statuses[]}). */
    public Map<String, List<String>> query() {
        return query;
    }

    /** The headers, case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body bytes; do not modify. */
    public byte[] body() {
        return body;
    }

    /** When the request arrived. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The request id the reply carries. */
    public String requestId() {
        return requestId;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The first value of a query parameter (given with or without {@code []}), or {@code null}. */
    public String param(String name) {
        List<String> all = params(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Every value of a query parameter, whether sent as {@code name[]} or {@code name}; values
     * separated by commas inside one parameter are not split.
     */
    public List<String> params(String name) {
        String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        List<String> out = new ArrayList<>(query.getOrDefault(bare + "[]", List.of()));
        out.addAll(query.getOrDefault(bare, List.of()));
        return out;
    }

    /** A boolean query parameter: {@code true} or {@code 1} (PagerDuty's query booleans). */
    public boolean flag(String name) {
        String v = param(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** Records what routing found; called once by the dispatcher. */
    public void routed(String pattern, Map<String, String> params) {
        this.pattern = pattern;
        this.params = Map.copyOf(params);
    }

    /** The matched path pattern, e.g. {@code /users/{id}}, or {@code null} before routing. */
    public String pattern() {
        return pattern;
    }

    /** A path parameter by its name in the pattern, e.g. {@code id}. */
    public String pathParam(String name) {
        return params.get(name);
    }

    /** Every path parameter. */
    public Map<String, String> pathParams() {
        return params;
    }

    /** Records who the request authenticated as, and the user it acts for (may be {@code null}). */
    public void authenticated(Principal principal, Map<String, Object> actor) {
        this.principal = principal;
        this.actor = actor;
    }

    /** The credential used, or {@code null} where none is needed (Events API). */
    public Principal principal() {
        return principal;
    }

    /** The user the request acts for (the {@code From} header's user, else the token's), or {@code null}. */
    public Map<String, Object> actor() {
        return actor;
    }

    /** The body as a JSON tree, {@code null} when empty; 400 when malformed. */
    public Object json() {
        if (!parsed) {
            parsed = true;
            if (body.length > 0) {
                try {
                    json = Json.read(body);
                } catch (RuntimeException e) {
                    throw ApiError.invalid("The request body is not valid JSON");
                }
            }
        }
        return json;
    }

    /** The body as a JSON object; an empty object when there is no body; 400 for any other JSON. */
    public Map<String, Object> object() {
        Object j = json();
        if (j == null) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> m = Json.map(j);
        if (m == null) {
            throw ApiError.invalid("The request body must be a JSON object");
        }
        return m;
    }

    /** The member {@code key} of the body object, which must itself be an object (400 otherwise). */
    public Map<String, Object> wrapped(String key) {
        Map<String, Object> inner = Json.map(object().get(key));
        if (inner == null) {
            throw ApiError.invalid("The request body must contain a '" + key + "' object");
        }
        return inner;
    }

    @Override
    public String toString() {
        return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
