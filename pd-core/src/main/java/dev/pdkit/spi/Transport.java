package dev.pdkit.spi;

import java.io.IOException;

/**
 * The HTTP port: sends one request and returns the response. Core decides everything else (retries,
 * status interpretation, decoding) and needs to know exactly what happened on the wire, so a
 * transport keeps the rules below. {@code dev.pdkit.testkit.contract.TransportContract} checks each
 * of them against real loopback servers; every adapter runs it.
 *
 * <p><b>Thread safety.</b> Implementations MUST be thread-safe: one transport is shared by every
 * thread using a client.
 *
 * <p><b>One attempt.</b> A transport MUST NOT follow redirects, answer authentication challenges,
 * or transform the body beyond transparent decompression; every HTTP status MUST be returned as an
 * {@link HttpResponse}, not thrown. It puts the request on the wire once, with a single exception: a
 * request that failed on a <em>reused</em> connection before any byte of the response arrived MAY be
 * sent once more, on a new connection, when
 * <ul>
 *   <li>the server cannot have acted on it, because the transport found the connection closed by
 *       the server before writing the request; or</li>
 *   <li>the method is {@code GET} or {@code HEAD}, which HTTP defines as safe to repeat. The JDK's
 *       {@code HttpClient} does this on its own, on any connection, and has no switch to stop it, so
 *       on that transport one {@code send} of a {@code GET} may reach the server twice.</li>
 * </ul>
 * Core counts one attempt per call of {@link #send}, whatever happened inside it.
 *
 * <p><b>Stale connections.</b> Servers and load balancers close idle keep-alive connections. A
 * transport MUST NOT write a request on a pooled connection that has been idle for
 * {@value #STALE_CHECK_IDLE_MILLIS} ms or more without first checking that the server has not
 * closed it (a read of at most a millisecond that finds end-of-stream); a connection found closed
 * is discarded and another one used, since nothing was sent on it. The JDK's {@code HttpClient}
 * notices closed idle connections as they close. Why a threshold and not every reuse: the check
 * costs up to a millisecond on a live connection, nothing against a request that follows the last
 * one closely.
 *
 * <p><b>How failures are reported.</b> Every failure is an {@link IOException}, of a type that tells
 * core what it may do next:
 * <ul>
 *   <li>{@link java.net.ConnectException} (or a subclass) when nothing of the request can have
 *       reached the server: refused connection, unknown host, connect timeout, a proxy that refused
 *       the tunnel, no pooled connection handed out in time. Core may retry it for any method. The
 *       message names the host and port.</li>
 *   <li>{@link java.net.SocketTimeoutException} (or a subclass) when a timeout ended the exchange
 *       after the request may have been sent. A timeout never sets the thread's interrupt
 *       flag.</li>
 *   <li>{@link java.io.InterruptedIOException} (not a {@code SocketTimeoutException}) when the
 *       calling thread was interrupted, before or during the exchange. The thread's interrupt flag
 *       MUST still be set when {@code send} returns, and nothing is sent by an already interrupted
 *       thread.</li>
 *   <li>{@link ResponseTooLargeException} when the body exceeds
 *       {@link TransportOptions#maxResponseBytes()}; the transport stops reading at the limit.</li>
 *   <li>any other {@code IOException} when the request may have reached the server: core retries
 *       it only for requests that are safe to repeat.</li>
 * </ul>
 * Apart from {@code IOException}s, {@code send} throws only {@link IllegalArgumentException} for a
 * request the HTTP library cannot express, {@link IllegalStateException} after {@link #close()},
 * and {@link NullPointerException} for a null request: never a library's own unchecked
 * exception, and never an undeclared checked one.
 *
 * <p><b>Time.</b> The whole exchange (waiting for a pooled connection, connecting, sending, waiting
 * for the response, reading the body) ends within the connect timeout plus the read timeout of
 * {@link TransportOptions} (the read timeout of the {@link HttpRequest} when it has one), and with
 * a {@code SocketTimeoutException} when it does not. An interrupt of the calling thread ends the
 * exchange within a few milliseconds, whatever it is waiting for. {@link SendWatchdog} does both for
 * HTTP libraries whose blocking calls ignore interrupts.
 */
public interface Transport extends AutoCloseable {

    /**
     * How long a pooled connection may have been idle before a transport checks that the server has
     * not closed it, in milliseconds: {@value}. See the class comment.
     */
    long STALE_CHECK_IDLE_MILLIS = 100;

    /**
     * Sends the request and reads the whole response.
     *
     * @param request the request
     * @return the response, whatever its status
     * @throws java.net.ConnectException if nothing of the request can have reached the server
     * @throws java.net.SocketTimeoutException if a timeout ended the exchange
     * @throws java.io.InterruptedIOException if the calling thread was interrupted; its interrupt
     *     flag is set
     * @throws ResponseTooLargeException if the body exceeds the limit of the options
     * @throws IOException on any other network failure
     */
    HttpResponse send(HttpRequest request) throws IOException;

    /**
     * A short name for logs and the User-Agent, e.g. {@code jdk}.
     *
     * @return the name, a token of letters, digits, {@code .}, {@code _} and {@code -}
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Releases connections and threads the transport owns. MUST be idempotent. */
    @Override
    default void close() {
    }
}
