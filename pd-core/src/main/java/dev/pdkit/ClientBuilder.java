package dev.pdkit;

import dev.pdkit.internal.retry.RetrySettings;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.Sleeper;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;

/**
 * The settings every pdkit client shares: where to send, how (transport, codec, proxy, timeouts,
 * headers), and how to retry. The names follow pdpyras' session attributes.
 *
 * <p>Builders are not thread-safe; the clients they build are immutable and thread-safe.
 *
 * @param <B> the concrete builder type, returned by every setter for chaining
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

    String baseUrl;
    Region region = Region.US;
    Duration timeout = TransportOptions.DEFAULT_READ_TIMEOUT;
    /** Null until {@link #connectTimeout} is called: a created transport then gets the default. */
    Duration connectTimeout;
    Transport transport;
    JsonCodec json;
    ProxyOptions proxy;
    long maxResponseBytes = TransportOptions.DEFAULT_MAX_RESPONSE_BYTES;
    final Headers.Builder headers = Headers.builder();
    boolean debug;
    /** In the order they were registered. */
    final List<RequestListener> listeners = new ArrayList<>();

    /** The builder's own copy of the retry options, which the pdpyras-named setters change. */
    RetryOptions.Builder retryOptions;
    int rateLimit;
    /** The host's factory of worker threads; {@code null} for pdkit's own. */
    ThreadFactory threadFactory;
    Sleeper sleeper = Sleeper.system();
    Clock clock = Clock.systemUTC();
    RandomGenerator random;

    ClientBuilder(RetryOptions defaults) {
        retryOptions = defaults.toBuilder();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sends to this base URL instead of the region's, e.g. a fake PagerDuty in a test. It must be
     * https, or http to a loopback host.
     */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /** Sends to the region's API host (default {@link Region#US}); a {@link #baseUrl} wins over it. */
    public B region(Region region) {
        this.region = Objects.requireNonNull(region, "region");
        return self();
    }

    /**
     * How long to wait for each response (default 60 s, as pdpyras' {@code TIMEOUT}). It goes with
     * every request as {@link dev.pdkit.spi.HttpRequest#timeout()}, so it applies to a transport
     * passed to {@link #transport} as well.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public B timeout(Duration timeout) {
        this.timeout = positive(timeout, "timeout");
        return self();
    }

    /**
     * How long the transport pdkit creates waits for a connection (default 10 s). It configures
     * that transport only: combined with {@link #transport}, {@code build()} throws
     * {@link IllegalStateException}; set the connect timeout on that transport instead
     * ({@link TransportOptions.Builder#connectTimeout}, or the wrapped HTTP client's own).
     *
     * @param connectTimeout a positive duration
     * @return this builder
     */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * Sends through this transport instead of one found on the class or module path. The caller
     * keeps ownership: closing the client does not close it.
     *
     * <p>The transport is used as it is, so the settings that only configure a transport pdkit
     * creates, {@link #proxy} and {@link #connectTimeout}, cannot be combined with it:
     * {@code build()} throws {@link IllegalStateException} naming them. Configure them on the
     * transport instead, e.g. {@code JdkTransport.create(TransportOptions.builder().proxy(...).build())},
     * or on the host's HTTP client that {@code JdkTransport.wrap}, {@code OkHttpTransport.wrap} or
     * {@code ApacheTransport.wrap} sends through. {@link #timeout} and {@link #maxResponseBytes}
     * still apply: the timeout goes with every request, and the client refuses a longer body.
     *
     * @param transport the transport to send through
     * @return this builder
     */
    public B transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return self();
    }

    /** Uses this JSON codec instead of one found on the class or module path. */
    public B json(JsonCodec json) {
        this.json = Objects.requireNonNull(json, "json");
        return self();
    }

    /**
     * Makes the transport pdkit creates send through this HTTP proxy. It configures that transport
     * only: combined with {@link #transport}, {@code build()} throws {@link IllegalStateException};
     * configure the proxy on that transport instead ({@link TransportOptions.Builder#proxy}, or the
     * wrapped HTTP client's own proxy).
     *
     * @param proxy the proxy's address and optional credentials
     * @return this builder
     */
    public B proxy(ProxyOptions proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        return self();
    }

    /**
     * The longest response body to accept (default 64 MiB): a longer one fails the call with
     * {@link PdClientException} once the limit is reached, and is not retried. Applies to a transport
     * the client creates; a transport passed to {@link #transport} keeps the limit of its own
     * options, and the client also refuses a longer body it returns.
     */
    public B maxResponseBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1: " + bytes);
        }
        this.maxResponseBytes = bytes;
        return self();
    }

    /** Adds a header to every request; a later call with the same name replaces it. */
    public B header(String name, String value) {
        headers.set(name, value);
        return self();
    }

    /**
     * Prints this client's log lines to stderr, whatever their level (pdpyras' {@code debug=True}).
     * Each line is printed once and not also passed to the {@link System.Logger}s
     * ({@code dev.pdkit.request}, {@code dev.pdkit.retry}, {@code dev.pdkit}), which get them when
     * debug is off (the default).
     *
     * @param debug whether to print to stderr instead of logging
     * @return this builder
     */
    public B debug(boolean debug) {
        this.debug = debug;
        return self();
    }

    /**
     * Adds a listener that is told of every HTTP attempt the client makes, e.g. to feed metrics or
     * traces: see {@link RequestListener} for when it is called. Several may be added; they are
     * called in the order they were added. A listener that throws does not break the call.
     *
     * @param listener the listener to add
     * @return this builder
     * @throws NullPointerException if {@code listener} is {@code null}
     */
    public B listener(RequestListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * Replaces every retry setting with these options, e.g. one value shared by several clients.
     * The short forms below ({@link #retry}, {@link #maxHttpAttempts}, ...) then change this
     * builder's copy.
     *
     * @param options the retry options; the client's defaults are {@link RetryOptions#restDefaults()},
     *     {@link RetryOptions#eventsDefaults()} or {@link RetryOptions#changeEventsDefaults()}
     * @return this builder
     */
    public B retryOptions(RetryOptions options) {
        this.retryOptions = Objects.requireNonNull(options, "options").toBuilder();
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#retry}: retries responses with {@code status} up to
     * {@code times} times, {@code -1} forever, {@code 0} never (for 429: back to the default,
     * retried until it succeeds).
     *
     * <p>A status is retried only for a request that is safe to send twice: {@code GET},
     * {@code HEAD}, {@code OPTIONS}, {@code PUT} and {@code DELETE}, and a {@code POST} or
     * {@code PATCH} only with {@link #retryNonIdempotent(boolean) retryNonIdempotent(true)} (Events
     * API sends: when the event has a dedup key). A {@code POST} answered 502 may have created what
     * it asked for, so it is returned (or raised) as it is. 429 and 401 are the exceptions: they say
     * the server refused the request without acting on it, and are retried for every method.
     *
     * <p>The REST client's defaults are 502 &times; 4, 503 &times; 6 and 504 &times; 6, and 500
     * &times; 2 for {@code GET} only; the Events clients' are 500 &times; 2, 502 &times; 4,
     * 503 &times; 6 and 504 &times; 6 (change events: no 504). Calling this method for a status
     * replaces its default, and applies to every method that is safe to repeat.
     *
     * @param status an HTTP status, 100 to 999
     * @param times -1, 0 or a positive count
     * @return this builder
     */
    public B retry(int status, int times) {
        retryOptions.retry(status, times);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#maxHttpAttempts}: the most retries of error responses
     * in one call, across all statuses (default 10).
     *
     * @param maxHttpAttempts 0 or more
     * @return this builder
     */
    public B maxHttpAttempts(int maxHttpAttempts) {
        retryOptions.maxHttpAttempts(maxHttpAttempts);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#maxNetworkAttempts}: the most retries after network
     * failures in one call (default 3).
     *
     * @param maxNetworkAttempts 0 or more
     * @return this builder
     */
    public B maxNetworkAttempts(int maxNetworkAttempts) {
        retryOptions.maxNetworkAttempts(maxNetworkAttempts);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#sleepTimerSeconds}: the first backoff wait in seconds
     * (default 1.5), as pdpyras' {@code sleep_timer}; it grows before each retry.
     *
     * @param seconds a finite number of seconds, zero or more
     * @return this builder
     */
    public B sleepTimer(double seconds) {
        retryOptions.sleepTimerSeconds(seconds);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#sleepTimerBase}: the factor the backoff grows by
     * before each retry (default 2).
     *
     * @param base a finite number, 1 or more
     * @return this builder
     */
    public B sleepTimerBase(double base) {
        retryOptions.sleepTimerBase(base);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#staggerCooldown}: each growth of the backoff is
     * {@code base * (1 + ρ r)} with r uniform in [0, 1) (default ρ = 0, no randomness).
     *
     * @param rho a finite number, 0 or more
     * @return this builder
     */
    public B staggerCooldown(double rho) {
        retryOptions.staggerCooldown(rho);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#maxSleep}: the longest single wait between retries
     * (default 60 s).
     *
     * @param maxSleep zero or more
     * @return this builder
     */
    public B maxSleep(Duration maxSleep) {
        retryOptions.maxSleep(maxSleep);
        return self();
    }

    /**
     * Short for {@link RetryOptions.Builder#retryNonIdempotent}: also retries POST and PATCH after
     * failures that may have reached the server (off by default: the server may have acted on the
     * first attempt, and PagerDuty's REST API has no idempotency keys to make a second one
     * harmless).
     *
     * @param retryNonIdempotent true to retry POST and PATCH too
     * @return this builder
     */
    public B retryNonIdempotent(boolean retryNonIdempotent) {
        retryOptions.retryNonIdempotent(retryNonIdempotent);
        return self();
    }

    /**
     * Throttles this client to at most {@code requestsPerMinute} request starts. Whatever the
     * setting, and by default, requests are spread out once PagerDuty's
     * {@code ratelimit-remaining} header runs low (below 10): what is left of the budget is spread
     * evenly until {@code ratelimit-reset}, so a client with many requests in flight (several
     * threads, or concurrent pagination) slows down before PagerDuty answers 429. 0 (the default)
     * sets no fixed limit.
     */
    public B rateLimit(int requestsPerMinute) {
        this.rateLimit = nonNegative(requestsPerMinute, "rateLimit");
        return self();
    }

    /**
     * Makes the threads on which a call fans out: the page requests of concurrent pagination and
     * the Events client's {@code sendAsync}. By default pdkit starts daemon threads named
     * {@code pdkit-client-N-worker-M} when first needed and ends them when idle; a host may give
     * its own factory, e.g. {@code Thread.ofVirtual().factory()} on Java 21, or one that names
     * its threads or carries its context. pdkit still decides how many run at once, and stops
     * them when the client closes.
     *
     * @param threads the factory of worker threads
     * @return this builder
     */
    public B threadFactory(ThreadFactory threads) {
        this.threadFactory = Objects.requireNonNull(threads, "threads");
        return self();
    }

    /** Waits through this sleeper (tests pass one that records instead of sleeping). */
    public B sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return self();
    }

    /** Reads the time from this clock (used for HTTP-date {@code Retry-After} and timestamps). */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Draws backoff stagger and jitter from this generator (tests pass a seeded one). */
    public B random(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
        return self();
    }

    RetrySettings retrySettings(boolean postIsIdempotent) {
        return retryOptions.build().settings(postIsIdempotent);
    }

    /**
     * Refuses, when {@link #transport} was given, the settings only a transport pdkit creates uses:
     * the client would otherwise ignore them without a word. Called where the client is built.
     *
     * @throws IllegalStateException naming the settings given and where to configure them instead
     */
    void checkExplicitTransport() {
        if (transport == null || (proxy == null && connectTimeout == null)) {
            return;
        }
        boolean both = proxy != null && connectTimeout != null;
        String names = both ? "proxy(...) and connectTimeout(...)" : proxy != null ? "proxy(...)" : "connectTimeout(...)";
        String options = (proxy != null ? ".proxy(...)" : "") + (connectTimeout != null ? ".connectTimeout(...)" : "");
        throw new IllegalStateException(names + (both ? " configure" : " configures") + " the transport pdkit creates,"
                + " but transport(...) was given and is used as it is: configure " + (both ? "them" : "it")
                + " on that transport instead (e.g. JdkTransport.create(TransportOptions.builder()" + options
                + ".build())), or, for a wrapped client, on the HttpClient, OkHttpClient or CloseableHttpClient itself."
                + " timeout(...) and maxResponseBytes(...) may stay on the builder: they apply to any transport");
    }

    /**
     * Checks a token or routing key: non-empty, and printable ASCII only, since it travels in a
     * header or a JSON body.
     *
     * @param what the credential's name, for the message
     * @return {@code credential}
     * @throws IllegalArgumentException if it is blank or holds whitespace, a control or a non-ASCII character
     */
    static String checkCredential(String credential, String what) {
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        for (int i = 0; i < credential.length(); i++) {
            char c = credential.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " contains an invalid character at index " + i
                        + " (whitespace, control or non-ASCII)");
            }
        }
        return credential;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    private static int nonNegative(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " must be >= 0: " + n);
        }
        return n;
    }
}
