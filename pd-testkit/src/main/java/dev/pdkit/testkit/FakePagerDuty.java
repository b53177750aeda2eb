package dev.pdkit.testkit;

import dev.pdkit.EventsApiV2Client;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.RestApiV2ClientBuilder;
import dev.pdkit.testkit.families.Seeder;
import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.server.Faults;
import dev.pdkit.testkit.server.FakeServer;
import dev.pdkit.testkit.server.Pipeline;
import dev.pdkit.testkit.server.RateLimiter;
import dev.pdkit.testkit.server.Stubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A fake PagerDuty for tests: REST API v2 and Events API v2 on {@code 127.0.0.1}, stateful,
 * speaking the real wire format (wrapped entities, offset and cursor pagination with the 10,000
 * cap, the {@code From} header, PagerDuty's error bodies and codes, rate-limit headers, Events API
 * dedup that opens, acknowledges and resolves incidents). Any HTTP client can use it.
 *
 * <pre>{@code
 * try (FakePagerDuty pd = FakePagerDuty.start()) {
 *     RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
 *             .defaultFrom(pd.userEmail()).build();
 *     ...
 *     RecordedRequest r = pd.takeRequest(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p><b>Credentials.</b> {@link #apiToken()} is an account-level key ({@code Token token=}):
 * operations that need a {@code From} header fail without one, and {@code /users/me} answers 400.
 * {@link #userToken()} ({@code Token token=}) and {@link #oauthToken()} ({@code Bearer}) belong to
 * the user {@link #userEmail()}, who acts when no {@code From} is sent. Events API requests need
 * no credential but a routing key ({@link #routingKey()}).
 *
 * <p><b>Data.</b> By default the account holds the standard seed: users Pat Oncall (admin,
 * {@code pat.oncall@example.com}, the owner of the user key and OAuth token) and Sam Responder
 * ({@code sam.responder@example.com}); team Platform with both; schedule Platform Primary (weekly
 * turns, Pat then Sam); escalation policy Platform Escalation (level 1 Pat, level 2 the schedule);
 * service Checkout API with an Events API v2 integration whose key is {@link #routingKey()};
 * priorities P1..P5; abilities {@code teams}, {@code read_only_users}, {@code service_support_hours},
 * {@code urgencies} (and {@code coordinated_responding} known but missing). Add data with
 * {@link #seed()} or {@link #seedFromJson(String)}, or over REST.
 *
 * <p><b>Over HTTP.</b> What this class's methods do (reset, seeding, faults, latency, the rate
 * limit, stubs, the journal) is also an admin API under {@code /__admin} on the same port, with no
 * credential, for test suites in other languages that run the standalone jar
 * ({@link FakePagerDutyMain}); {@code GET /__admin} lists it.
 *
 * <p><b>Test API.</b> Every request is recorded ({@link #requests()}, {@link #takeRequest}).
 * Faults ({@link #enqueue}, {@link #inject}), latency, a rate limit and stubbed routes change what
 * the next requests get. {@link #reset()} returns to a fresh account. Nothing blocks forever:
 * waits take a timeout and {@link #close()} ends them.
 *
 * <p>Thread-safe; instances are independent, so tests may run many side by side.
 */
public final class FakePagerDuty implements AutoCloseable {

    private final Builder config;
    private final Account.Settings settings;
    private final FakeServer server;
    private final String url;
    private final Journal journal;
    private final Faults faults = new Faults();
    private final RateLimiter limiter = new RateLimiter(System::nanoTime);
    private final Stubs stubs = new Stubs();
    private final Pipeline pipeline;
    private volatile Account account;
    /** The latency of the builder, until {@link #latency(Duration)} sets another; kept by {@link #reset()}. */
    private volatile Duration latency;

    private FakePagerDuty(Builder b) {
        this.config = b.copy();
        this.journal = new Journal(config.journalLimit);
        this.latency = config.latency;
        SecureRandom random = new SecureRandom();
        this.settings = new Account.Settings(
                b.apiToken != null ? b.apiToken : "fake-account-key-" + hex(random, 8),
                b.userToken != null ? b.userToken : "fake-user-key-" + hex(random, 8),
                b.oauthToken != null ? b.oauthToken : "pdus+_0XFAKE_" + UUID.randomUUID(),
                b.routingKey != null ? b.routingKey : hex(random, 16),
                b.standardSeed);
        this.server = FakeServer.bind(b.port);
        this.url = "http://127.0.0.1:" + server.port();
        this.pipeline = new Pipeline(journal, faults, limiter, stubs, call -> account.dispatch(call), server::pause);
        try {
            this.account = new Account(url, settings);
            applySettings();
            AdminApi admin = new AdminApi(this);
            server.start(call -> AdminApi.handles(call) ? admin.handle(call) : pipeline.process(call));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void applySettings() {
        pipeline.latency(latency);
        limiter.set(config.rateLimit);
    }

    /** Starts a fake with the defaults: an ephemeral port, random credentials, the standard seed. */
    public static FakePagerDuty start() {
        return builder().start();
    }

    /** A builder for a fake with other settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** The REST API base URL, e.g. {@code http://127.0.0.1:54321}; {@code self} links start with it. */
    public String restUrl() {
        return url;
    }

    /**
     * The Events API base URL: the same server, answering {@code POST /v2/enqueue} and
     * {@code POST /v2/change/enqueue} (paths no REST operation uses).
     */
    public String eventsUrl() {
        return url;
    }

    /** The account-level API key, sent as {@code Authorization: Token token=<key>}. */
    public String apiToken() {
        return settings.apiToken();
    }

    /** The user API key of {@link #userEmail()}, sent as {@code Authorization: Token token=<key>}. */
    public String userToken() {
        return settings.userToken();
    }

    /** The OAuth access token of {@link #userEmail()}, sent as {@code Authorization: Bearer <token>}. */
    public String oauthToken() {
        return settings.oauthToken();
    }

    /**
     * The email of the user who owns {@link #userToken()} and {@link #oauthToken()} (Pat Oncall of
     * the standard seed), also a valid {@code From} header. Without the standard seed, seed a user
     * with this email or those two credentials are refused.
     */
    public String userEmail() {
        return Seeder.STANDARD_USER_EMAIL;
    }

    /** The Events API routing key of the standard seed's service; it stays the same across {@link #reset()}. */
    public String routingKey() {
        return settings.routingKey();
    }

    /**
     * The Events API routing key of a service's first Events API integration.
     *
     * @throws IllegalArgumentException if the service doesn't exist or has no such integration
     */
    public String routingKey(String serviceId) {
        return seeding(a -> {
            String key = a.families().services().routingKey(a.store().require("/services", serviceId));
            if (key == null) {
                throw new IllegalArgumentException("service " + serviceId + " has no Events API integration");
            }
            return Map.of("key", key);
        }).get("key").toString();
    }

    /** The seeding API for this fake's account. */
    public Seed seed() {
        return new Seed(this);
    }

    /**
     * Seeds a JSON fixture: an object of wrapped collections such as
     * {@code {"users":[{"name":"Ann","email":"ann@example.com"}], "services":[...]}}. Users, teams,
     * escalation policies, schedules, services, priorities, maintenance windows, tags and incidents
     * are created in that order (so later items may reference earlier ones by {@code id}), then any
     * other member as a generic collection named by its key; {@code abilities} is an array of
     * enabled names. Items may carry their own {@code id}.
     *
     * @throws IllegalArgumentException if the text is not such a fixture or an item is invalid
     */
    public void seedFromJson(String json) {
        Objects.requireNonNull(json, "json");
        Object tree;
        try {
            tree = Json.read(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the fixture is not valid JSON: " + e.getMessage(), e);
        }
        seeding(a -> {
            a.seeder().fixture(tree);
            return Map.of();
        });
    }

    /** Seeds the JSON fixture in this file (see {@link #seedFromJson(String)}). */
    public void seedFromJson(Path file) {
        try {
            seedFromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    /** Runs a seeding action on the current account under its lock; turns API errors into IllegalArgumentException. */
    Map<String, Object> seeding(Function<Account, Map<String, Object>> action) {
        Account a = account;
        synchronized (a.store()) {
            try {
                return Json.freeze(Json.copy(action.apply(a)));
            } catch (ApiError e) {
                String details = String.valueOf(Json.map(e.body().get("error")).getOrDefault("errors", ""));
                throw new IllegalArgumentException(e.getMessage() + (details.isEmpty() ? "" : ": " + details), e);
            } finally {
                // Seeding may change resources in place.
                a.store().touch();
            }
        }
    }

    /**
     * A REST client builder already pointed at this fake: its {@link #restUrl()}, the account-level
     * {@link #apiToken()} and {@code From: }{@link #userEmail()}, so incident actions work as they
     * would with an account key. Add what your application sets (retries, a listener, a transport or
     * codec of your own); the transport and codec are otherwise discovered, as in production.
     *
     * @return a new builder
     */
    public RestApiV2ClientBuilder restClientBuilder() {
        return RestApiV2Client.builder(apiToken()).baseUrl(restUrl()).defaultFrom(userEmail());
    }

    /**
     * {@link #restClientBuilder()} built: a REST client of this fake. The caller closes it.
     *
     * @return a new client
     */
    public RestApiV2Client restClient() {
        return restClientBuilder().build();
    }

    /**
     * An Events API client builder already pointed at this fake, with the standard seed's
     * {@link #routingKey()} (or the builder's).
     *
     * @return a new builder
     */
    public EventsApiV2Client.Builder eventsClientBuilder() {
        return EventsApiV2Client.builder(routingKey()).baseUrl(eventsUrl());
    }

    /**
     * {@link #eventsClientBuilder()} built: an Events API client of this fake. The caller closes it.
     *
     * @return a new client
     */
    public EventsApiV2Client eventsClient() {
        return eventsClientBuilder().build();
    }

    /**
     * The requests received since the start or the last {@link #reset()}, in arrival order: the
     * latest {@link Builder#journalLimit journalLimit} of them (10,000 by default); older ones are
     * counted by {@link #requestCount()} and {@link #droppedRequestCount()}, not kept.
     */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /**
     * The next request not yet taken, waiting at most {@code timeout} for one to arrive.
     *
     * @return the request, or {@code null} when none arrived in time
     */
    public RecordedRequest takeRequest(Duration timeout) {
        return journal.take(Objects.requireNonNull(timeout, "timeout"));
    }

    /** How many requests arrived since the start or the last {@link #reset()}, kept in the journal or not. */
    public int requestCount() {
        return (int) Math.min(Integer.MAX_VALUE, journal.count());
    }

    /** Empties the journal (the kept, untaken and unmatched requests, and the counts); nothing else changes. */
    public void clearRequests() {
        journal.clear();
    }

    /** How many of the requests since the start or the last {@link #reset()} the journal no longer keeps. */
    public long droppedRequestCount() {
        return journal.dropped();
    }

    /**
     * The requests that matched no PagerDuty operation (answered 404) or that the fake failed to
     * answer (500 "Internal error in pd-testkit"), since the start or the last {@link #reset()}.
     */
    public List<RecordedRequest> unmatchedRequests() {
        return journal.unmatched();
    }

    /** Throws {@link AssertionError} listing the {@linkplain #unmatchedRequests() unmatched requests}, if any. */
    public void assertNoUnmatchedRequests() {
        List<RecordedRequest> unmatched = unmatchedRequests();
        if (!unmatched.isEmpty()) {
            throw new AssertionError("pd-testkit received " + unmatched.size()
                    + " request(s) that match no PagerDuty operation: " + unmatched);
        }
    }

    /** Applies a fault to the next request, whatever it is. */
    public void enqueue(Fault fault) {
        inject(fault, 1, null, null);
    }

    /**
     * Applies a fault to the next {@code times} requests that match. Faults apply in the order they
     * were added; a request gets at most one.
     *
     * @param fault the fault
     * @param times how many matching requests get it, at least 1
     * @param method the method to match, e.g. {@code GET}; {@code null} for any
     * @param pathRegex a regular expression the whole decoded path must match, e.g.
     *     {@code /incidents(/.*)?}; {@code null} for any
     */
    public void inject(Fault fault, int times, String method, String pathRegex) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        faults.add(fault.spec(), times, method, pathRegex == null ? null : Pattern.compile(pathRegex));
    }

    /**
     * Adds this latency before every answer from now on ({@link Duration#ZERO} for none), also
     * after a {@link #reset()}.
     */
    public void latency(Duration latency) {
        pipeline.latency(latency);
        this.latency = latency;
    }

    /**
     * Limits REST requests to this many per minute (a fixed window from the first request);
     * beyond it the answer is 429 with code 2020. {@code 0} removes the limit. The Events API is
     * not limited.
     */
    public void rateLimit(int perMinute) {
        limiter.set(perMinute);
    }

    /**
     * Answers {@code method path} with this status and JSON body, before authentication and the
     * real handlers. {@code path} is exact, except that a segment such as {@code {id}} matches any
     * one segment. The latest stub for a route wins.
     *
     * @param jsonBody the body, sent as it is; {@code null} or empty for none
     */
    public void stub(String method, String path, int status, String jsonBody) {
        stubs.add(Objects.requireNonNull(method, "method"), Objects.requireNonNull(path, "path"), status, jsonBody);
    }

    /**
     * Returns to a fresh account: clears the journal, faults and stubs, restores the builder's
     * rate limit, and replaces all data with the standard seed (if enabled). Ids change;
     * credentials, {@link #routingKey()} and the latest {@link #latency(Duration) latency} stay.
     */
    public void reset() {
        account = new Account(url, settings);
        journal.clear();
        faults.clear();
        stubs.clear();
        applySettings();
    }

    /** Stops the server at once: waiting requests end, connections close. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FakePagerDuty[" + url + "]";
    }

    /** Settings for a fake. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private int port;
        private String apiToken;
        private String userToken;
        private String oauthToken;
        private String routingKey;
        private boolean standardSeed = true;
        private Duration latency = Duration.ZERO;
        private int rateLimit;
        private int journalLimit = Journal.DEFAULT_LIMIT;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.port = port;
            b.apiToken = apiToken;
            b.userToken = userToken;
            b.oauthToken = oauthToken;
            b.routingKey = routingKey;
            b.standardSeed = standardSeed;
            b.latency = latency;
            b.rateLimit = rateLimit;
            b.journalLimit = journalLimit;
            return b;
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** A fixed account-level API key instead of a random one. */
        public Builder apiToken(String token) {
            this.apiToken = token(token);
            return this;
        }

        /** A fixed user API key instead of a random one. */
        public Builder userToken(String token) {
            this.userToken = token(token);
            return this;
        }

        /** A fixed OAuth access token instead of a random one. */
        public Builder oauthToken(String token) {
            this.oauthToken = token(token);
            return this;
        }

        /** A fixed routing key (32 characters) for the standard seed's service, instead of a random one. */
        public Builder routingKey(String routingKey) {
            Objects.requireNonNull(routingKey, "routingKey");
            if (routingKey.length() != 32) {
                throw new IllegalArgumentException("a routing key has 32 characters, not " + routingKey.length());
            }
            this.routingKey = routingKey;
            return this;
        }

        /** Whether the account starts with the standard seed (default true). */
        public Builder standardSeed(boolean standardSeed) {
            this.standardSeed = standardSeed;
            return this;
        }

        /** A latency before every answer (default none). */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** A REST rate limit per minute (default 0: none). */
        public Builder rateLimit(int perMinute) {
            if (perMinute < 0) {
                throw new IllegalArgumentException("requests per minute must not be negative: " + perMinute);
            }
            this.rateLimit = perMinute;
            return this;
        }

        /**
         * How many requests the journal keeps (default 10,000): {@link #requests()},
         * {@link #takeRequest} and the unmatched requests
         * hold at most the latest this many; older ones are counted, not kept, so a fake serving
         * millions of requests stays within a bounded heap. 0 keeps none.
         *
         * @param limit 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder journalLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("journal limit must not be negative: " + limit);
            }
            this.journalLimit = limit;
            return this;
        }

        /**
         * Starts a fake with these settings.
         *
         * @throws UncheckedIOException if the port cannot be bound
         */
        public FakePagerDuty start() {
            return new FakePagerDuty(this);
        }

        private static String token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("a token must be visible ASCII without spaces");
            }
            return token;
        }
    }
}
