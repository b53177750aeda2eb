package dev.pdkit.transport.apache;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.SendWatchdog;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A {@link Transport} on Apache HttpClient 5's classic (blocking) API: each {@link #send} is
 * exactly one HTTP exchange, redirects are never followed, and every status comes back as an
 * {@link HttpResponse}.
 *
 * <p><b>Thread safety:</b> instances are safe to share between any number of threads; {@link #send}
 * may be called concurrently, and {@link #close} may be called from any thread.
 *
 * <p><b>One attempt.</b> A client the transport creates has automatic retries, redirect handling,
 * content compression, cookie management and the authentication cache turned off. Every request
 * also carries its own {@link RequestConfig} with redirects, authentication (answering a 401 or
 * 407), content compression, {@code Expect: 100-continue} and protocol upgrades off, so a
 * {@linkplain #wrap wrapped} client behaves the same in those respects; and request bodies are
 * not repeatable, which stops HttpClient from sending a request with a body twice whatever the
 * client's retry strategy. A wrapped client's retry strategy can still repeat a request without a
 * body (e.g. a {@code GET} answered by {@code 503} and {@code Retry-After}): wrap clients built
 * with {@code disableAutomaticRetries()}.
 *
 * <p><b>Compression.</b> Like the JDK transport, this one neither asks for compression nor undoes
 * it: a compressed response reaches core as the server sent it, with its {@code Content-Encoding}.
 *
 * <p><b>Headers.</b> Every request header is sent as given, except these:
 * <ul>
 *   <li>{@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}
 *       and {@code Transfer-Encoding} are skipped, as the JDK transport skips them: HttpClient
 *       derives them from the URI and the body (and refuses a request that carries a
 *       {@code Content-Length} or {@code Transfer-Encoding} of its own).</li>
 *   <li>{@code Proxy-*} fields only go to the proxy of the options, on plain {@code http}
 *       requests; otherwise (no proxy, a tunnel, or a wrapped client, whose routing the transport
 *       cannot see) they are removed.</li>
 * </ul>
 * When a request has no {@code User-Agent}, {@link TransportOptions#userAgent()} is sent if set.
 * Response fields that {@link Headers} cannot hold (non-ASCII values) are left out instead of
 * failing the response.
 *
 * <p><b>Pooling and timeouts.</b> A created client pools up to {@value #MAX_PER_ROUTE} connections
 * per host and {@value #MAX_TOTAL} in all, and checks a pooled connection that has been idle for
 * {@value dev.pdkit.spi.Transport#STALE_CHECK_IDLE_MILLIS} ms or more before using it (HttpClient's
 * default is 2 s), so a connection the server closed while idle is replaced, not written on. The
 * connect timeout comes from the options (or the wrapped client's connection manager). The read
 * timeout is {@link HttpRequest#timeout()}, or {@link TransportOptions#readTimeout()} when that is
 * null; it bounds every read of the response (HttpClient's response timeout). The whole exchange,
 * waiting for a pooled connection included, is bounded by connect plus read timeout: a
 * {@link SendWatchdog} cancels the request when it runs over, with a
 * {@link java.net.SocketTimeoutException}. Configure a wrapped client's connection manager with a
 * short {@code validateAfterInactivity} for the same protection against stale connections.
 *
 * <p><b>Failures.</b> A refused connection, a connect timeout, an unknown or unreachable host, and a
 * pool that hands out no connection in time are thrown as {@link ConnectException}s naming the host
 * and port (HttpClient's exception is the cause, or is one already), because nothing was sent. An
 * interrupt of the calling thread cancels the request within a few milliseconds (the classic API's
 * socket reads ignore interrupts; the watchdog notices) and throws {@link InterruptedIOException}
 * with the flag still set; an interrupted thread sends nothing. A body longer than
 * {@link TransportOptions#maxResponseBytes()} is refused with {@link ResponseTooLargeException} as
 * soon as it declares or delivers more. Every other failure, read timeouts included, is an
 * {@link IOException} of another type.
 *
 * <p><b>Logging.</b> HttpClient's own loggers {@code org.apache.hc.client5.http.headers} and
 * {@code org.apache.hc.client5.http.wire} print every request header, {@code Authorization} with
 * the PagerDuty token included, and every body, at DEBUG. Keep them at INFO or above in production.
 *
 * <p><b>Proxy credentials</b> are sent pre-emptively: as a {@code Proxy-Authorization: Basic}
 * header (UTF-8) on plain {@code http} requests, and on the {@code CONNECT} of a tunnel for
 * {@code https}. A proxy's {@code 407} is never answered by sending the request again; when the
 * proxy refuses a tunnel, HttpClient returns the proxy's response to the {@code CONNECT} (for
 * example that {@code 407}) as the response.
 */
public final class ApacheTransport implements Transport {

    /** Connections a created client keeps per host. */
    public static final int MAX_PER_ROUTE = 64;
    /** Connections a created client keeps in all. */
    public static final int MAX_TOTAL = 128;

    /** Fields the transport derives itself (lower case); see the class comment. */
    private static final Set<String> FRAMING_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    private final CloseableHttpClient client;
    private final boolean owned;
    /** The longest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final TransportOptions options;
    private final HttpHost proxy;
    private final UsernamePasswordCredentials proxyCredentials;
    private final String proxyAuthorization;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bounds each exchange and notices interrupts: the classic API's socket reads ignore both. */
    private final SendWatchdog watchdog = new SendWatchdog("pdkit-apache-watchdog");

    private ApacheTransport(CloseableHttpClient client, boolean owned, TransportOptions options, HttpHost proxy,
            UsernamePasswordCredentials proxyCredentials, String proxyAuthorization) {
        this.client = client;
        this.owned = owned;
        this.options = options;
        this.proxy = proxy;
        this.proxyCredentials = proxyCredentials;
        this.proxyAuthorization = proxyAuthorization;
    }

    /**
     * Returns a transport with {@linkplain TransportOptions#defaults() default options} on a
     * {@link CloseableHttpClient} it creates and owns.
     *
     * @return a new transport; the caller closes it
     */
    public static ApacheTransport create() {
        return create(TransportOptions.defaults());
    }

    /**
     * Returns a transport on a {@link CloseableHttpClient} that it creates and owns: a pooling
     * connection manager, the timeouts and proxy of {@code options}, and no retries, redirects,
     * compression, cookies or authentication cache. {@link #close()} closes the client and its pool.
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport; the caller closes it
     */
    public static ApacheTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(timeout(options.connectTimeout()))
                .setSocketTimeout(timeout(options.readTimeout()))
                // HttpClient's default, 2 s, leaves closed idle connections in use for too long.
                .setValidateAfterInactivity(TimeValue.ofMilliseconds(Transport.STALE_CHECK_IDLE_MILLIS))
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connectionConfig)
                        .setMaxConnPerRoute(MAX_PER_ROUTE)
                        .setMaxConnTotal(MAX_TOTAL)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching();
        ProxyOptions proxyOptions = options.proxy().orElse(null);
        HttpHost proxy = null;
        UsernamePasswordCredentials credentials = null;
        String proxyAuthorization = null;
        if (proxyOptions != null) {
            proxy = new HttpHost("http", proxyOptions.host(), proxyOptions.port());
            builder.setProxy(proxy);
            if (proxyOptions.username().isPresent()) {
                String user = proxyOptions.username().get();
                String password = proxyOptions.password().orElse("");
                credentials = new UsernamePasswordCredentials(user, password.toCharArray());
                proxyAuthorization = "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ApacheTransport(builder.build(), true, options, proxy, credentials, proxyAuthorization);
    }

    /**
     * Returns a transport on the host application's own {@link CloseableHttpClient}, with
     * {@linkplain TransportOptions#defaults() default options}: the same as
     * {@code wrap(client, TransportOptions.defaults())}. The transport does not own the client:
     * {@link #close()} leaves it open.
     *
     * <p><b>From the client</b> it takes its connection manager (with the connect timeout, pool and
     * TLS settings configured there), proxy and route planner, interceptors and retry strategy; the
     * client's default request config does not apply (see
     * {@link #wrap(CloseableHttpClient, TransportOptions)}). <b>The defaults</b> apply to the rest: a
     * request without its own {@link HttpRequest#timeout()} gets the read timeout
     * {@link TransportOptions#DEFAULT_READ_TIMEOUT} (60 s) as its response timeout; waiting for a pooled connection, and the whole exchange, are
     * bounded by that plus {@link TransportOptions#DEFAULT_CONNECT_TIMEOUT} (10 s); a response body
     * over {@link TransportOptions#DEFAULT_MAX_RESPONSE_BYTES} bytes (64 MiB) is refused; and the
     * transport adds no User-Agent of its own (a request without one gets the client's, if it sets
     * one). A pdkit client sends its {@code timeout(...)} and User-Agent with every request, so
     * through one only the body limit and the 10 s are the defaults' (the client's own
     * {@code maxResponseBytes(...)} is checked as well); use
     * {@link #wrap(CloseableHttpClient, TransportOptions)} for other values. The client SHOULD be
     * built with {@code disableAutomaticRetries()} (see the class comment).
     *
     * @param client the client to send with
     * @return a new transport that does not own {@code client}
     */
    public static ApacheTransport wrap(CloseableHttpClient client) {
        return wrap(client, TransportOptions.defaults());
    }

    /**
     * Returns a transport on the host application's own {@link CloseableHttpClient}, reusing its
     * connection manager, TLS settings, proxy, interceptors and retry strategy. The transport does
     * not own the client: {@link #close()} leaves it open. {@link #wrap(CloseableHttpClient)} does
     * the same with default options.
     *
     * <p>Each request carries a {@link RequestConfig} that turns off redirects, authentication,
     * content compression, {@code Expect: 100-continue} and protocol upgrades, and sets the
     * response and connection-request timeouts; the client's default request config does not
     * apply. Of {@code options}, the read timeout (the response timeout), the User-Agent and the
     * response body limit are used, and the connect timeout only in the bound on waiting for a
     * pooled connection and on the whole exchange (connect plus read timeout): connecting itself
     * takes the connection manager's connect timeout. The client SHOULD be built with
     * {@code disableAutomaticRetries()}: its retry strategy cannot be turned off per request, and
     * would repeat body-less requests (see the class comment).
     *
     * @param client the client to send with
     * @param options read timeout, User-Agent, response body limit, and the connect timeout for the
     *     bounds above
     * @return a new transport that does not own {@code client}
     * @throws IllegalArgumentException if the options name a proxy: configure it on the client
     */
    public static ApacheTransport wrap(CloseableHttpClient client, TransportOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        if (options.proxy().isPresent()) {
            throw new IllegalArgumentException("a wrapped CloseableHttpClient uses its own proxy: configure "
                    + options.proxy().get() + " on the HttpClient instead");
        }
        return new ApacheTransport(client, false, options, null, null, null);
    }

    /**
     * Sends the request once and reads the whole response. Safe to call from many threads at once.
     *
     * @param request the request to send
     * @return the response, whatever its status
     * @throws ConnectException if no connection could be made, so nothing was sent
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
        HttpClientContext context = HttpClientContext.create();
        boolean https = "https".equalsIgnoreCase(request.uri().getScheme());
        if (proxyCredentials != null && https) {
            // Pre-emptive Basic on the tunnel's CONNECT; authentication is off, so a 407 is not answered.
            BasicScheme basic = new BasicScheme();
            basic.initPreemptive(proxyCredentials);
            context.resetAuthExchange(proxy, basic);
        }
        HttpUriRequestBase apacheRequest = toApache(request, readTimeout, https);
        String what = request.method() + " " + request.uri();
        SendWatchdog.Watch watch;
        try {
            watch = watchdog.watch(options.connectTimeout().plus(readTimeout), apacheRequest::cancel);
        } catch (IllegalStateException closedWatchdog) {
            throw new IllegalStateException("transport is closed: " + this, closedWatchdog);
        }
        try {
            return client.execute(apacheRequest, context, response -> {
                HttpEntity entity = response.getEntity();
                byte[] body = entity == null ? null : readBody(entity, apacheRequest, what);
                return HttpResponse.ofOwned(response.getCode(), toHeaders(response.getHeaders()), body);
            });
        } catch (IOException e) {
            throw watch.failure(failure(e, request), what);
        } catch (RuntimeException e) {
            // HttpClient throws CancellationException when a connection lease is cancelled or interrupted.
            throw watch.failure(e, what);
        } finally {
            watch.end();
        }
    }

    /**
     * The whole body, refused as soon as it declares or delivers more than the limit. The request is
     * cancelled first, which closes the connection: closing the response would otherwise read the
     * rest of the body, however long.
     */
    private byte[] readBody(HttpEntity entity, HttpUriRequestBase apacheRequest, String what) throws IOException {
        long limit = options.maxResponseBytes();
        long max = Math.min(limit, MAX_ARRAY);
        if (entity.getContentLength() > max) {
            apacheRequest.cancel();
            throw new ResponseTooLargeException(limit, what);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) max);
            if (in.read() != -1) {
                apacheRequest.cancel();
                throw new ResponseTooLargeException(limit, what);
            }
            return body;
        }
    }

    /**
     * Returns {@code apache}.
     *
     * @return the transport's name
     */
    @Override
    public String name() {
        return "apache";
    }

    /**
     * Closes the transport; later sends throw {@link IllegalStateException}. Idempotent and
     * thread-safe. When the transport created its client, the client and its connection pool are
     * closed (sends still in flight may then fail); a {@linkplain #wrap wrapped} client is left open.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.close();
            if (owned) {
                client.close(CloseMode.GRACEFUL);
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
        return "ApacheTransport{name=" + name() + ", options=" + options + (owned ? "" : ", wrapped client")
                + (closed.get() ? ", closed" : "") + "}";
    }

    private HttpUriRequestBase toApache(HttpRequest request, Duration readTimeout, boolean https) {
        HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method(), request.uri());
        boolean proxyHeadersAllowed = proxy != null && !https;
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!FRAMING_HEADERS.contains(lower) && (proxyHeadersAllowed || !lower.startsWith("proxy-"))) {
                apacheRequest.addHeader(name, value);
            }
        });
        if (options.userAgent() != null && !request.headers().contains("User-Agent")) {
            apacheRequest.setHeader("User-Agent", options.userAgent());
        }
        if (proxyAuthorization != null && !https && !request.headers().contains("Proxy-Authorization")) {
            apacheRequest.setHeader("Proxy-Authorization", proxyAuthorization);
        }
        if (request.hasBody()) {
            // Not repeatable on purpose: HttpClient never sends a non-repeatable body twice.
            apacheRequest.setEntity(new InputStreamEntity(new ByteArrayInputStream(request.body()), request.bodyLength(), null));
        }
        Timeout wait = timeout(options.connectTimeout().plus(readTimeout));
        apacheRequest.setConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .setContentCompressionEnabled(false)
                .setExpectContinueEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setResponseTimeout(timeout(readTimeout))
                .setConnectionRequestTimeout(wait)
                .build());
        return apacheRequest;
    }

    /** Copies response headers, leaving out what {@link Headers} rejects (see the class comment). */
    static Headers toHeaders(Header[] apacheHeaders) {
        Headers.Builder builder = Headers.builder();
        for (Header header : apacheHeaders) {
            try {
                builder.add(header.getName(), header.getValue() == null ? "" : header.getValue());
            } catch (IllegalArgumentException invalid) {
                // One odd header (e.g. a Latin-1 filename) must not cost the caller the whole response.
            }
        }
        return builder.build();
    }

    /** Maps HttpClient's failure to what the {@link Transport} contract promises. */
    static IOException failure(IOException e, HttpRequest request) {
        boolean nothingSent = e instanceof ConnectException
                || e instanceof ConnectTimeoutException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || e instanceof ConnectionRequestTimeoutException;
        if (!nothingSent) {
            return e;
        }
        URI uri = request.uri();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String authority = uri.getHost() + ":" + port;
        String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        ConnectException connect = new ConnectException(message.contains(authority) ? message
                : "cannot connect to " + authority + ": " + message);
        connect.initCause(e);
        return connect;
    }

    private static Timeout timeout(Duration duration) {
        try {
            return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
        } catch (ArithmeticException tooLong) {
            return Timeout.INFINITE;
        }
    }
}
