package dev.pdkit.testkit.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The HTTP front end: a {@code com.sun.net.httpserver.HttpServer} on 127.0.0.1 with its own pool
 * of daemon threads, one per request in progress, so slow clients never starve the others. It turns each exchange into a {@link Call}, asks the handler for a
 * {@link Reply} and writes it with a fixed {@code Content-Length} (a chunked reply would cost
 * every client an extra round of parsing, and some stall on it).
 *
 * <p>Closing wakes every handler that is waiting (latency, delay faults), stops the server without
 * waiting for exchanges and interrupts the pool, so it returns promptly.
 */
public final class FakeServer implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";
    /**
     * Seconds HttpServer gives a client to send its whole request. HttpServer reads a request on a
     * pool thread, so without a limit a client that sends part of one and stops holds that thread
     * for as long as it keeps the connection open.
     */
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    private static final String MAX_REQUEST_SECONDS = "30";
    /** Bodies above this are refused with 413 rather than read into memory. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Function<Call, Reply> handler;

    private FakeServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds 127.0.0.1 on {@code port} (0 for an ephemeral port); the server answers once
     * {@link #start} gives it a handler.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static FakeServer bind(int port) {
        // Without TCP_NODELAY, JDK 17's server stalls ~45 ms on every keep-alive request (Nagle
        // plus delayed ACKs). The property is read once, when the JVM creates its first HttpServer,
        // so it is set here unless the user chose a value.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, MAX_REQUEST_SECONDS);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            int serverPort = server.getAddress().getPort();
            AtomicInteger n = new AtomicInteger();
            // A thread per request in progress, reused while busy and ended after 30 s idle: a fixed
            // pool let a few clients that stop half-way through a request (each holding a thread while
            // HttpServer reads it) leave every other client waiting. Idle keep-alive connections hold
            // no thread; half-sent requests are bounded by MAX_REQUEST_TIME.
            ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, "pd-testkit-" + serverPort + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            server.setExecutor(executor);
            return new FakeServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    /** Starts answering with {@code handler}. */
    public void start(Function<Call, Reply> handler) {
        this.handler = handler;
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Waits for {@code d}; returns {@code false} at once if the server is closing. */
    public boolean pause(Duration d) {
        try {
            return !closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void exchange(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = handler.apply(read(ex));
        } catch (BodyTooLarge e) {
            reply = Reply.json(413, ApiError.forStatus(413));
        } catch (RuntimeException e) {
            reply = Reply.json(500, ApiError.body(2000, "Internal error in pd-testkit", List.of(String.valueOf(e))));
        }
        write(ex, reply);
    }

    private Call read(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new BodyTooLarge();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach(headers::put);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String requestId = String.format("%016x%016x", r.nextLong(), r.nextLong());
        return new Call(sequence.getAndIncrement(), ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), headers, body, Instant.now(), requestId);
    }

    private static void write(HttpExchange ex, Reply reply) throws IOException {
        if (reply.delivery() == Reply.Delivery.DROP) {
            // An exception out of the handler makes HttpServer close the connection: the client
            // sees the connection end without a response.
            throw new DroppedConnection();
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (!ex.getResponseHeaders().containsKey("X-Request-Id")) {
            // Replies made outside the pipeline (a body too large, a bug) still carry one.
            ThreadLocalRandom r = ThreadLocalRandom.current();
            ex.getResponseHeaders().set("X-Request-Id", String.format("%016x%016x", r.nextLong(), r.nextLong()));
        }
        // 204 and 304 never carry a body, whatever the reply says.
        byte[] body = reply.status() == 204 || reply.status() == 304 ? new byte[0] : reply.body();
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        if (body.length > 0) {
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        if (reply.delivery() == Reply.Delivery.TRUNCATE) {
            byte[] full = body.length > 1 ? body : Json.write(Json.obj("status", "truncated"));
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(reply.status() == 204 ? 200 : reply.status(), full.length);
            OutputStream out = ex.getResponseBody();
            out.write(full, 0, full.length / 2);
            out.flush();
            throw new DroppedConnection();
        }
        if (body.length == 0 || head) {
            ex.sendResponseHeaders(reply.status(), -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the server and its threads; idempotent and prompt. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        server.stop(0);
        ExecutorService pool = executor;
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown out of the handler to make HttpServer close the connection. */
    private static final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("pd-testkit: connection dropped on purpose", null, false, false);
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("request body too large", null, false, false);
        }
    }
}
