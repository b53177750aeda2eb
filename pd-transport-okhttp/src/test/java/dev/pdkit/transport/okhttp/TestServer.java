package dev.pdkit.transport.okhttp;

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

/**
 * A loopback HTTP server that records every request it receives and answers through a
 * {@link Responder}. Handlers run on a cached pool, so a handler that blocks does not hold up others.
 */
final class TestServer implements AutoCloseable {

    /** One received request; header lookups ignore case. */
    record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /** Writes the response; it MUST use a fixed length ({@code -1} for no body). */
    @FunctionalInterface
    interface Responder {
        void respond(Received request, HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    private TestServer(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(exchange.getRequestHeaders());
                Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                        exchange.getRequestBody().readAllBytes());
                received.add(request);
                responder.respond(request, exchange);
            }
        });
        server.start();
    }

    static TestServer start(Responder responder) throws IOException {
        return new TestServer(responder);
    }

    /** A server that answers every request with 200 and the request's body. */
    static TestServer echo() throws IOException {
        return start((request, exchange) -> reply(exchange, 200, request.body()));
    }

    static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received only() {
        List<Received> all = received();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
