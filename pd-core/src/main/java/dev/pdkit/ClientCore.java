package dev.pdkit;

import dev.pdkit.internal.discovery.Providers;
import dev.pdkit.internal.http.CallStats;
import dev.pdkit.internal.http.ClientLog;
import dev.pdkit.internal.http.ErrorBody;
import dev.pdkit.internal.http.Exchange;
import dev.pdkit.internal.http.RequestExecutor;
import dev.pdkit.internal.http.Version;
import dev.pdkit.internal.http.WorkerPool;
import dev.pdkit.internal.redact.Redactor;
import dev.pdkit.internal.retry.Decision.StopReason;
import dev.pdkit.internal.retry.RetryPolicy;
import dev.pdkit.internal.retry.RetrySettings;
import dev.pdkit.internal.retry.Throttle;
import dev.pdkit.internal.url.BaseUrl;
import dev.pdkit.internal.url.QueryEncoder;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import dev.pdkit.spi.JsonCodecProvider;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * What the three clients share: the base URL, the transport (and whether the client owns it), the
 * codec, default headers, the executor with its retry policy, statistics and logging. One instance
 * per client; immutable after construction and thread-safe.
 */
final class ClientCore implements AutoCloseable {

    static final String TRANSPORT_ARTIFACTS =
            "dev.pdkit:pd-transport-jdk (the default), dev.pdkit:pd-transport-okhttp or dev.pdkit:pd-transport-apache";
    static final String JSON_ARTIFACTS = "dev.pdkit:pd-json-jackson";

    final BaseUrl baseUrl;
    final JsonCodec codec;
    final Headers defaultHeaders;
    final ClientLog log;
    final CallStats stats = new CallStats();
    final RequestExecutor executor;
    final Clock clock;
    final Duration timeout;
    /** Takes the client's secret out of messages built from what the server sent. */
    final Redactor redactor;
    /** Runs the requests of calls that fan out, such as concurrent pagination. */
    final WorkerPool workers;
    private final Transport transport;
    private final boolean ownsTransport;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param builder the user's settings
     * @param defaultBaseUrl the base URL of the builder's region for this API
     * @param fixedHeaders headers this kind of client always sends (Authorization, Accept), before
     *     the user's own
     * @param postIsIdempotent whether POSTs may be retried after a failure that reached the server
     * @param secret the client's token or routing key, kept out of every message
     */
    ClientCore(ClientBuilder<?> builder, String defaultBaseUrl, Headers fixedHeaders, boolean postIsIdempotent,
            String secret) {
        this.workers = new WorkerPool("client", Integer.MAX_VALUE, builder.threadFactory);
        builder.checkExplicitTransport();
        this.baseUrl = BaseUrl.parse(builder.baseUrl != null ? builder.baseUrl : defaultBaseUrl);
        this.redactor = Redactor.of(secret);
        this.log = new ClientLog(builder.debug);
        this.clock = builder.clock;
        RetrySettings settings = builder.retrySettings(postIsIdempotent);
        this.codec = builder.json != null ? builder.json : discoverCodec();
        String userAgentBase = "pdkit/" + Version.get();
        if (builder.transport != null) {
            this.transport = builder.transport;
            this.ownsTransport = false;
        } else {
            this.transport = discoverTransport().create(transportOptions(builder, userAgentBase));
            this.ownsTransport = true;
        }
        String userAgent = userAgentBase + " (transport " + safeName(transport.name()) + "; codec "
                + safeName(codec.name()) + ") Java/" + System.getProperty("java.version", "unknown");
        this.defaultHeaders = Headers.builder().set("User-Agent", userAgent).build()
                .withAll(fixedHeaders)
                .withAll(builder.headers.build());
        RandomGenerator random = builder.random != null ? builder.random : new SplittableRandom();
        Clock time = builder.clock;
        Throttle throttle = Throttle.of(builder.rateLimit, () -> TimeUnit.MILLISECONDS.toNanos(time.millis()));
        this.executor = new RequestExecutor(transport, new RetryPolicy(settings), throttle, builder.sleeper,
                builder.clock, random, stats, log, builder.maxResponseBytes, List.copyOf(builder.listeners));
        this.timeout = builder.timeout;
    }

    /** What a transport the client creates for itself is given: the builder's connection settings. */
    static TransportOptions transportOptions(ClientBuilder<?> builder, String userAgent) {
        return TransportOptions.builder()
                .connectTimeout(builder.connectTimeout != null ? builder.connectTimeout
                        : TransportOptions.DEFAULT_CONNECT_TIMEOUT)
                .readTimeout(builder.timeout)
                .proxy(builder.proxy)
                .userAgent(userAgent)
                .maxResponseBytes(builder.maxResponseBytes)
                .build();
    }

