package dev.pdkit.transport.okhttp;

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
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * A {@link Transport} on OkHttp 5: each {@link #send} is exactly one HTTP exchange, redirects are
 * never followed, and every status comes back as an {@link HttpResponse}.
 *
 * <p><b>Thread safety:</b> instances are safe to share between any number of threads; {@link #send}
 * may be called concurrently, and {@link #close} may be called from any thread.
 *
 * <p><b>One attempt.</b> The client is configured with {@code retryOnConnectionFailure(false)},
 * {@code followRedirects(false)}, {@code followSslRedirects(false)}, no {@link Authenticator} for
 * origins and no cache. OkHttp would still repeat a request on its own after a {@code 503} with
 * {@code Retry-After: 0}; to stop that, the transport's network interceptor hides
 * {@code Retry-After} from OkHttp's follow-up logic and its application interceptor puts the field
 * back, unchanged and in place, before anyone sees the response. Request bodies are one-shot, which
 * also rules out every other follow-up for requests with a body. The one repetition left is OkHttp's
 * answer to a {@code 421} on a <em>coalesced HTTP/2</em> connection, for requests without a body:
 * the server refused that request without acting on it, and OkHttp sends it once more on a
 * connection of its own.
 *
 * <p><b>Compression.</b> Like the JDK transport, this one neither asks for compression nor undoes
 * it: OkHttp's {@code Accept-Encoding: gzip} is taken off the wire unless the request carries its own
 * {@code Accept-Encoding}, and a compressed response reaches core as the server sent it, with its
 * {@code Content-Encoding}.
 *
 * <p><b>Headers.</b> Every request header is sent as given, except these, which the transport
 * derives itself and which would otherwise break the framing or reach the wrong party:
 * <ul>
 *   <li>{@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}
 *       and {@code Transfer-Encoding} are skipped, as the JDK transport skips them.</li>
 *   <li>{@code Proxy-*} fields only go to an HTTP proxy that carries a plain {@code http} request;
 *       on a direct connection or inside a tunnel they are removed.</li>
 * </ul>
 * When a request has no {@code User-Agent}, {@link TransportOptions#userAgent()} is sent if set.
 * Response fields that {@link Headers} cannot hold (non-ASCII values) are left out instead of
 * failing the response. OkHttp cannot send a body with {@code GET} or {@code HEAD}: such a request
 * fails with {@link IllegalArgumentException} before anything is sent.
 *
 * <p><b>Timeouts.</b> The connect timeout comes from the options (or the wrapped client). The read
 * timeout is {@link HttpRequest#timeout()}, or {@link TransportOptions#readTimeout()} when that is
 * null; it bounds every read and write on the socket. The whole call is also bounded by connect
 * plus read timeout (or the wrapped client's call timeout, if shorter), so a body that trickles in
 * can't hold a thread forever: a {@link SendWatchdog} cancels the call. Every timeout is a
 * {@link java.net.SocketTimeoutException}; OkHttp's own call timeout, which throws a bare
 * {@link InterruptedIOException}, is not used.
 *
 * <p><b>Stale connections.</b> OkHttp checks a pooled connection only after 10 s idle. This
 * transport checks an HTTP/1 connection that has been idle for
 * {@value dev.pdkit.spi.Transport#STALE_CHECK_IDLE_MILLIS} ms or more before writing a request on
 * it (a read of at most a millisecond), and when the server had closed it, closes it and sends the
 * request on another connection: nothing was written on the dead one.
 *
 * <p><b>Failures.</b> Anything that fails before the request reached the network (refused
 * connection, connect timeout, unknown host, a proxy that refuses the tunnel) is thrown as a
 * {@link ConnectException} naming the host and port, with OkHttp's exception as the cause, because
 * nothing was sent; TLS failures keep their own type. An interrupt of the calling thread cancels the
 * call within a few milliseconds (OkHttp's socket reads ignore interrupts; the watchdog notices) and
 * throws {@link InterruptedIOException} with the flag still set; an interrupted thread sends nothing.
 * A body longer than {@link TransportOptions#maxResponseBytes()} is refused with
 * {@link ResponseTooLargeException} as soon as it declares or delivers more. Every other failure is
 * an {@link IOException} of another type.
 *
 * <p><b>Proxy credentials</b> are sent pre-emptively: as a {@code Proxy-Authorization: Basic}
 * header (UTF-8) on plain {@code http} requests, and on the {@code CONNECT} of a tunnel for
 * {@code https}. A proxy's {@code 407} is returned as a response, never answered by sending the
 * request again.
 */
public final class OkHttpTransport implements Transport {

    /** Fields the transport derives itself (lower case); see the class comment. */
    private static final Set<String> FRAMING_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    /** Methods OkHttp refuses without a body: they get an empty one. */
    private static final Set<String> METHODS_REQUIRING_BODY = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "QUERY", "REPORT");

    /** The prefix under which response fields are hidden from OkHttp's follow-up logic. */
    private static final String STASHED = "X-Pdkit-Stashed-";

    private static final byte[] NO_BYTES = new byte[0];

    /** The longest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** How many pooled connections found closed by the server one send passes over. */
    private static final int MAX_STALE_CONNECTIONS = 8;

    private final OkHttpClient client;
    private final boolean owned;
    private final TransportOptions options;
    private final String proxyAuthorization;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bounds each send and notices interrupts: OkHttp's blocking socket reads ignore them. */
    private final SendWatchdog watchdog = new SendWatchdog("pdkit-okhttp-watchdog");
    /** When each HTTP/1 connection last finished an exchange of this transport. */
    private final IdleConnections idle = new IdleConnections();

    private OkHttpTransport(OkHttpClient.Builder builder, boolean owned, TransportOptions options, String proxyAuthorization) {
        this.client = builder
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .authenticator(Authenticator.NONE)
                .cache(null)
                // Added last, so innermost: nearest to OkHttp's own follow-up and bridge logic.
                .addInterceptor(OkHttpTransport::applicationInterceptor)
                .addNetworkInterceptor(this::networkInterceptor)
                .build();
        this.owned = owned;
        this.options = options;
        this.proxyAuthorization = proxyAuthorization;
    }

    /**
     * Returns a transport with {@linkplain TransportOptions#defaults() default options} on an
     * {@link OkHttpClient} it creates and owns.
     *
     * @return a new transport; the caller closes it
     */
    public static OkHttpTransport create() {
        return create(TransportOptions.defaults());
    }

    /**
     * Returns a transport on an {@link OkHttpClient} that it creates and owns, with its own
     * connection pool, the timeouts and proxy of {@code options}, and OkHttp's defaults otherwise
     * (HTTP/2 where the server offers it, else HTTP/1.1).
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport; the caller closes it
     */
    public static OkHttpTransport create(TransportOptions options) {
        Objects.requireNonNull(options, "options");
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout());
        ProxyOptions proxy = options.proxy().orElse(null);
        String proxyAuthorization = null;
        if (proxy != null) {
            builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
            if (proxy.username().isPresent()) {
                String pair = proxy.username().get() + ":" + proxy.password().orElse("");
                String credential = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                proxyAuthorization = credential;
                // Asked once, before a tunnel's CONNECT ("OkHttp-Preemptive"); a real 407 is not answered again.
                builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null
                        : response.request().newBuilder().header("Proxy-Authorization", credential).build());
            }
        }
        return new OkHttpTransport(builder, true, options, proxyAuthorization);
    }

    /**
     * Returns a transport on the host application's own {@link OkHttpClient}, with
     * {@linkplain TransportOptions#defaults() default options}: the same as
     * {@code wrap(client, TransportOptions.defaults())}. {@link #close()} leaves the client, its pool
     * and its dispatcher untouched.
     *
     * <p><b>From the client</b> it takes what {@link #wrap(OkHttpClient, TransportOptions)} takes:
     * the connection pool, dispatcher, interceptors, event listeners, TLS settings, proxy, DNS,
     * cookie jar, connect timeout and call timeout (which bounds the whole call when it is shorter
     * than connect plus read timeout), with retries, redirects, the origin {@link Authenticator} and
     * the cache turned off. <b>The defaults</b> apply to the rest: a request without its own
     * {@link HttpRequest#timeout()} gets the read timeout {@link TransportOptions#DEFAULT_READ_TIMEOUT}
     * (60 s), which replaces the client's read and write timeouts for the transport's calls; a
     * response body over {@link TransportOptions#DEFAULT_MAX_RESPONSE_BYTES} bytes (64 MiB) is
     * refused; and the transport adds no User-Agent of its own (a request without one gets OkHttp's).
     * A pdkit client sends its {@code timeout(...)} and User-Agent with every request, so through one
     * only the body limit is the default's (the client's own {@code maxResponseBytes(...)} is checked
     * as well); use {@link #wrap(OkHttpClient, TransportOptions)} for another limit.
     *
     * @param client the client to send with
     * @return a new transport that does not own {@code client}
     */
    public static OkHttpTransport wrap(OkHttpClient client) {
        return wrap(client, TransportOptions.defaults());
    }

    /**
     * Returns a transport on the host application's own {@link OkHttpClient}. The transport sends
     * through {@code client.newBuilder()...build()}, which shares the client's connection pool,
     * dispatcher, interceptors, event listeners, TLS settings, proxy, DNS and cookie jar, with these
     * changes that the one-attempt rule needs: no retries on connection failure, no redirects, no
     * {@link Authenticator} for origins (it would answer PagerDuty's 401 with the host's
     * credentials), no cache, and the transport's two interceptors added after the host's own.
     * {@link #close()} leaves the client, its pool and its dispatcher untouched.
     *
     * <p>Of {@code options}, the read timeout (which replaces the client's read and write timeouts
     * for the transport's calls), the User-Agent and the response body limit are used: the connect
     * timeout is the client's. {@link #wrap(OkHttpClient)} takes the defaults for all three.
     * Application interceptors that repeat calls are the host's business: the transport cannot see
     * them.
     *
     * @param client the client to send with
     * @param options read timeout, User-Agent and response body limit
     * @return a new transport that does not own {@code client}
     * @throws IllegalArgumentException if the options name a proxy: configure it on the client
     */
    public static OkHttpTransport wrap(OkHttpClient client, TransportOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        if (options.proxy().isPresent()) {
            throw new IllegalArgumentException("a wrapped OkHttpClient uses its own proxy: configure "
                    + options.proxy().get() + " on the OkHttpClient instead");
        }
        return new OkHttpTransport(client.newBuilder(), false, options, null);
    }

    /**
     * Sends the request once and reads the whole response. Safe to call from many threads at once.
     *
     * @param request the request to send
     * @return the response, whatever its status
     * @throws ConnectException if the request never reached the network, so nothing was sent
     * @throws IOException on any other failure, including a read timeout
     * @throws IllegalArgumentException if the request has a body and its method is {@code GET} or
     *     {@code HEAD}, which OkHttp cannot send
     * @throws IllegalStateException if the transport is closed
     */
    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            throw new IllegalStateException("transport is closed: " + this);
        }
        Duration readTimeout = request.timeout() != null ? request.timeout() : options.readTimeout();
        Duration deadline = Duration.ofMillis(client.connectTimeoutMillis()).plus(readTimeout);
        if (client.callTimeoutMillis() > 0 && client.callTimeoutMillis() < deadline.toMillis()) {
            deadline = Duration.ofMillis(client.callTimeoutMillis());
        }
        String what = request.method() + " " + request.uri();
        AtomicReference<Call> current = new AtomicReference<>();
        SendWatchdog.Watch watch;
        try {
            watch = watchdog.watch(deadline, () -> {
                Call call = current.get();
                if (call != null) {
                    call.cancel();
                }
            });
        } catch (IllegalStateException closedWatchdog) {
            throw new IllegalStateException("transport is closed: " + this, closedWatchdog);
        }
        try {
            for (int attempt = 1; ; attempt++) {
                CallState state = new CallState(request.headers().contains("Accept-Encoding"), saturatedMillis(readTimeout));
                Call call = client.newCall(toOkHttp(request, state));
                // The watchdog bounds the call: OkHttp's own call timeout throws a bare InterruptedIOException.
                call.timeout().timeout(0, TimeUnit.NANOSECONDS);
                current.set(call);
                if (watch.timedOut()) {
                    call.cancel();
                }
                try {
                    return execute(call, state, what);
                } catch (StaleConnectionException stale) {
                    // Found closed before anything was written on it: another connection is safe.
                    if (attempt == MAX_STALE_CONNECTIONS) {
                        ConnectException e = new ConnectException("cannot send " + what + ": " + attempt
                                + " pooled connections in a row had been closed by the server");
                        e.initCause(stale);
                        throw e;
                    }
                } catch (IOException e) {
                    throw watch.failure(failure(e, state, request), what);
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // OkHttp (Kotlin) may throw an undeclared InterruptedException, or a runtime exception of its own.
            throw watch.failure(e, what);
        } finally {
            watch.end();
        }
    }

    /** Executes one call and reads its whole body, within the limit. */
    private HttpResponse execute(Call call, CallState state, String what) throws IOException {
        try (Response response = call.execute()) {
            byte[] body = readBody(response.body(), options.maxResponseBytes(), what);
            HttpResponse result = HttpResponse.ofOwned(response.code(), toHeaders(response.headers()), body);
            if (state.connection != null) {
                idle.released(state.connection);
            }
            return result;
        } finally {
            if (owned && closed.get()) {
                // A connection released after close() would otherwise idle in the pool until it expires.
                client.connectionPool().evictAll();
            }
        }
    }

    /** The whole body, refused as soon as it declares or delivers more than {@code limit} bytes. */
    private static byte[] readBody(ResponseBody body, long limit, String what) throws IOException {
        long max = Math.min(limit, MAX_ARRAY);
        long declared = body.contentLength();
        if (declared > max) {
            throw new ResponseTooLargeException(limit, what);
        }
        BufferedSource source = body.source();
        if (source.request(max + 1)) {
            throw new ResponseTooLargeException(limit, what);
        }
        return source.readByteArray();
    }

    /**
     * Returns {@code okhttp}.
     *
     * @return the transport's name
     */
    @Override
    public String name() {
        return "okhttp";
    }

    /**
     * Closes the transport; later sends throw {@link IllegalStateException}. Idempotent and
     * thread-safe. When the transport created its {@link OkHttpClient}, the idle pooled connections
     * are closed at once and those still in use as soon as their call ends, and the client's
     * dispatcher is shut down; a {@linkplain #wrap wrapped} client is left untouched.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.close();
            if (owned) {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
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
        return "OkHttpTransport{name=" + name() + ", options=" + options + (owned ? "" : ", wrapped client")
                + (closed.get() ? ", closed" : "") + "}";
    }

    /** The client the transport sends with; for tests. */
    OkHttpClient client() {
        return client;
    }

    private Request toOkHttp(HttpRequest request, CallState state) {
        String method = request.method();
        RequestBody body = null;
        if (request.hasBody()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                throw new IllegalArgumentException("OkHttp cannot send a body with " + method + ": " + request);
            }
            body = new OneShotBody(request.body());
        } else if (METHODS_REQUIRING_BODY.contains(method)) {
            body = new OneShotBody(NO_BYTES);
        }
        Request.Builder builder = new Request.Builder()
                .url(HttpUrl.get(request.uri().toString()))
                .method(method, body)
                .tag(CallState.class, state);
        request.headers().forEach((name, value) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.addHeader(name, value);
            }
        });
        if (options.userAgent() != null && !request.headers().contains("User-Agent")) {
            builder.header("User-Agent", options.userAgent());
        }
        if (proxyAuthorization != null && !request.headers().contains("Proxy-Authorization")
                && "http".equalsIgnoreCase(request.uri().getScheme())) {
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        return builder.build();
    }

    /**
     * Innermost application interceptor: applies the request's read timeout, and puts back the
     * response fields the network interceptor hid.
     */
    private static Response applicationInterceptor(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        CallState state = request.tag(CallState.class);
        if (state == null) {
            return chain.proceed(request);
        }
        Response response = chain
                .withReadTimeout(state.readTimeoutMillis, TimeUnit.MILLISECONDS)
                .withWriteTimeout(state.readTimeoutMillis, TimeUnit.MILLISECONDS)
                .proceed(request);
        return restore(response);
    }

    /**
     * Innermost network interceptor: sees the request as it goes on the wire and the response as it
     * comes off it. Records that the request reached the network, takes off the compression
     * OkHttp asked for and {@code Proxy-*} fields that would not go to a proxy, and hides the fields
     * that would make OkHttp repeat the request or decompress the body.
     */
    private Response networkInterceptor(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        CallState state = request.tag(CallState.class);
        if (state == null) {
            return chain.proceed(request);
        }
        Connection connection = chain.connection();
        if (connection != null && idle.closedByServer(connection)) {
            throw new StaleConnectionException(connection);
        }
        state.connection = connection;
        state.reachedNetwork = true;
        Request.Builder wire = request.newBuilder();
        if (!state.callerAcceptEncoding) {
            wire.removeHeader("Accept-Encoding");
        }
        boolean toHttpProxy = connection != null && connection.route().proxy().type() == Proxy.Type.HTTP && !request.isHttps();
        if (!toHttpProxy) {
            for (String name : request.headers().names()) {
                if (name.regionMatches(true, 0, "Proxy-", 0, 6)) {
                    wire.removeHeader(name);
                }
            }
        }
        Response response = chain.proceed(wire.build());
        return stash(response, state.callerAcceptEncoding);
    }

    /**
     * Renames {@code Retry-After} (and, unless the caller negotiated it, {@code Content-Encoding})
     * in place, by prefixing {@value #STASHED}.
     */
    private static Response stash(Response response, boolean keepContentEncoding) {
        okhttp3.Headers headers = response.headers();
        boolean any = false;
        okhttp3.Headers.Builder renamed = new okhttp3.Headers.Builder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            // A field that already carries the prefix is prefixed again, so restore() gives it back as it was.
            boolean hide = name.equalsIgnoreCase("Retry-After")
                    || (!keepContentEncoding && name.equalsIgnoreCase("Content-Encoding"))
                    || name.regionMatches(true, 0, STASHED, 0, STASHED.length());
            any |= hide;
            renamed.addUnsafeNonAscii(hide ? STASHED + name : name, headers.value(i));
        }
        return any ? response.newBuilder().headers(renamed.build()).build() : response;
    }

    /** Undoes {@link #stash}. */
    private static Response restore(Response response) {
        okhttp3.Headers headers = response.headers();
        boolean any = false;
        okhttp3.Headers.Builder restored = new okhttp3.Headers.Builder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            boolean hidden = name.regionMatches(true, 0, STASHED, 0, STASHED.length());
            any |= hidden;
            restored.addUnsafeNonAscii(hidden ? name.substring(STASHED.length()) : name, headers.value(i));
        }
        return any ? response.newBuilder().headers(restored.build()).build() : response;
    }

    /** Copies response headers, leaving out what {@link Headers} rejects (see the class comment). */
    static Headers toHeaders(okhttp3.Headers okHeaders) {
        Headers.Builder builder = Headers.builder();
        for (int i = 0; i < okHeaders.size(); i++) {
            try {
                builder.add(okHeaders.name(i), okHeaders.value(i));
            } catch (IllegalArgumentException invalid) {
                // One odd header (e.g. a Latin-1 filename) must not cost the caller the whole response.
            }
        }
        return builder.build();
    }

    /** Maps OkHttp's failure to what the {@link Transport} contract promises. */
    private static IOException failure(IOException e, CallState state, HttpRequest request) {
        if (e instanceof ConnectException || state.reachedNetwork || e instanceof SSLException
                || e instanceof ResponseTooLargeException || Thread.currentThread().isInterrupted()) {
            return e;
        }
        // Nothing reached the network: refused, timed out while connecting, unknown host, tunnel refused.
        URI uri = request.uri();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        ConnectException connect = new ConnectException("cannot connect to " + uri.getHost() + ":" + port + ": "
                + Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
        connect.initCause(e);
        return connect;
    }

    private static int saturatedMillis(Duration duration) {
        try {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
        } catch (ArithmeticException tooLong) {
            return Integer.MAX_VALUE;
        }
    }

    /** Per-call state, carried as a request tag from {@link #send} through both interceptors. */
    private static final class CallState {
        final boolean callerAcceptEncoding;
        final int readTimeoutMillis;
        volatile boolean reachedNetwork;
        /** The connection the request went out on; null until then. */
        volatile Connection connection;

        CallState(boolean callerAcceptEncoding, int readTimeoutMillis) {
            this.callerAcceptEncoding = callerAcceptEncoding;
            this.readTimeoutMillis = readTimeoutMillis;
        }
    }

    /**
     * A body that OkHttp may send only once. Why: OkHttp repeats no request whose body is one-shot,
     * which backs the one-attempt rule for every request that has a body.
     */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            // None: the request's own Content-Type header is sent as given.
            return null;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }
    }
}
