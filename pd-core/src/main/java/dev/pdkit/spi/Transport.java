package dev.pdkit.spi;

import java.io.IOException;

/**
 * The HTTP port: sends exactly one attempt of one request and returns the response.
 *
 * <p>Implementations MUST be thread-safe: one transport is shared by every thread using a client.
 * They MUST NOT retry, follow redirects, or transform the body beyond transparent
 * decompression; retries, status interpretation and decoding live in core, which needs to see
 * exactly what the server said. Every HTTP status MUST be returned as a {@link HttpResponse}, not
 * thrown.
 *
 * <p>Failures are {@link IOException}s. A failure before any byte of the request was sent (refused
 * connection, connect timeout, unknown host) MUST surface as {@link java.net.ConnectException} or a
 * subclass. Why: core retries such a failure for every method, since the server cannot have acted
 * on the request; any other {@code IOException} is retried only for idempotent methods.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends the request once and reads the whole response.
     *
     * @throws java.net.ConnectException if the request could not be sent at all
     * @throws IOException on any other network failure, including a read timeout
     */
    HttpResponse send(HttpRequest request) throws IOException;

    /** A short name for logs and the User-Agent, e.g. {@code jdk}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases connections and threads the transport owns. MUST be idempotent. */
    @Override
    default void close() {
    }
}
