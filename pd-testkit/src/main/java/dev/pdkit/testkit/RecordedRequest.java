package dev.pdkit.testkit;

import dev.pdkit.testkit.rest.Call;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request the fake received, as an immutable value: method, decoded path and query, headers
 * (looked up ignoring case), body and arrival time. Every request is recorded, including those
 * that were refused, faulted or matched no route.
 */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Instant receivedAt;
    private final long sequence;

    RecordedRequest(Call call) {
        this.sequence = call.sequence();
        this.method = call.method();
        this.path = call.path();
        this.rawQuery = call.rawQuery();
        this.query = call.query();
        this.headers = call.headers();
        this.body = call.body().clone();
        this.receivedAt = call.receivedAt();
    }

    /** The fake's number for the request, in arrival order: how the journal finds it again. */
    long sequence() {
        return sequence;
    }

    /** The method in upper case, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The decoded path without the query, e.g. {@code /incidents/PABC123}. */
    public String path() {
        return path;
    }

    /**
     * Every query parameter, decoded, with keys as sent: {@code statuses%5B%5D=triggered} is
     * {@code statuses[] -> [triggered]}. Read-only.
     */
    public Map<String, List<String>> query() {
        return query;
    }

    /** The first value of a query parameter, sent as {@code name} or {@code name[]}; {@code null} when absent. */
    public String queryParam(String name) {
        List<String> values = queryParams(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a query parameter, sent as {@code name} or {@code name[]}, in order; empty when absent. */
    public List<String> queryParams(String name) {
        String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        List<String> out = new ArrayList<>(query.getOrDefault(bare + "[]", List.of()));
        out.addAll(query.getOrDefault(bare, List.of()));
        return List.copyOf(out);
    }

    /** The header fields; lookups ignore the case of the name. Read-only. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A copy of the body bytes; empty when there was none. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** When the request arrived. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The request line, e.g. {@code GET /users?limit=1}; never shows headers, so never a token. */
    @Override
    public String toString() {
        return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