    private static TransportProvider discoverTransport() {
        return new Providers<>(TransportProvider.class, "transport", "pdkit.transport", TRANSPORT_ARTIFACTS,
                TransportProvider::name, TransportProvider::priority,
                Providers.serviceLoader(TransportProvider.class)).choose();
    }

    private static JsonCodec discoverCodec() {
        return new Providers<>(JsonCodecProvider.class, "json", "pdkit.json", JSON_ARTIFACTS,
                JsonCodecProvider::name, JsonCodecProvider::priority,
                Providers.serviceLoader(JsonCodecProvider.class)).choose().create();
    }

    private static String safeName(String name) {
        return name == null ? "unknown" : name.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The transport in use. */
    Transport transport() {
        return transport;
    }

    /** Appends encoded {@code params} to {@code uri}'s query. */
    static URI withQuery(URI uri, Map<String, ?> params) {
        String extra = QueryEncoder.encode(params);
        if (extra.isEmpty()) {
            return uri;
        }
        String s = uri.toString();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + extra);
    }

    /** Encodes a request body; {@code null} means none. */
    byte[] encode(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return codec.write(body);
        } catch (JsonCodecException e) {
            throw new PdClientException("cannot encode the request body as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Sends one call through the retry loop and wraps the last response.
     *
     * @throws PdHttpException for a 401 that was not configured for retry
     */
    Response send(String method, URI uri, Headers headers, byte[] body, String statsKey, String credentialHint) {
        return send(method, uri, headers, body, statsKey, credentialHint,
                executor.policy().safeToRepeat(method), timeout);
    }

    /**
     * As {@link #send(String, URI, Headers, byte[], String, String)}, saying whether a resend is safe
     * and how long each attempt may wait for its response.
     */
    Response send(String method, URI uri, Headers headers, byte[] body, String statsKey, String credentialHint,
            boolean repeatable, Duration attemptTimeout) {
        if (closed.get()) {
            throw new IllegalStateException("this client is closed");
        }
        HttpRequest request = HttpRequest.builder(method, uri).headers(headers).body(body).timeout(attemptTimeout).build();
        Exchange exchange = executor.execute(request, statsKey, repeatable);
        Response response = new Response(method.toUpperCase(Locale.ROOT), uri, exchange.response(), codec,
                exchange.elapsed(), exchange.attempts(), redactor);
        if (exchange.reason() == StopReason.UNAUTHORIZED) {
            throw new PdHttpException(describe(response) + ": received 401 Unauthorized. The credential ("
                    + credentialHint + ") may be invalid or deactivated, or the client is configured for the wrong"
                    + " service region (base URL " + baseUrl + "; use region(Region.EU) for EU accounts)"
                    + errorSuffix(response), response);
        }
        return response;
    }

    /**
     * Returns {@code response} if its status is 2xx, else raises: {@link PdServerException} for
     * 5xx, {@link PdHttpException} for anything else (3xx included: PagerDuty never redirects).
     */
    static Response requireSuccess(Response response, String context) {
        int status = response.status();
        if (status / 100 == 2) {
            return response;
        }
        String kind = status / 100 == 5 ? "server error" : status / 100 == 4 ? "client error"
                : status / 100 == 3 ? "unexpected redirect (PagerDuty APIs never redirect)" : "unexpected status";
        String message = describe(response) + ": API responded with " + kind + " (status " + status + ")"
                + (context == null ? "" : " in " + context)
                + (response.attempts() > 1 ? " after " + response.attempts() + " attempts" : "")
                + errorSuffix(response);
        if (status / 100 == 5) {
            throw new PdServerException(message, response);
        }
        throw new PdHttpException(message, response);
    }

    static String describe(Response response) {
        return response.method() + " " + response.url();
    }

    /** The parsed PagerDuty error (or a body excerpt) and the request id, for a message. */
    static String errorSuffix(Response response) {
        ErrorBody error = ErrorBody.parse(response.jsonIfValid()).map(response::redact);
        String detail = error.summary();
        if (detail.isEmpty()) {
            detail = response.excerpt();
        }
        String id = response.requestId().map(r -> " [x-request-id " + r + "]").orElse("");
        return (detail.isEmpty() ? "" : ": " + detail) + id;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            workers.close();
            if (ownsTransport) {
                transport.close();
            }
        }
    }
}
