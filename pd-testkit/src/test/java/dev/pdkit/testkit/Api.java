package dev.pdkit.testkit;

import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small test client of the fake over java.net.http: sends JSON with chosen credentials and
 * headers, and reads answers as plain JSON trees. Every request has a timeout, so no test can hang.
 */
final class Api {

    static final JsonCodec JSON = JacksonJsonCodec.create();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** A client using the account-level key. */
    static Api account(FakePagerDuty pd) {
        return new Api(pd.restUrl(), Map.of("Authorization", "Token token=" + pd.apiToken()));
    }

    /** A client using the user key. */
    static Api user(FakePagerDuty pd) {
        return new Api(pd.restUrl(), Map.of("Authorization", "Token token=" + pd.userToken()));
    }

    /** A client using the OAuth token. */
    static Api oauth(FakePagerDuty pd) {
        return new Api(pd.restUrl(), Map.of("Authorization", "Bearer " + pd.oauthToken()));
    }

    /** A client without credentials (Events API, or to test authentication). */
    static Api anonymous(FakePagerDuty pd) {
        return new Api(pd.restUrl(), Map.of());
    }

    /** The same client with one more header on every request. */
    Api with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Api(base, h);
    }

    /** The same client sending {@code From: email}. */
    Api from(String email) {
        return with("From", email);
    }

    Res get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Res post(String path, Object body) {
        return send("POST", path, body);
    }

    Res put(String path, Object body) {
        return send("PUT", path, body);
    }

    Res delete(String path) {
        return send("DELETE", path, null);
    }

    Res send(String method, String pathAndQuery, Object body) {
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.write(body);
        return sendBytes(method, pathAndQuery, bytes);
    }

    Res sendBytes(String method, String pathAndQuery, byte[] bytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT)
                .header("Accept", "application/vnd.pagerduty+json;version=2")
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and returns the exception the client threw, or fails if there was a response. */
    IOException failure(String method, String pathAndQuery, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            throw new AssertionError("expected a failure, got HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers (lower-case names) and body. */
    record Res(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Object tree() {
            return JSON.read(body);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            Object t = tree();
            if (!(t instanceof Map<?, ?>)) {
                throw new AssertionError("not a JSON object: " + text());
            }
            return (Map<String, Object>) t;
        }

        /** The member {@code key} of the body, which must be an object. */
        Map<String, Object> obj(String key) {
            return map(json().get(key));
        }

        /** The member {@code key} of the body, which must be an array of objects. */
        List<Map<String, Object>> list(String key) {
            return maps(json().get(key));
        }

        /** Fails with the body when the status isn't {@code expected}; returns this. */
        Res expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + text());
            }
            return this;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + text();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?>)) {
            throw new AssertionError("not a JSON object: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        if (!(o instanceof List<?> l)) {
            throw new AssertionError("not a JSON array: " + o);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : l) {
            out.add(map(x));
        }
        return out;
    }

    /** A JSON object from alternating keys and values (values may be null). */
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A reference {@code {id, type}}. */
    static Map<String, Object> ref(Object id, String type) {
        return obj("id", id, "type", type);
    }

    /** The id of an object. */
    static String id(Map<String, Object> o) {
        return (String) o.get("id");
    }
}
