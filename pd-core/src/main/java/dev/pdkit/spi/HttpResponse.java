package dev.pdkit.spi;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One HTTP response as a {@link Transport} returns it: status, headers and the whole body, already
 * decompressed if the transport negotiated compression. Every status, including 3xx, 4xx and 5xx, is
 * a response and never an exception.
 *
 * <p>Instances are immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class HttpResponse {

    private static final byte[] NO_BODY = new byte[0];

    private final int status;
    private final Headers headers;
    private final byte[] body;

    private HttpResponse(int status, Headers headers, byte[] body) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body;
    }

    /** Returns a response; the body array is copied, {@code null} means no body. */
    public static HttpResponse of(int status, Headers headers, byte[] body) {
        return new HttpResponse(status, headers, body == null ? NO_BODY : body.clone());
    }

    /**
     * Returns a response that takes ownership of {@code body} without copying it. The caller MUST NOT
     * modify the array afterwards. Why: transports read bodies into fresh arrays, and copying every
     * response body again would be waste on the hot path.
     */
    public static HttpResponse ofOwned(int status, Headers headers, byte[] body) {
        return new HttpResponse(status, headers, body == null ? NO_BODY : body);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The header fields. */
    public Headers headers() {
        return headers;
    }

    /** A copy of the body; empty when there is none. */
    public byte[] body() {
        return body.clone();
    }

    /** A read-only view of the body, without a copy. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + headers + " (" + body.length + " bytes)";
    }
}
