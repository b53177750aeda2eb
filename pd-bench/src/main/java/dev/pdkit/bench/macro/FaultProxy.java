package dev.pdkit.bench.macro;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for {@link FaultMix}: clients use its
 * {@link #url()} as their base URL, and it relays each request and its response byte for byte to
 * and from one upstream server on the loopback interface (the fake PagerDuty), on keep-alive
 * connections, one thread per client connection.
 *
 * <p>A fraction of the requests ({@code faultRate}), drawn from a seeded {@link SplittableRandom},
 * get one fault instead, chosen evenly among the six {@linkplain #REQUEST_FAULTS request faults}:
 * three answers the proxy gives itself without forwarding (500, 503, and 429 with rate-limit
 * headers asking for no wait), a reset before forwarding (the server never saw the request), and
 * two failures after the server acted (the connection reset instead of the response, or a 502 in
 * its place). Separately, a per-connection timer closes a keep-alive connection that has been idle
 * for longer than the idle timeout after an exchange, as a load balancer does
 * ({@link Fault#IDLE_CLOSE}); a new connection waits for its first request up to the read timeout.
 * Every fault is counted, and every request is {@linkplain #log() logged} with what happened to it.
 *
 * <p>Everything is bounded: sockets have read and connect timeouts, threads are daemons, and
 * {@link #close()} closes every socket and stops every thread it started.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy did to a request or connection instead of relaying it faithfully. */
    public enum Fault {
        /** Answered 500 by the proxy itself; the request was never forwarded. */
        ANSWER_500("500", false),
        /** Answered 503 by the proxy itself; never forwarded. */
        ANSWER_503("503", false),
        /** Answered 429 by the proxy itself, with rate-limit headers asking for no wait; never forwarded. */
        ANSWER_429("429", false),
        /** The request was read, then the connection reset (RST) without forwarding it. */
        RESET_BEFORE("reset-before", false),
        /** Forwarded and answered by the server, then the connection reset instead of relaying the answer. */
        RESET_AFTER("reset-after", true),
        /** Forwarded and answered by the server, then answered 502 by the proxy instead. */
        BAD_GATEWAY_AFTER("502-after", true),
        /** A keep-alive connection idle for longer than the idle timeout, closed (FIN) by the proxy. */
        IDLE_CLOSE("idle-close", false);

        private final String label;
        private final boolean serverActed;

        Fault(String label, boolean serverActed) {
            this.label = label;
            this.serverActed = serverActed;
        }

        /** A short name for tables, e.g. {@code reset-after}. */
        public String label() {
            return label;
        }

        /** Whether the server received and answered the request before the fault. */
        public boolean serverActed() {
            return serverActed;
        }
    }

    /** The faults drawn for requests, evenly: all but {@link Fault#IDLE_CLOSE}, which the idle timer causes. */
    public static final List<Fault> REQUEST_FAULTS = List.of(Fault.ANSWER_500, Fault.ANSWER_503, Fault.ANSWER_429,
            Fault.RESET_BEFORE, Fault.RESET_AFTER, Fault.BAD_GATEWAY_AFTER);

    /**
     * One request the proxy read, or one idle close.
     *
     * @param sequence the order in which the proxy read requests (and closed idle connections)
     * @param connection the client connection's number, from 1
     * @param method the request's method; {@code null} for an idle close
     * @param target the request target, e.g. {@code /users?limit=100}; {@code null} for an idle close
     * @param body the request body as UTF-8 text (with chunk framing if it was chunked); {@code null}
     *     when longer than 4 KB or for an idle close
     * @param fault the fault, or {@code null} when the request was relayed faithfully
     * @param nanos when it happened, on {@link System#nanoTime()}: when the request was read, or when
     *     the idle timer decided to close the connection
     * @param idleMillis for an idle close, how long the connection had been idle; else 0
     */
    public record Handled(long sequence, int connection, String method, String target, String body, Fault fault,
            long nanos, double idleMillis) {
    }

    static final int READ_TIMEOUT_MILLIS = 30_000;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /**
     * An upstream connection idle for longer than this is replaced instead of reused. The fake's
     * server closes idle connections only after far longer, so the proxy never writes on one the
     * server closed: that would be a failure of the proxy, not an injected fault.
     */
    static final long UPSTREAM_REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final int LOGGED_BODY_BYTES = 4096;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final long idleTimeoutMillis;
    private final SplittableRandom random;
    private volatile double faultRate;
    private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong upstreamFailures = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final Queue<Handled> log = new ConcurrentLinkedQueue<>();
    private final Queue<String> upstreamFailureMessages = new ConcurrentLinkedQueue<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress upstream, double faultRate, long seed, Duration idleTimeout)
            throws IOException {
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new IllegalArgumentException("faultRate must be in [0, 1]: " + faultRate);
        }
        this.upstream = upstream;
        this.faultRate = faultRate;
        this.random = new SplittableRandom(seed);
        this.idleTimeoutMillis = Math.max(1, idleTimeout.toMillis());
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "fault-proxy-" + port() + "-idle-timer"));
        this.acceptor = daemon(this::acceptLoop, "fault-proxy-" + port() + "-accept");
        acceptor.start();
    }

    /**
     * Starts a proxy on an ephemeral port of 127.0.0.1.
     *
     * @param upstreamUrl the server to relay to, e.g. {@code http://127.0.0.1:54321}; it must be on
     *     the loopback interface
     * @param faultRate the fraction of requests that get a fault, in [0, 1]
     * @param seed the seed of the random draws
     * @param idleTimeout how long a keep-alive connection may idle before the proxy closes it
     * @throws IOException if the port cannot be bound
     */
    public static FaultProxy start(String upstreamUrl, double faultRate, long seed, Duration idleTimeout)
            throws IOException {
        URI uri = URI.create(upstreamUrl);
        InetAddress address = InetAddress.getByName(uri.getHost());
        if (!address.isLoopbackAddress() || !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the proxy relays only to http on the loopback interface: "
                    + upstreamUrl);
        }
        return new FaultProxy(new InetSocketAddress(address, uri.getPort()), faultRate, seed, idleTimeout);
    }

    /** The base URL clients send to, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private int port() {
        return server.getLocalPort();
    }

    /** Changes the fraction of requests that get a fault from now on. */
    public void faultRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("faultRate must be in [0, 1]: " + rate);
        }
        this.faultRate = rate;
    }

    /** How many times each fault was injected so far, every kind present. */
    public Map<Fault, Long> counts() {
        Map<Fault, Long> m = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            m.put(f, counts.get(f.ordinal()));
        }
        return m;
    }

    /** How many requests the proxy read from clients. */
    public long requests() {
        return requests.get();
    }

    /** How many requests reached the upstream server and were answered by it. */
    public long forwarded() {
        return forwarded.get();
    }

    /** How many client connections were accepted. */
    public int connections() {
        return connections.get();
    }

    /**
     * How many exchanges with the upstream server failed (it closed or reset the connection, or
     * timed out). The proxy then closes the client's connection; this is no injected fault, so
     * anything above 0 makes a run's figures suspect.
     */
    public long upstreamFailures() {
        return upstreamFailures.get();
    }

    /** The messages of the upstream failures, for a report. */
    public List<String> upstreamFailureMessages() {
        return new ArrayList<>(upstreamFailureMessages);
    }

    /** Every request read and every idle close so far, in the order they happened. */
    public List<Handled> log() {
        List<Handled> list = new ArrayList<>(log);
        list.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return list;
    }

    /** Stops accepting, closes every connection and stops the threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Connection c : open) {
            c.abort();
        }
        timer.shutdownNow();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed || server.isClosed()) {
                    return;
                }
                continue;
            }
            Connection c = new Connection(connections.incrementAndGet(), socket);
            open.add(c);
            if (closed) {
                // close() may have run between accept and add, and then missed this connection.
                c.abort();
                return;
            }
            daemon(c, "fault-proxy-" + port() + "-conn-" + c.id).start();
        }
    }

    private Fault draw() {
        synchronized (random) {
            if (random.nextDouble() >= faultRate) {
                return null;
            }
            return REQUEST_FAULTS.get(random.nextInt(REQUEST_FAULTS.size()));
        }
    }

    /** The response the proxy sends itself for {@code fault}. */
    private static byte[] answer(Fault fault, long sequence, boolean close) {
        String status;
        String type = "application/json";
        String body;
        String extra = "";
        switch (fault) {
            case ANSWER_500 -> {
                status = "500 Internal Server Error";
                body = "{\"error\":{\"message\":\"Internal Server Error\",\"code\":2000}}";
            }
            case ANSWER_503 -> {
                status = "503 Service Unavailable";
                body = "{\"error\":{\"message\":\"Service Unavailable\"}}";
            }
            case ANSWER_429 -> {
                status = "429 Too Many Requests";
                body = "{\"error\":{\"message\":\"Rate Limit Exceeded\",\"code\":2020}}";
                // PagerDuty's headers, asking for no wait so that runs stay fast.
                extra = "ratelimit-limit: 960\r\nratelimit-remaining: 0\r\nratelimit-reset: 0\r\nRetry-After: 0\r\n";
            }
            case BAD_GATEWAY_AFTER -> {
                // What a load balancer says when its backend failed: HTML, not PagerDuty's JSON.
                status = "502 Bad Gateway";
                type = "text/html";
                body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
            }
            default -> throw new IllegalArgumentException("the proxy does not answer for " + fault);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "X-Request-Id: fault-proxy-" + sequence + "\r\n"
                + extra
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // Closing is best effort: the peer may have gone already.
        }
    }

    /** A response as read from the upstream server. */
    private record Relayed(byte[] head, byte[] body, boolean closes) {
    }

    /** One client connection, its upstream connection and its idle timer. */
    private final class Connection implements Runnable {

        private final int id;
        private final Socket client;
        private final Object lock = new Object();
        /** Guarded by {@code lock}: waiting for the next request. */
        private boolean idle;
        /** Guarded by {@code lock}: changes whenever the connection goes idle or busy, so stale timers do nothing. */
        private long generation;
        /** Guarded by {@code lock}: the idle timer took the connection. */
        private boolean timedOut;
        /** Guarded by {@code lock}: when the connection last went idle, on {@link System#nanoTime()}. */
        private long idleSince;
        /** Used by this connection's thread; volatile so that {@link #abort()} sees it. */
        private volatile Socket upstreamSocket;
        private HttpWire upstreamIn;
        private long upstreamIdleSince;

        Connection(int id, Socket client) {
            this.id = id;
            this.client = client;
        }

        @Override
        public void run() {
            try {
                client.setSoTimeout(READ_TIMEOUT_MILLIS);
                client.setTcpNoDelay(true);
                HttpWire in = new HttpWire(client.getInputStream());
                OutputStream out = client.getOutputStream();
                boolean kept = false;
                while (!closed) {
                    if (kept) {
                        // Only a connection kept alive after an exchange is timed: the rule under test is
                        // about reusing pooled connections, and a client cannot check one it just opened.
                        markIdle();
                    }
                    HttpWire.Head request = in.readHead(this::markBusy);
                    if (request == null || !serve(request, in, out)) {
                        return;
                    }
                    kept = true;
                }
            } catch (IOException | UncheckedIOException e) {
                // The client went away, a fault or the idle timer closed the connection, or the
                // upstream exchange failed (counted in serve): this connection is done.
            } finally {
                closeQuietly(upstreamSocket);
                closeQuietly(client);
                open.remove(this);
            }
        }

        /** Handles one request; returns whether the connection stays open for the next one. */
        private boolean serve(HttpWire.Head request, HttpWire in, OutputStream out) throws IOException {
            byte[] head = request.raw();
            if (request.lists("Expect", "100-continue")) {
                // The proxy reads whole requests before deciding, so it lets the body come at once
                // and does not pass the expectation on.
                out.write(CONTINUE);
                out.flush();
                head = request.without("Expect");
            }
            byte[] body = in.readRequestBody(request);
            requests.incrementAndGet();
            Fault fault = draw();
            long seq = sequence.incrementAndGet();
            log.add(new Handled(seq, id, request.method(), request.target(),
                    body.length <= LOGGED_BODY_BYTES ? new String(body, StandardCharsets.UTF_8) : null, fault,
                    System.nanoTime(), 0));
            if (fault != null) {
                counts.incrementAndGet(fault.ordinal());
            }
            boolean keepAlive = !request.closes();
            boolean headRequest = request.method().equals("HEAD");
            if (fault == null) {
                Relayed r = forward(head, body, headRequest);
                out.write(r.head());
                out.write(r.body());
                out.flush();
                return keepAlive && !r.closes();
            }
            switch (fault) {
                case RESET_BEFORE -> {
                    reset();
                    return false;
                }
                case RESET_AFTER -> {
                    forward(head, body, headRequest);
                    reset();
                    return false;
                }
                case BAD_GATEWAY_AFTER -> {
                    forward(head, body, headRequest);
                    out.write(answer(fault, seq, !keepAlive));
                    out.flush();
                    return keepAlive;
                }
                default -> {
                    out.write(answer(fault, seq, !keepAlive));
                    out.flush();
                    return keepAlive;
                }
            }
        }

        /** Sends the request upstream and reads the whole response. */
        private Relayed forward(byte[] head, byte[] body, boolean headRequest) throws IOException {
            try {
                if (upstreamSocket != null && System.nanoTime() - upstreamIdleSince > UPSTREAM_REUSE_NANOS) {
                    closeUpstream();
                }
                if (upstreamSocket == null) {
                    Socket s = new Socket();
                    upstreamSocket = s;
                    s.connect(upstream, CONNECT_TIMEOUT_MILLIS);
                    s.setSoTimeout(READ_TIMEOUT_MILLIS);
                    s.setTcpNoDelay(true);
                    upstreamIn = new HttpWire(s.getInputStream());
                }
                OutputStream up = upstreamSocket.getOutputStream();
                up.write(head);
                up.write(body);
                up.flush();
                HttpWire.Head response;
                do {
                    response = upstreamIn.readHead(() -> { });
                    if (response == null) {
                        throw new EOFException("the upstream server closed the connection without answering");
                    }
                    // Interim 1xx answers are dropped: the proxy already let the client send its body.
                } while (response.status() / 100 == 1 && response.status() != 101);
                HttpWire.Body b = upstreamIn.readResponseBody(response, headRequest);
                forwarded.incrementAndGet();
                boolean closes = response.closes() || b.untilClose();
                if (closes) {
                    closeUpstream();
                } else {
                    upstreamIdleSince = System.nanoTime();
                }
                return new Relayed(response.raw(), b.raw(), closes);
            } catch (IOException e) {
                if (!closed) {
                    upstreamFailures.incrementAndGet();
                    upstreamFailureMessages.add("connection " + id + ": " + e);
                }
                closeUpstream();
                throw e;
            }
        }

        private void closeUpstream() {
            closeQuietly(upstreamSocket);
            upstreamSocket = null;
            upstreamIn = null;
        }

        /** Resets the client connection: SO_LINGER 0 makes close send RST instead of FIN. */
        private void reset() {
            try {
                client.setSoLinger(true, 0);
            } catch (IOException e) {
                // Already closed: nothing left to reset.
            }
            closeQuietly(client);
        }

        private void markIdle() {
            long gen;
            synchronized (lock) {
                idle = true;
                idleSince = System.nanoTime();
                gen = ++generation;
            }
            try {
                timer.schedule(() -> idleCheck(gen), idleTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The proxy is closing; close() closes this connection.
            }
        }

        /** Called by the reader when the first byte of a request arrives. */
        private void markBusy() {
            synchronized (lock) {
                if (timedOut) {
                    throw new UncheckedIOException(new IOException("closed by the idle timer"));
                }
                idle = false;
                generation++;
            }
        }

        private void idleCheck(long gen) {
            long since;
            synchronized (lock) {
                if (!idle || gen != generation || timedOut) {
                    return;
                }
                try {
                    // Bytes of a request already waiting: a request arrived just now, so the
                    // connection is not idle (the reader will mark it busy in a moment).
                    if (client.getInputStream().available() > 0) {
                        return;
                    }
                } catch (IOException e) {
                    return;
                }
                timedOut = true;
                since = idleSince;
            }
            // The time of the decision, when no byte of a request was waiting: a request that arrives
            // from here on races with the close, as it would with any idle timeout.
            long now = System.nanoTime();
            // An orderly close (FIN), as a load balancer's idle timeout does.
            closeQuietly(client);
            counts.incrementAndGet(Fault.IDLE_CLOSE.ordinal());
            log.add(new Handled(sequence.incrementAndGet(), id, null, null, null, Fault.IDLE_CLOSE, now,
                    (now - since) / 1e6));
        }

        void abort() {
            closeQuietly(client);
            closeQuietly(upstreamSocket);
        }
    }
}
