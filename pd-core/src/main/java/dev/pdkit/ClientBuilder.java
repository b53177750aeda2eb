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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    Duration connectTimeout = TransportOptions.DEFAULT_CONNECT_TIMEOUT;
    Transport transport;
    JsonCodec json;
    ProxyOptions proxy;
    long maxResponseBytes = TransportOptions.DEFAULT_MAX_RESPONSE_BYTES;
    final Headers.Builder headers = Headers.builder();
    boolean debug;

    final Map<Integer, Integer> retry = new LinkedHashMap<>();
    /** Statuses of {@link #retry} that the defaults retry for GET only, until {@link #retry} is called for them. */
    final Set<Integer> readsOnly = new HashSet<>();
    int maxHttpAttempts;
    int maxNetworkAttempts;
    double sleepTimer;
    double sleepTimerBase;
    double staggerCooldown;
    Duration maxSleep;
    boolean retryNonIdempotent;
    int rateLimit;
    Sleeper sleeper = Sleeper.system();
    Clock clock = Clock.systemUTC();
    RandomGenerator random;

    ClientBuilder(RetrySettings defaults) {
        retry.putAll(defaults.retry());
        readsOnly.addAll(defaults.readsOnly());
        maxHttpAttempts = defaults.maxHttpAttempts();
        maxNetworkAttempts = defaults.maxNetworkAttempts();
        sleepTimer = defaults.sleepTimer();
        sleepTimerBase = defaults.sleepTimerBase();
        staggerCooldown = defaults.staggerCooldown();
        maxSleep = defaults.maxSleep();
        retryNonIdempotent = defaults.retryNonIdempotent();
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

    /** How long to wait for each response (default 60 s, as pdpyras' {@code TIMEOUT}). */
    public B timeout(Duration timeout) {
        this.timeout = positive(timeout, "timeout");
        return self();
    }

    /** How long to wait for a connection (default 10 s). */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * Sends through this transport instead of one found on the class or module path. The caller
     * keeps ownership: closing the client does not close it.
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

    /** Sends through an HTTP proxy (ignored when an explicit {@link #transport} is given). */
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

    /** Prints this client's debug log lines to stderr (pdpyras' {@code debug=True}). */
    public B debug(boolean debug) {
        this.debug = debug;
        return self();
    }

    /**
     * Retries responses with {@code status} up to {@code times} times: {@code -1} retries forever,
     * {@code 0} never retries it (for 429: back to the default, retried until it succeeds).
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
     */
    public B retry(int status, int times) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("retry: status out of range 100..999: " + status);
        }
        if (times < -1) {
            throw new IllegalArgumentException("retry(" + status + ", " + times + "): times must be -1, 0 or positive");
        }
        readsOnly.remove(status);
        // A count of 0 is kept as it is: the retry settings read 0 as "no retries of its own", as for an
        // absent status (so 429 is back to its default).
        retry.put(status, times);
        return self();
    }

    /** The most retries of error responses in one call, across all statuses (default 10). */
    public B maxHttpAttempts(int maxHttpAttempts) {
        this.maxHttpAttempts = nonNegative(maxHttpAttempts, "maxHttpAttempts");
        return self();
    }

    /** The most retries after network failures in one call (default 3). */
    public B maxNetworkAttempts(int maxNetworkAttempts) {
        this.maxNetworkAttempts = nonNegative(maxNetworkAttempts, "maxNetworkAttempts");
        return self();
    }

    /** The initial backoff timer in seconds (default 1.5); it grows before each retry. */
    public B sleepTimer(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("sleepTimer must be a finite number of seconds >= 0: " + seconds);
        }
        this.sleepTimer = seconds;
        return self();
    }

    /** The factor the backoff timer grows by before each retry (default 2). */
    public B sleepTimerBase(double base) {
        if (!(base >= 1) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("sleepTimerBase must be a finite number >= 1: " + base);
        }
        this.sleepTimerBase = base;
        return self();
    }

    /**
     * Randomizes the backoff: each growth is {@code base * (1 + ρ r)} with r uniform in [0, 1)
     * (default ρ = 0, no randomness).
     */
    public B staggerCooldown(double rho) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("staggerCooldown must be a finite number >= 0: " + rho);
        }
        this.staggerCooldown = rho;
        return self();
    }

    /** The longest single wait between retries (default 60 s). */
    public B maxSleep(Duration maxSleep) {
        Objects.requireNonNull(maxSleep, "maxSleep");
        if (maxSleep.isNegative()) {
            throw new IllegalArgumentException("maxSleep must not be negative: " + maxSleep);
        }
        this.maxSleep = maxSleep;
        return self();
    }

    /**
     * Also retries POST and PATCH after failures that may have reached the server: network errors,
     * and the statuses of {@link #retry} (off by default: the server may have acted on the first
     * attempt, and PagerDuty's REST API has no idempotency keys to make a second one harmless).
     */
    public B retryNonIdempotent(boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
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
        return new RetrySettings(retry, readsOnly, maxHttpAttempts, maxNetworkAttempts, sleepTimer, sleepTimerBase,
                staggerCooldown, maxSleep, retryNonIdempotent, postIsIdempotent);
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
