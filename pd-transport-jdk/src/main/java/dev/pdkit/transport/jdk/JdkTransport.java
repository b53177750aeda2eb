package dev.pdkit.transport.jdk;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.SendWatchdog;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p><b>Timeouts.</b> The connect timeout is the {@link HttpClient}'s own when it has one (a wrapped
 * client), else the options'. The read timeout is
 * {@link HttpRequest#timeout()}, or {@link TransportOptions#readTimeout()} when that is null: the
 * response headers must arrive within it, counted from the start of the send, as the JDK's own
 * request timeout counts; then the whole body must have arrived within connect timeout plus read
 * timeout. A {@link SendWatchdog} keeps both limits (by interrupting the sending thread, on which
 * the JDK aborts the exchange) instead of the JDK's request timeout: that one registers a timer with
 * the client's selector for every request, and waking the selector thread for it costs about as
 * much as the rest of the transport. Either way the failure is a {@link SocketTimeoutException}.
 *
 * <p><b>Failures.</b> A refused connection, an unresolvable host, an unreachable network and a
 * connect timeout are thrown as {@link ConnectException} naming the host and port (the JDK's own
 * exception is the cause), because nothing was sent. An interrupt of the calling thread aborts the
 * exchange and throws {@link InterruptedIOException} with the thread's interrupt flag set again; a
 * thread that is interrupted already sends nothing. A body longer than
 * {@link TransportOptions#maxResponseBytes()} is refused with
 * {@link dev.pdkit.spi.ResponseTooLargeException} as soon as it declares or delivers more.
 *
 * <p><b>Repetitions the JDK makes.</b> {@link HttpClient} sends a {@code GET} or {@code HEAD} once
 * more, on a new connection, when a connection closes before any byte of the response arrived, and
 * retries a refused connection once; no per-client setting stops either. Both are within the
 * {@link Transport} rule (a safe method; nothing sent). Closed idle connections are noticed as they
 * close, so a request never goes out on one.
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
     * Bounds each send by connect plus read timeout, by interrupting the sending thread (the JDK
     * aborts the exchange on interrupt). Why send on the caller's thread and not
     * {@code sendAsync}: the JDK completes a public {@code sendAsync} through the common pool,
     * which on machines with 2 CPUs or fewer starts a new thread for every request.
     */
    private final SendWatchdog watchdog = new SendWatchdog("pdkit-jdk-deadline");

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
     * Returns a transport on the host application's own {@link HttpClient}, with
     * {@linkplain TransportOptions#defaults() default options}: the same as
     * {@code wrap(client, TransportOptions.defaults())}. The transport does not own the client:
     * {@link #close()} leaves it and its executor running.
     *
     * <p><b>From the client</b> it takes everything the client is configured with: its proxy, TLS
     * settings, executor, connection pool and connect timeout. <b>The defaults</b> apply to the rest:
     * a request without its own {@link HttpRequest#timeout()} gets the read timeout
     * {@link TransportOptions#DEFAULT_READ_TIMEOUT} (60 s); a response body over
     * {@link TransportOptions#DEFAULT_MAX_RESPONSE_BYTES} bytes (64 MiB) is refused; the transport
     * adds no User-Agent of its own (a request without one gets the JDK's); and when the client has
     * no connect timeout, {@link TransportOptions#DEFAULT_CONNECT_TIMEOUT} (10 s) counts in the bound
     * on the whole exchange (connect plus read timeout, see the class comment). A pdkit client sends
     * its {@code timeout(...)} and User-Agent with every request, so through one only the body limit
     * and that 10 s are the defaults' (the client's own {@code maxResponseBytes(...)} is checked as
     * well); use {@link #wrap(HttpClient, TransportOptions)} for other values.
     *
     * <p>The client must not follow redirects and must have no {@link java.net.Authenticator}, since
     * the JDK then drops the request's {@code Authorization} header.
     *
     * @param client the client to send with
     * @return a new transport that does not own {@code client}
     * @throws IllegalArgumentException if the client follows redirects or has an authenticator
     */
    public static JdkTransport wrap(HttpClient client) {
        return wrap(client, TransportOptions.defaults());
    }

    /**
     * Returns a transport on the host application's own {@link HttpClient}, reusing its proxy, TLS
     * settings, executor and connection pool, with the read timeout, User-Agent and body limit of
     * {@code options}. The transport does not own the client: {@link #close()} leaves it and its
     * executor running. {@link #wrap(HttpClient)} does the same with default options.
     *
     * <p>Of {@code options}, the read timeout, the User-Agent and the response body limit are used;
     * the connect timeout is the client's own when it has one (the options' counts only in the bound
     * on the whole exchange when the client has none). The client must not follow redirects and must
     * have no {@link java.net.Authenticator}, since the JDK then drops the request's
     * {@code Authorization} header; configure a proxy and its credentials on the client, not in the
     * options.
     *
     * @param client the client to send with
     * @param options read timeout, User-Agent and response body limit
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
        java.net.http.HttpRequest jdkRequest = toJdk(request);
        String what = request.method() + " " + request.uri();
        Thread sender = Thread.currentThread();
        SendWatchdog.Watch watch;
        try {
            // Until the response headers arrive: what the JDK's own request timeout bounds.
            watch = watchdog.watch(readTimeout, sender::interrupt);
        } catch (IllegalStateException closedWatchdog) {
            throw new IllegalStateException("transport is closed: " + this, closedWatchdog);
        }
        Duration whole = connectTimeout.plus(readTimeout);
        java.net.http.HttpResponse<byte[]> response;
        try {
            response = client.send(jdkRequest, LimitedBody.handler(options.maxResponseBytes(), what,
                    () -> watch.extend(whole)));
        } catch (InterruptedException e) {
            // HttpClient.send cleared the flag when it threw; the watch sets it again for the caller's interrupt.
            endWatch(watch);
            throw watch.failure(e, what);
        } catch (IOException e) {
            endWatch(watch);
            throw watch.failure(failure(e, request), what);
        } catch (RuntimeException e) {
            endWatch(watch);
            throw e;
        }
        // Had the deadline passed just as the response arrived, the response still stands.
        endWatch(watch);
        return HttpResponse.ofOwned(response.statusCode(), toHeaders(response.headers()), response.body());
    }

    /**
     * Ends the watch; when it timed out, clears the interrupt the watchdog sent to abort the
     * exchange, which is not the caller's.
     */
    private static void endWatch(SendWatchdog.Watch watch) {
        watch.end();
        if (watch.timedOut()) {
            Thread.interrupted();
        }
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
            watchdog.close();
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

    /** The options this transport applies; for tests. */
    TransportOptions options() {
        return options;
    }

    /** The executor this transport created, or null for a wrapped client; for tests. */
    ExecutorService ownedExecutor() {
        return ownedExecutor;
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.hasBody()
                        ? BodyPublishers.ofByteArray(request.body())
                        : BodyPublishers.noBody());
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

    /** Maps the JDK's failure to what the {@link Transport} contract promises. */
    private static IOException failure(IOException thrown, HttpRequest request) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ResponseTooLargeException tooLarge) {
                ResponseTooLargeException e = new ResponseTooLargeException(tooLarge.limit(),
                        request.method() + " " + request.uri());
                e.initCause(thrown);
                return e;
            }
        }
        // send() wraps what isn't an IOException (an unresolved address) in an IOException.
        Throwable cause = thrown.getClass() == IOException.class && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            // A fresh exception also gives the caller's stack trace; the JDK's is the selector thread's.
            ConnectException connect = new ConnectException("cannot connect to " + authority(request.uri()) + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
            connect.initCause(cause);
            return connect;
        }
        if (cause instanceof HttpTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(request.method() + " " + request.uri()
                    + ": no response within the read timeout");
            timeout.initCause(cause);
            return timeout;
        }
        return thrown;
    }

    /** {@code host:port}, with the scheme's default port when the URI has none. */
    private static String authority(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

}
