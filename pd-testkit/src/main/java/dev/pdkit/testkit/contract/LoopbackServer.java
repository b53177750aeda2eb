package dev.pdkit.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The contract's HTTP server: {@code com.sun.net.httpserver} on {@code 127.0.0.1} and an ephemeral
 * port. It records every request (with the client's port, so tests can count connections) and
 * answers through a {@link Responder}. Handlers run on a cached pool, so a handler that blocks holds
 * up no other request.
 *
 * <p>Public so that an adapter's own tests, beyond {@link TransportContract}, use the same server
 * the contract does.
 */
public final class LoopbackServer implements AutoCloseable {

    static {
        // Without it JDK 17's HttpServer stalls ~45 ms per keep-alive response (Nagle + delayed ACK).
        // Read when the first HttpServer of the JVM is created; an explicit setting is respected.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * One received request; header lookups ignore case.
     *
     * @param method the request method
     * @param uri the request URI as received (path and query)
     * @param headers the request headers, keyed case-insensitively
     * @param body the request body, empty when there was none
     * @param clientPort the client's port, which tells connections apart
     */
    public record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body, int clientPort) {

        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        /** Every value of header {@code name}, possibly none. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public String toString() {
            return method + " " + uri + " " + headers + " (" + body.length + " bytes, client port " + clientPort + ")";
        }
    }

    /** Writes the response to one request; it MUST use a fixed length ({@code -1} for no body). */
    @FunctionalInterface
    public interface Responder {
        /** Answers {@code request} through {@code exchange}. */
        void respond(Received request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "pdkit-contract-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    private LoopbackServer(Responder responder) throws IOException {
        // A backlog above the contract's 64 concurrent clients, so no SYN is dropped and retried.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(exchange.getRequestHeaders());
                Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                        exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress().getPort());
                received.add(request);
                responder.respond(request, exchange);
            }
        });
        server.start();
    }

    /**
     * Starts a server on {@code 127.0.0.1} and an ephemeral port that answers through {@code responder}.
     *
     * @throws IOException if the server cannot bind
     */
    public static LoopbackServer start(Responder responder) throws IOException {
        return new LoopbackServer(responder);
    }

    /** Writes a response with a fixed length; an empty body is sent as no body. */
    public static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Every request received so far, in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /**
     * The one request received.
     *
     * @throws AssertionError unless exactly one request arrived
     */
    public Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    /** Stops the server and its handlers. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
