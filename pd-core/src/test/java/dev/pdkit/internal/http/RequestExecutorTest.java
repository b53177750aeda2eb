package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ClientStats;
import dev.pdkit.PdClientException;
import dev.pdkit.internal.retry.Decision.StopReason;
import dev.pdkit.internal.retry.RetryPolicy;
import dev.pdkit.internal.retry.RetrySettings;
import dev.pdkit.internal.retry.Throttle;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.Sleeper;
import dev.pdkit.spi.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executor's own promises, below the clients: what it counts and times per attempt, what it
 * logs about each decision, which earlier failures travel with the exception that ends a call, and
 * that it never asks the sleeper for a wait of zero. The retry contract itself (counts, waits,
 * which methods are repeated) is stated end to end in pd-tests' RetryBehaviourTest and
 * RequestFailuresTest; this test complements them.
 *
 * <p>Nothing waits: the sleeper records, the clock is fixed, the random generator seeded. Times are
 * only ever compared with the time the whole call took, measured around it, which bounds them
 * however slow the machine is.
 */
class RequestExecutorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String URL = "https://api.pagerduty.com/users";
    private static final String KEY = "GET /users";

    /** 503 retried twice, two network retries, timer 1 s doubled before each wait: waits of 2, 4 ... s. */
    private static final RetrySettings SETTINGS = new RetrySettings(Map.of(503, 2), Set.of(), 10, 2, 1, 2, 0,
            Duration.ofSeconds(60), false, false);

    private final Deque<Object> script = new ArrayDeque<>();
    private final List<HttpRequest> sent = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final CallStats stats = new CallStats();
    private final RecordingLogger logger = new RecordingLogger(Level.ALL);
    private final ClientLog log = new ClientLog(false, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), logger);

    /** Plays back {@link #script}: a response, an exception to throw, or nothing left (a test error). */
    private final Transport transport = new Transport() {
        @Override
        public HttpResponse send(HttpRequest request) throws IOException {
            sent.add(request);
            Object next = script.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next == null) {
                throw new AssertionError("the script ran out after " + sent.size() + " requests");
            }
            return (HttpResponse) next;
        }

        @Override
        public String name() {
            return "scripted";
        }
    };

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    private RequestExecutor executor(RetrySettings settings, Sleeper sleeper, long maxResponseBytes) {
        return new RequestExecutor(transport, new RetryPolicy(settings), Throttle.of(0, () -> 0L), sleeper, CLOCK,
                new SplittableRandom(1), stats, log, maxResponseBytes);
    }

    private RequestExecutor executor() {
        return executor(SETTINGS, sleeps::add, Long.MAX_VALUE);
    }

    private static HttpRequest request(String method) {
        return HttpRequest.builder(method, URI.create(URL)).build();
    }

    private static HttpResponse response(int status, String... headers) {
        return HttpResponse.of(status, Headers.of(headers), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private RequestExecutorTest then(Object... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    @Test
    void itSendsThroughItsTransportAndDecidesWithItsPolicy() {
        RetryPolicy policy = new RetryPolicy(SETTINGS);
        RequestExecutor executor = new RequestExecutor(transport, policy, Throttle.of(0, () -> 0L), sleeps::add, CLOCK,
                new SplittableRandom(1), stats, log, Long.MAX_VALUE);

        assertSame(transport, executor.transport());
        assertSame(policy, executor.policy());
    }

    @Test
    void anAnsweredCallReturnsTheLastResponseWithItsAttemptsAndWhyItStopped() {
        HttpResponse ok = response(200);
        then(response(503), ok);
        HttpRequest request = request("GET");

        Exchange exchange = executor().execute(request, KEY);

        assertSame(request, exchange.request());
        assertSame(ok, exchange.response());
        assertEquals(2, exchange.attempts());
        assertEquals(StopReason.ANSWERED, exchange.reason());
        assertEquals(List.of(request, request), sent, "the same request on every attempt");
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void statusesThatEndTheCallAreReturnedWithTheirReason() {
        then(response(401));
        assertEquals(StopReason.UNAUTHORIZED, executor().execute(request("GET"), KEY).reason());

        then(response(503), response(503), response(503));
        Exchange exhausted = executor().execute(request("GET"), KEY);
        assertEquals(StopReason.HTTP_ATTEMPTS_EXHAUSTED, exhausted.reason());
        assertEquals(3, exhausted.attempts());
        assertEquals(503, exhausted.response().status());

        then(response(503));
        Exchange post = executor().execute(request("POST"), "POST /users");
        assertEquals(StopReason.NOT_SAFE_TO_REPEAT, post.reason());
        assertEquals(1, post.attempts());
    }

    /** Whether a request may be repeated is the policy's answer for its method, unless the caller says. */
    @Test
    void repeatableDefaultsToWhatThePolicySaysOfTheMethod() {
        then(new SocketTimeoutException("read timed out"), response(200));
        assertEquals(2, executor().execute(request("PUT"), "PUT /users").attempts(), "PUT is idempotent");

        then(new SocketTimeoutException("read timed out"), response(201));
        assertEquals(2, executor().execute(request("POST"), "POST /users", true).attempts(),
                "a POST the caller declares repeatable (an Events API post) is retried");

        then(new SocketTimeoutException("read timed out"), response(201));
        assertThrows(PdClientException.class, () -> executor().execute(request("POST"), "POST /users"));
        assertEquals(1, script.size(), "the POST was sent once");
    }

    @Test
    void everyAttemptIsCountedAndTimedUnderTheStatsKey() {
        then(new SocketTimeoutException("read timed out"), response(200, "X-Request-Id", "R1"));

        long before = System.nanoTime();
        Exchange exchange = executor().execute(request("GET"), KEY);
        Duration call = Duration.ofNanos(System.nanoTime() - before);

        ClientStats snapshot = stats.snapshot();
        assertEquals(1, snapshot.callCount(KEY));
        assertEquals(1, snapshot.failureCount(KEY));
        Duration attempts = snapshot.callTimes().get(KEY);
        assertTrue(!attempts.isNegative() && attempts.compareTo(call) <= 0, "the attempts took " + attempts
                + " of a call that took " + call);
        assertTrue(!exchange.elapsed().isNegative() && exchange.elapsed().compareTo(call) <= 0,
                "the exchange took " + exchange.elapsed() + " of a call that took " + call);
    }

    @Test
    void anAttemptThatBreaksThePortIsCountedAsAFailureToo() {
        then(new IllegalStateException("transport is closed"));

        long before = System.nanoTime();
        assertThrows(PdClientException.class, () -> executor().execute(request("GET"), KEY));
        Duration call = Duration.ofNanos(System.nanoTime() - before);

        ClientStats snapshot = stats.snapshot();
        assertEquals(1, snapshot.failureCount(KEY));
        assertEquals(0, snapshot.callCount(KEY));
        assertTrue(snapshot.callTimes().get(KEY).compareTo(call) <= 0, snapshot::toString);
    }

    /** The debug line of each answer names it, its status and its request id, and how long it took. */
    @Test
    void eachAnswerIsLoggedAtDebugWithItsRequestId() {
        then(response(503, "X-Request-Id", "R1"), response(200));

        long before = System.nanoTime();
        executor().execute(request("GET"), KEY);
        long callMillis = (System.nanoTime() - before) / 1_000_000;

        List<String> completed = logger.at(Level.DEBUG).stream().filter(m -> m.startsWith("Request completed")).toList();
        assertEquals(2, completed.size(), completed::toString);
        Pattern line = Pattern.compile("Request completed: GET " + Pattern.quote(URL) + " -> (\\d+), x-request-id=(.+), (\\d+) ms");
        Matcher first = line.matcher(completed.get(0));
        Matcher second = line.matcher(completed.get(1));
        assertTrue(first.matches() && second.matches(), completed::toString);
        assertEquals("503", first.group(1));
        assertEquals("R1", first.group(2));
        assertEquals("200", second.group(1));
        assertEquals("(missing header)", second.group(2));
        assertTrue(Long.parseLong(first.group(3)) <= callMillis, completed.get(0) + " in a call of " + callMillis + " ms");
    }

    static Stream<Arguments> decisionsThatAreLogged() {
        String get = "GET " + URL;
        return Stream.of(
                Arguments.of("a network failure that is retried", "GET",
                        List.of(new SocketTimeoutException("read timed out"), response(200)), Level.WARNING,
                        get + ": network error (SocketTimeoutException: read timed out); retrying in 2.0 s"),
                Arguments.of("an error status that is retried", "GET",
                        List.of(response(503), response(200)), Level.WARNING,
                        get + ": HTTP error (503); retrying in 2.0 s"),
                Arguments.of("a rate limit without a hint, which is expected and only debug", "GET",
                        List.of(response(429), response(200)), Level.DEBUG,
                        get + ": hit the API rate limit (status 429); retrying in 2.0 s"),
                Arguments.of("an error status that persisted", "GET",
                        List.of(response(503), response(503), response(503)), Level.ERROR,
                        get + ": non-transient HTTP error: status 503 persisted after 3 requests; giving up"),
                Arguments.of("an error status on a request that is not safe to repeat", "POST",
                        List.of(response(503)), Level.WARNING,
                        "POST " + URL + ": HTTP error (503) not retried: the server may have acted on the POST, and"
                                + " sending it again could do it twice (retryNonIdempotent(true) allows it)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionsThatAreLogged")
    void eachDecisionIsLoggedAtItsLevel(String name, String method, List<Object> steps, Level level, String message) {
        script.addAll(steps);

        executor().execute(request(method), KEY);

        assertEquals(List.of(message), logger.at(level).stream().filter(m -> !m.startsWith("Request completed")).toList());
    }

    @Test
    void aRateLimitWaitTheServerAskedForSaysSo() {
        then(response(429, "Retry-After", "3"), response(200));

        executor().execute(request("GET"), KEY);

        List<String> debug = logger.at(Level.DEBUG).stream().filter(m -> m.contains("rate limit")).toList();
        assertEquals(1, debug.size(), debug::toString);
        assertTrue(debug.get(0).matches(Pattern.quote("GET " + URL + ": hit the API rate limit (status 429); retrying in ")
                + "3\\.\\d+ s as the server asked"), debug.get(0));
    }

    /** The throttle's "no wait" and a backoff of zero are not handed to the sleeper at all. */
    @Test
    void aWaitOfZeroNeverReachesTheSleeper() {
        RetrySettings noBackoff = new RetrySettings(Map.of(503, 2), Set.of(), 10, 2, 0, 2, 0, Duration.ofSeconds(60),
                false, false);
        then(response(503), new SocketTimeoutException("read timed out"), response(200));

        Exchange exchange = executor(noBackoff, d -> {
            throw new AssertionError("asked to sleep " + d);
        }, Long.MAX_VALUE).execute(request("GET"), KEY);

        assertEquals(3, exchange.attempts());
        assertEquals(200, exchange.response().status());
    }

    @Test
    void networkFailuresThatOutlastTheRetriesSayHowManyAttemptsFailed() {
        IOException third = new SocketTimeoutException("3");
        then(new SocketTimeoutException("1"), new SocketTimeoutException("2"), third);

        PdClientException e = assertThrows(PdClientException.class, () -> executor().execute(request("GET"), KEY));

        assertEquals("GET " + URL + ": non-transient network error; 3 attempts failed (maxNetworkAttempts=2): " + third,
                e.getMessage());
        assertSame(third, e.getCause());
        assertEquals(2, e.getSuppressed().length);
    }

    @Test
    void aNetworkFailureOfARequestThatIsNotRepeatedSaysWhy() {
        IOException timeout = new SocketTimeoutException("read timed out");
        then(timeout);

        PdClientException e = assertThrows(PdClientException.class, () -> executor().execute(request("POST"), "POST /users"));

        assertEquals("POST " + URL + ": network error after the request may have reached the server; not retried"
                + " because POST is not idempotent (retryNonIdempotent(true) allows it): " + timeout, e.getMessage());
        assertSame(timeout, e.getCause());
        assertEquals(0, e.getSuppressed().length);
    }

    /**
     * Whatever ends a call after earlier attempts failed, those failures travel with it as
     * suppressed exceptions, so the caller sees the whole story.
     */
    static Stream<Arguments> endingsAfterAFailure() {
        return Stream.of(
                Arguments.of("an interrupt during the wait", (Consumer<RequestExecutorTest>) t -> { },
                        (Sleeper) d -> {
                            throw new InterruptedException("test interrupt");
                        }, InterruptedException.class, "interrupted (the thread's interrupt flag is set)"),
                Arguments.of("a body over the limit the transport enforced",
                        (Consumer<RequestExecutorTest>) t -> t.then(new ResponseTooLargeException(4, "GET " + URL)),
                        (Sleeper) d -> { }, ResponseTooLargeException.class, "longer than the limit of 4 bytes"),
                Arguments.of("a body over the limit the transport did not enforce",
                        (Consumer<RequestExecutorTest>) t -> t.then(HttpResponse.of(200, Headers.empty(), new byte[5])),
                        (Sleeper) d -> { }, ResponseTooLargeException.class, "longer than the limit of 4 bytes"),
                Arguments.of("a transport that broke the port's rules",
                        (Consumer<RequestExecutorTest>) t -> t.then(new IllegalStateException("closed")),
                        (Sleeper) d -> { }, IllegalStateException.class,
                        "the scripted transport failed: java.lang.IllegalStateException: closed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endingsAfterAFailure")
    void theEarlierFailuresTravelWithWhatEndsTheCall(String name, Consumer<RequestExecutorTest> next, Sleeper sleeper,
            Class<? extends Throwable> cause, String message) {
        IOException reset = new IOException("Connection reset");
        then(reset);
        next.accept(this);

        PdClientException e = assertThrows(PdClientException.class,
                () -> executor(SETTINGS, sleeper, 4).execute(request("GET"), KEY));

        assertInstanceOf(cause, e.getCause());
        assertTrue(e.getMessage().startsWith("GET " + URL + ": ") && e.getMessage().contains(message), e::getMessage);
        assertEquals(List.of(reset), List.of(e.getSuppressed()));
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        then(HttpResponse.of(200, Headers.empty(), new byte[4]));

        assertEquals(4, executor(SETTINGS, sleeps::add, 4).execute(request("GET"), KEY).response().bodyLength());
    }
}
