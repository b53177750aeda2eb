package dev.pdkit.transport.jdk;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Transport} on the JDK's {@link HttpClient}: each {@link #send} is exactly one HTTP
 * exchange, redirects are never followed, and every status comes back as an {@link HttpResponse}.
 *
 * <p><b>Thread safety:</b> instances are safe to share between any number of threads; {@link #send}
 * may be called concurrently, and {@link #close} may be called from any thread.
 *
 * <p><b>Headers.</b> Every request header is sent as given, with these exceptions imposed by the
 * JDK and applied silently rather than failing the request:
 * <ul>
 *   <li>{@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect} and
 *       {@code Upgrade} are skipped: {@link HttpClient} refuses to let callers set them and derives
 *       them itself from the URI and the body.</li>
 *   <li>{@code Proxy-*} headers only ever go to a proxy: the JDK drops them on a direct connection,
 *       so they cannot leak to the origin server.</li>
 * </ul>
 * When a request has no {@code User-Agent}, {@link TransportOptions#userAgent()} is sent if set.
 * Response headers that {@link Headers} cannot hold (names that are not tokens, such as HTTP/2's
 * {@code :status}, and values with non-ASCII characters) are left out instead of failing the
 * response.
 *
 * <p><b>Timeouts.</b> The connect timeout comes from the options. The read timeout is
 * {@link HttpRequest#timeout()}, or {@link TransportOptions#readTimeout()} when that is null, and
 * is given to the JDK as the request timeout. The JDK stops that timer once the response headers
 * have arrived, so a body that stalls would block forever; the transport therefore also abandons
 * (and aborts) any exchange that is not complete within connect timeout plus read timeout, with an
 * {@link HttpTimeoutException}.
 *
 * <p><b>Failures.</b> A refused connection, an unresolvable host, an unreachable network and a
 * connect timeout are thrown as {@link ConnectException} (the JDK's own exception is the cause),
 * because nothing was sent. Every other failure, read timeouts included, is an {@link IOException}
 * of another type. An interrupt aborts the exchange and throws {@link InterruptedIOException} with
 * the thread's interrupt flag set again.
 *
 * <p><b>Proxy credentials</b> are sent pre-emptively as a {@code Proxy-Authorization: Basic} header
 * on every request, not through an {@link java.net.Authenticator}: an authenticator makes the JDK
 * drop the caller's {@code Authorization} header (which carries the PagerDuty token) and answer a
 * 407 by sending the request again, which breaks the one-attempt rule. For plain {@code http}
 * targets the header reaches the proxy as is. For {@code https} targets it would be sent on the
 * {@code CONNECT} request, but the JDK disables Basic authentication for tunnels by default: run
 * with {@code -Djdk.http.auth.tunneling.disabledSchemes=} (an empty value) to allow it.
 */
public final class JdkTransport implements Transport {

    /**
     * Names {@link java.net.http.HttpRequest.Builder#header} rejects with an exception (the JDK sets
     * them itself), lower case. Skipped even if {@code jdk.httpclient.allowRestrictedHeaders} allows
     * them, so every JVM sends the same thing.
     */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final HttpClient client;
    private final ExecutorService ownedExecutor;
    private final TransportOptions options;
    private final Duration connectTimeout;
    private final String proxyAuthorization;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * How often the sends in flight are checked against their deadlines. Why a periodic check and
     * not a timer per send: scheduling a new earliest task wakes the timer thread, a context switch
     * on every request; a deadline that fires up to this late costs nothing.
     */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Interrupts a {@link HttpClient#send} that outlives its deadline (the JDK aborts the exchange
     * on interrupt). Why send on the caller's thread and not {@code sendAsync}: the JDK completes a
     * public {@code sendAsync} through the common pool, which on machines with 2 CPUs or fewer
     * starts a new thread for every request.
     */
    private final ScheduledThreadPoolExecutor watchdog = watchdog();
    private final Set<Deadline> inFlight = ConcurrentHashMap.newKeySet();
    /** Whether a check is scheduled; it is only while sends are in flight. */
    private final AtomicBoolean ticking = new AtomicBoolean();

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "pdkit-jdk-deadline-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** One send's deadline: it interrupts the sending thread unless the send finished first. */
    private static final class Deadline {
        private final Thread sender = Thread.currentThread();
        private final long dueNanos;
        private boolean finished;
        private boolean expired;

        Deadline(long dueNanos) {
            this.dueNanos = dueNanos;
        }

        synchronized void expireIfDue(long now) {
            if (!finished && now - dueNanos >= 0) {
                expired = true;
                sender.interrupt();
            }
        }

        /** Ends the deadline; true if it expired, in which case its interrupt is cleared. */
        synchronized boolean finish() {
            finished = true;
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }

    /** Starts the periodic check unless it runs; called after a deadline joined {@link #inFlight}. */
    private void tick() {
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            watchdog.schedule(this::checkDeadlines, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        for (Deadline d : inFlight) {
            d.expireIfDue(now);
        }
        ticking.set(false);
        // A send that joined after the scan saw ticking still set, so look again before stopping.
        if (!inFlight.isEmpty()) {
            try {
                tick();
            } catch (RejectedExecutionException closed) {
                // The transport closed; nothing is left to watch.
            }
        }
    }

    private JdkTransport(HttpClient client, ExecutorService ownedExecutor, TransportOptions options, String proxyAuthorization) {
        this.client = client;
        this.ownedExecutor = ownedExecutor;
        this.options = options;
        this.connectTimeout = client.connectTimeout().orElse(options.connectTimeout());
        this.proxyAuthorization = proxyAuthorization;
    }

    /**
     * Returns a transport with {@linkplain TransportOptions#defaults() default options} on an
     * {@link HttpClient} it creates and owns.
     *
     * @return a new transport; the caller closes it
     */
    public static JdkTransport create() {
        return create(TransportOptions.defaults());
    }

    /**
     * Returns a transport on an {@link HttpClient} that it creates and owns: HTTP/1.1, redirects never
     * followed, the connect timeout and proxy of {@code options}, and a cached pool of daemon threads
     * named {@code pdkit-jdk-http-N} that {@link #close()} shuts down.
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport; the caller closes it
     */
    public static JdkTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "pdkit-jdk-http-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .executor(executor);
        ProxyOptions proxy = options.proxy().orElse(null);
        String proxyAuthorization = null;
        if (proxy != null) {
            builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
            if (proxy.username().isPresent()) {
                String pair = proxy.username().get() + ":" + proxy.password().orElse("");
                proxyAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new JdkTransport(builder.build(), executor, options, proxyAuthorization);
    }

    /**
     * Returns a transport on the host application's own {@link HttpClient}, reusing its proxy, TLS
     * settings, executor and connection pool. The transport does not own the client: {@link #close()}
     * leaves it and its executor running.
     *
     * <p>Of {@code options}, only the read timeout and the User-Agent are used; the connect timeout
     * is the client's own when it has one. The client must not follow redirects and must have no
     * {@link java.net.Authenticator}, since the JDK then drops the request's {@code Authorization}
     * header; configure a proxy and its credentials on the client, not in the options.
     *
     * @param client the client to send with
     * @param options read timeout and User-Agent
     * @return a new transport that does not own {@code client}
     * @throws IllegalArgumentException if the client follows redirects or has an authenticator, or
     *     if the options name a proxy
     */
    public static JdkTransport wrap(HttpClient client, TransportOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient follows redirects (" + client.followRedirects()
                    + "); a transport must return every response as is: build it with Redirect.NEVER");
        }
        if (client.authenticator().isPresent()) {
            throw new IllegalArgumentException("the HttpClient has an Authenticator, which makes the JDK drop the"
                    + " Authorization header that carries the PagerDuty token");
        }
        if (options.proxy().isPresent()) {
            throw new IllegalArgumentException("a wrapped HttpClient uses its own proxy: configure "
                    + options.proxy().get() + " on the HttpClient instead");
        }
        return new JdkTransport(client, null, options, null);
    }

    /**
     * Sends the request once and reads the whole response. Safe to call from many threads at once.
     *
     * @param request the request to send
     * @return the response, whatever its status
     * @throws ConnectException if no connection could be made, so nothing was sent
     * @throws InterruptedIOException if the calling thread was interrupted; its interrupt flag is set
     * @throws IOException on any other failure, including a read timeout
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            throw new IllegalStateException("transport is closed: " + this);
        }
        Duration readTimeout = request.timeout() != null ? request.timeout() : options.readTimeout();
        java.net.http.HttpRequest jdkRequest = toJdk(request, readTimeout);
        long timeoutNanos = saturatedNanos(connectTimeout.plus(readTimeout));
        long now = System.nanoTime();
        Deadline deadline = new Deadline(timeoutNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos);
        inFlight.add(deadline);
        try {
            tick();
        } catch (RejectedExecutionException e) {
            inFlight.remove(deadline);
            throw new IllegalStateException("transport is closed: " + this, e);
        }
        java.net.http.HttpResponse<byte[]> response;
        try {
            response = client.send(jdkRequest, BodyHandlers.ofByteArray());
        } catch (InterruptedException | IOException e) {
            inFlight.remove(deadline);
            if (deadline.finish()) {
                HttpTimeoutException timeout = new HttpTimeoutException("response to " + request.method() + " "
                        + request.uri() + " not complete within connect timeout + read timeout ("
                        + connectTimeout + " + " + readTimeout + ")");
                timeout.initCause(e);
                throw timeout;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted = new InterruptedIOException("interrupted while sending "
                        + request.method() + " " + request.uri());
                interrupted.initCause(e);
                throw interrupted;
            }
            throw failure(e);
        } catch (RuntimeException e) {
            inFlight.remove(deadline);
            deadline.finish();
            throw e;
        }
        inFlight.remove(deadline);
        // Had the deadline passed just as the response arrived, the response still stands.
        deadline.finish();
        return HttpResponse.ofOwned(response.statusCode(), toHeaders(response.headers()), response.body());
    }

    /**
     * Returns {@code jdk}.
     *
     * @return the transport's name
     */
    @Override
    public String name() {
        return "jdk";
    }

    /**
     * Closes the transport; later sends throw {@link IllegalStateException}. Idempotent and
     * thread-safe. When the transport created its {@link HttpClient}, the client's thread pool is
     * shut down (sends still in flight may then fail); a {@linkplain #wrap wrapped} client is left
     * untouched.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.shutdownNow();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        }
    }

    /**
     * Shows the name, the options (whose proxy password is hidden) and whether the client is owned.
     *
     * @return a description without credentials
     */
    @Override
    public String toString() {
        return "JdkTransport{name=" + name() + ", options=" + options + (ownedExecutor == null ? ", wrapped client" : "")
                + (closed.get() ? ", closed" : "") + "}";
    }

    /** The executor this transport created, or null for a wrapped client; for tests. */
    ExecutorService ownedExecutor() {
        return ownedExecutor;
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request, Duration readTimeout) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.hasBody()
                        ? BodyPublishers.ofByteArray(request.body())
                        : BodyPublishers.noBody())
                .timeout(readTimeout);
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        if (options.userAgent() != null && !request.headers().contains("User-Agent")) {
            builder.header("User-Agent", options.userAgent());
        }
        if (proxyAuthorization != null && !request.headers().contains("Proxy-Authorization")) {
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        return builder.build();
    }

    /** Copies response headers, leaving out what {@link Headers} rejects (see the class comment). */
    static Headers toHeaders(HttpHeaders jdkHeaders) {
        Headers.Builder builder = Headers.builder();
        jdkHeaders.map().forEach((name, values) -> {
            if (name.startsWith(":")) {
                return;
            }
            for (String value : values) {
                try {
                    builder.add(name, value);
                } catch (IllegalArgumentException invalid) {
                    // One odd header (e.g. a Latin-1 filename) must not cost the caller the whole response.
                }
            }
        });
        return builder.build();
    }

    /** Maps an asynchronous failure to what the {@link Transport} contract promises. */
    private static IOException failure(Throwable thrown) {
        // send() wraps what isn't an IOException (an unresolved address) in an IOException.
        Throwable cause = thrown.getClass() == IOException.class && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            // A fresh exception also gives the caller's stack trace; the JDK's is the selector thread's.
            ConnectException connect = new ConnectException(Objects.toString(cause.getMessage(), cause.toString()));
            connect.initCause(cause);
            return connect;
        }
        if (thrown instanceof IOException io) {
            return io;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause.toString(), cause);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
