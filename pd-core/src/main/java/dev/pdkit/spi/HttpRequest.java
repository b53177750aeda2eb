package dev.pdkit.spi;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP request as core hands it to a {@link Transport}: an immutable value whose body is a
 * replayable byte array, so the same request can be sent again on a retry.
 *
 * <p>The method is upper case; the URI is absolute and already carries the encoded query string.
 * Instances are immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class HttpRequest {

    private static final byte[] NO_BODY = new byte[0];

    private final String method;
    private final URI uri;
    private final Headers headers;
    private final byte[] body;
    private final Duration timeout;

    private HttpRequest(Builder b) {
        this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
        this.uri = Objects.requireNonNull(b.uri, "uri");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("request URI must be absolute: " + uri);
        }
        this.headers = Objects.requireNonNull(b.headers, "headers");
        this.body = b.body;
        this.timeout = b.timeout;
    }

    /** Returns a builder for a request with this method and URI. */
    public static Builder builder(String method, URI uri) {
        return new Builder().method(method).uri(uri);
    }

    /** Returns a builder that starts from this request. */
    public Builder toBuilder() {
        Builder b = new Builder().method(method).uri(uri).headers(headers).timeout(timeout);
        b.body = body;
        return b;
    }

    /** The method in upper case, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The absolute URI including the query string. */
    public URI uri() {
        return uri;
    }

    /** The header fields to send. Transports MUST send all of them and SHOULD add no others beyond framing. */
    public Headers headers() {
        return headers;
    }

    /** A copy of the body; empty when there is none. */
    public byte[] body() {
        return body.clone();
    }

    /** A read-only view of the body, for transports that want to avoid a copy. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** True when the request carries a body of at least one byte. */
    public boolean hasBody() {
        return body.length > 0;
    }

    /**
     * The time to wait for the response after the request was sent (a read timeout), or
     * {@code null} to use the transport's configured default.
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return method + " " + uri + " " + headers + (body.length > 0 ? " (" + body.length + " bytes)" : "");
    }

    /** A mutable builder of {@link HttpRequest}. Not thread-safe. */
    public static final class Builder {
        private String method;
        private URI uri;
        private Headers headers = Headers.empty();
        private byte[] body = NO_BODY;
        private Duration timeout;

        private Builder() {
        }

        /** Sets the method; it is upper-cased. */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Sets the absolute URI. */
        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** Replaces all headers. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /** Sets one header, replacing earlier values. */
        public Builder header(String name, String value) {
            this.headers = headers.with(name, value);
            return this;
        }

        /** Sets the body; the array is copied. {@code null} means no body. */
        public Builder body(byte[] body) {
            this.body = body == null ? NO_BODY : body.clone();
            return this;
        }

        /** Sets the read timeout for this request, or {@code null} for the transport's default. */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Returns the immutable request. */
        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
