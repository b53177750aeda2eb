package dev.pdkit;

import dev.pdkit.internal.http.ErrorBody;
import dev.pdkit.internal.redact.Redactor;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one call of {@code get}, {@code post}, {@code put}, {@code patch} or {@code delete}:
 * the last HTTP response received, after any retries, with the request it answered.
 *
 * <p>Immutable and thread-safe. {@link #json()} decodes the body on first use and keeps the tree.
 */
public final class Response {

    private final String method;
    private final URI url;
    private final HttpResponse http;
    private final JsonCodec codec;
    private final Duration elapsed;
    private final int attempts;
    private final Redactor redactor;
    private volatile Object decoded;
    private volatile boolean isDecoded;
    private volatile JsonCodecException invalidJson;

    Response(String method, URI url, HttpResponse http, JsonCodec codec, Duration elapsed, int attempts,
            Redactor redactor) {
        this.method = Objects.requireNonNull(method);
        this.url = Objects.requireNonNull(url);
        this.http = Objects.requireNonNull(http);
        this.codec = Objects.requireNonNull(codec);
        this.elapsed = Objects.requireNonNull(elapsed);
        this.attempts = attempts;
        this.redactor = Objects.requireNonNull(redactor);
    }

    /** The HTTP method of the request, upper case. */
    public String method() {
        return method;
    }

    /** The full URL of the request, including the query string. */
    public URI url() {
        return url;
    }

    /** The status code. */
    public int status() {
        return http.status();
    }

    /** True for a 2xx status. */
    public boolean isSuccess() {
        return http.status() / 100 == 2;
    }

    /** The response header fields. */
    public Headers headers() {
        return http.headers();
    }

    /** The first value of a header field, if present. */
    public Optional<String> header(String name) {
        return http.headers().first(name);
    }

    /** PagerDuty's {@code X-Request-Id}, to quote to PagerDuty support; empty when absent. */
    public Optional<String> requestId() {
        return http.headers().first("X-Request-Id");
    }

    /** A copy of the raw body. */
    public byte[] body() {
        return http.body();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(http.body(), StandardCharsets.UTF_8);
    }

    /** The time from sending the first attempt to receiving this response, sleeps included. */
    public Duration elapsed() {
        return elapsed;
    }

    /** How many HTTP requests this call made, retries included. */
    public int attempts() {
        return attempts;
    }

    /**
     * The body decoded to a plain tree ({@code Map}, {@code List}, {@code String}, {@code Number},
     * {@code Boolean}); {@code null} for an empty or blank body, such as a 204.
     *
     * @throws PdServerException if the body is not valid JSON
     */
    public Object json() {
        if (!isDecoded) {
            synchronized (this) {
                if (!isDecoded) {
                    decoded = decode();
                    isDecoded = true;
                }
            }
        }
        return decoded;
    }

    /**
     * The decoded body, or {@code null} when it is empty or not valid JSON. Why: an exception that
     * describes an error response must not fail (or recurse) because the body is HTML.
     */
    Object jsonIfValid() {
        if (invalidJson != null) {
            return null;
        }
        try {
            return json();
        } catch (PdServerException invalid) {
            return null;
        }
    }

    private Object decode() {
        if (invalidJson != null) {
            throw new PdServerException(method + " " + url + ": API responded with invalid JSON ("
                    + invalidJson.getMessage() + "): " + excerpt(), this, attempts, invalidJson);
        }
        byte[] body = http.body();
        if (isBlank(body)) {
            return null;
        }
        try {
            return codec.read(body);
        } catch (JsonCodecException e) {
            invalidJson = e;
            throw new PdServerException(method + " " + url + ": API responded with invalid JSON ("
                    + e.getMessage() + "): " + excerpt(), this, attempts, e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * The body as text for a message: the client's secrets taken out first (a server may echo the
     * token or the routing key), then cut to {@link ErrorBody#TEXT_LIMIT} characters.
     */
    String excerpt() {
        return ErrorBody.truncate(redact(text().strip()));
    }

    /** {@code text} without the client's secrets, for messages built from what the server sent. */
    String redact(String text) {
        return redactor.apply(text);
    }

    @Override
    public String toString() {
        return "Response{" + method + " " + url + " -> " + http.status()
                + requestId().map(id -> ", request id " + id).orElse("") + "}";
    }
}
