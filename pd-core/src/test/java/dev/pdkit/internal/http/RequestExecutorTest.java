package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ClientStats;
import dev.pdkit.PdClientException;
import dev.pdkit.RequestEvent;
import dev.pdkit.RequestListener;
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
import java.util.Optional;
import java.util.OptionalInt;
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
    private final RecordingLogger.Loggers loggers = new RecordingLogger.Loggers(Level.ALL);
    private final RecordingLogger requestLogger = loggers.apply("dev.pdkit.request");
    private final RecordingLogger retryLogger = loggers.apply("dev.pdkit.retry");
    private final ClientLog log = new ClientLog(false, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), loggers);
    /** What the listeners of {@link #observed()} saw, and the sleeps, in the order they happened. */
    private final List<Object> timeline = new ArrayList<>();

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

    private RequestExecutor executor(Sleeper sleeper, long maxResponseBytes, List<RequestListener> listeners) {
        return new RequestExecutor(transport, new RetryPolicy(SETTINGS), Throttle.of(0, () -> 0L), sleeper, CLOCK,
                new SplittableRandom(1), stats, log, maxResponseBytes, listeners);
    }

    /** An executor whose one listener and sleeper write to {@link #timeline}. */
    private RequestExecutor observed() {
        return executor(d -> timeline.add(d), Long.MAX_VALUE, List.of(timeline::add));
    }

    private List<RequestEvent> events() {
        return timeline.stream().filter(RequestEvent.class::isInstance).map(RequestEvent.class::cast).toList();
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

        List<String> completed = requestLogger.at(Level.DEBUG).stream().filter(m -> m.startsWith("Request completed")).toList();
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

        assertEquals(List.of(message), retryLogger.at(level));
        assertTrue(requestLogger.lines.stream().allMatch(l -> l.message().startsWith("Request completed")),
                requestLogger.lines::toString);
        assertEquals(List.of(), loggers.apply("dev.pdkit").lines, "nothing on the general logger");
    }

    @Test
    void aRateLimitWaitTheServerAskedForSaysSo() {
        then(response(429, "Retry-After", "3"), response(200));

        executor().execute(request("GET"), KEY);

        List<String> debug = retryLogger.at(Level.DEBUG).stream().filter(m -> m.contains("rate limit")).toList();
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

    // ---------------------------------------------------------------- listeners

    /**
     * One event per attempt, after the retry decision and before the wait, under the stats key; the
     * URL loses its query string.
     */
    @Test
    void eachAttemptIsReportedWithItsOutcomeAndTheWaitBeforeTheNext() {
        then(response(503, "X-Request-Id", "R1"), response(200));
        HttpRequest request = HttpRequest.builder("GET", URI.create("https://api.pagerduty.com/users/P1?include%5B%5D=teams"))
                .header("Authorization", "Token token=secret-WXYZ").build();

        long before = System.nanoTime();
        Exchange exchange = observed().execute(request, "GET /users/{id}");
        Duration call = Duration.ofNanos(System.nanoTime() - before);

        assertEquals(200, exchange.response().status());
        List<RequestEvent> events = events();
        assertEquals(List.of(events.get(0), Duration.ofSeconds(2), events.get(1)), timeline,
                "each event comes before the wait that follows it");
        RequestEvent first = events.get(0);
        RequestEvent second = events.get(1);
        for (RequestEvent e : events) {
            assertEquals("GET /users/{id}", e.endpoint());
            assertEquals("GET", e.method());
            assertEquals(URI.create("https://api.pagerduty.com/users/P1"), e.url());
            assertEquals(Optional.empty(), e.failure());
            assertTrue(!e.duration().isNegative() && e.duration().compareTo(call) <= 0, e::toString);
            assertFalse(e.toString().contains("secret") || e.toString().contains("include"), e::toString);
        }
        assertEquals(1, first.attempt());
        assertEquals(OptionalInt.of(503), first.status());
        assertTrue(first.willRetry());
        assertEquals(Duration.ofSeconds(2), first.retryDelay());
        assertEquals(2, second.attempt());
        assertEquals(OptionalInt.of(200), second.status());
        assertFalse(second.willRetry());
        assertEquals(Duration.ZERO, second.retryDelay());
    }

    @Test
    void aNetworkFailureIsReportedWithItsException() {
        IOException timeout = new SocketTimeoutException("read timed out");
        then(timeout, response(200));

        observed().execute(request("GET"), KEY);

        RequestEvent failed = events().get(0);
        assertEquals(OptionalInt.empty(), failed.status());
        assertSame(timeout, failed.failure().orElseThrow());
        assertTrue(failed.willRetry());
        assertEquals(Duration.ofSeconds(2), failed.retryDelay());
        assertEquals(URI.create(URL), failed.url(), "a URL without a query is kept as it is");
        assertTrue(failed.toString().startsWith("GET /users attempt 1: SocketTimeoutException: read timed out in "),
                failed::toString);
        assertEquals(OptionalInt.of(200), events().get(1).status());
    }

    /**
     * However a call ends, its last attempt is reported with {@code willRetry() == false}, before the
     * exception leaves, so that the listener sees every attempt the statistics count.
     */
    static Stream<Arguments> callsThatEndInAnException() {
        return Stream.of(
                Arguments.of("network failures that outlast the retries", "GET",
                        List.of(new SocketTimeoutException("1"), new SocketTimeoutException("2"),
                                new SocketTimeoutException("3")), Long.MAX_VALUE, 3, null),
                Arguments.of("a network failure of a POST, not repeated", "POST",
                        List.of(new SocketTimeoutException("read timed out")), Long.MAX_VALUE, 1, null),
                Arguments.of("a transport that broke the port's rules", "GET",
                        List.of(new IllegalStateException("closed")), Long.MAX_VALUE, 1, null),
                Arguments.of("a body over the limit the transport enforced", "GET",
                        List.of(new ResponseTooLargeException(4, "GET " + URL)), 4L, 1, null),
                Arguments.of("a body over the limit the transport did not enforce", "GET",
                        List.of(response(503), HttpResponse.of(200, Headers.empty(), new byte[5])), 4L, 2, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callsThatEndInAnException")
    void theLastAttemptOfACallThatThrowsIsReportedToo(String name, String method, List<Object> steps, long maxBytes,
            int attempts, Integer lastStatus) {
        script.addAll(steps);
        List<RequestEvent> events = new ArrayList<>();

        assertThrows(PdClientException.class,
                () -> executor(sleeps::add, maxBytes, List.of(events::add)).execute(request(method), KEY));

        assertEquals(attempts, events.size(), events::toString);
        RequestEvent last = events.get(attempts - 1);
        assertEquals(attempts, last.attempt());
        assertFalse(last.willRetry());
        assertEquals(Duration.ZERO, last.retryDelay());
        if (lastStatus != null) {
            assertEquals(OptionalInt.of(lastStatus), last.status());
        } else {
            assertSame(steps.get(attempts - 1), last.failure().orElseThrow());
        }
        assertTrue(events.subList(0, attempts - 1).stream().allMatch(RequestEvent::willRetry), events::toString);
        ClientStats snapshot = stats.snapshot();
        assertEquals(attempts, snapshot.callCount(KEY) + snapshot.failureCount(KEY), "one event per counted attempt");
    }

    /** A request the transport cannot express was never sent: not counted, not reported. */
    @Test
    void aRequestTheTransportRefusesIsNotReported() {
        then(new IllegalArgumentException("OkHttp cannot send a body with GET"));
        List<RequestEvent> events = new ArrayList<>();

        assertThrows(IllegalArgumentException.class,
                () -> executor(sleeps::add, Long.MAX_VALUE, List.of(events::add)).execute(request("GET"), KEY));

        assertEquals(List.of(), events);
        assertEquals(0, stats.snapshot().callCount(KEY) + stats.snapshot().failureCount(KEY));
    }

    /** A call interrupted in its wait ends after an event that announced the retry. */
    @Test
    void aCallInterruptedInItsWaitEndsAfterAnEventThatAnnouncedTheRetry() {
        then(response(503));
        List<RequestEvent> events = new ArrayList<>();

        assertThrows(PdClientException.class, () -> executor(d -> {
            throw new InterruptedException("test interrupt");
        }, Long.MAX_VALUE, List.of(events::add)).execute(request("GET"), KEY));

        assertEquals(1, events.size());
        assertTrue(events.get(0).willRetry());
        assertTrue(Thread.currentThread().isInterrupted());
    }

    /** Thrown by a listener that tests a failing host. */
    static final class ListenerFailure extends RuntimeException {
        ListenerFailure(String message) {
            super(message);
        }
    }

    /** A listener that always throws; a named class, so that the warning's class name is known. */
    static final class ThrowingListener implements RequestListener {
        @Override
        public void onAttempt(RequestEvent event) {
            throw new ListenerFailure("metrics backend down");
        }
    }

    /**
     * Listeners are called in the order they were added; one that throws neither breaks the call nor
     * keeps the others from their events, and is logged once at WARNING, then at DEBUG.
     */
    @Test
    void aListenerThatThrowsDoesNotBreakTheCallNorTheOthers() {
        then(response(503), response(503), response(200));
        List<String> calls = new ArrayList<>();
        RequestListener a = e -> calls.add("a" + e.attempt());
        RequestListener b = e -> calls.add("b" + e.attempt());

        Exchange exchange = executor(sleeps::add, Long.MAX_VALUE, List.of(a, new ThrowingListener(), b))
                .execute(request("GET"), KEY);

        assertEquals(200, exchange.response().status());
        assertEquals(3, exchange.attempts());
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), calls);
        String name = ThrowingListener.class.getName();
        assertEquals(List.of("request listener " + name + " threw on attempt 1 of GET /users; the call goes on"
                + " (later failures of this listener are logged at DEBUG)"), requestLogger.at(Level.WARNING));
        assertEquals(List.of("request listener " + name + " threw on attempt 2 of GET /users; the call goes on",
                "request listener " + name + " threw on attempt 3 of GET /users; the call goes on"),
                requestLogger.at(Level.DEBUG).stream().filter(m -> m.startsWith("request listener")).toList());
        assertEquals(3, requestLogger.thrown.size());
        assertTrue(requestLogger.thrown.stream().allMatch(ListenerFailure.class::isInstance));
    }

    /** Each executor (each client) warns once per listener that fails, not once per JVM. */
    @Test
    void theWarningIsOncePerListenerOfAnExecutor() {
        RequestListener throwing = new ThrowingListener();
        RequestListener alsoThrowing = e -> {
            throw new IllegalStateException("also");
        };
        RequestExecutor executor = executor(sleeps::add, Long.MAX_VALUE, List.of(throwing, alsoThrowing));
        then(response(200), response(200));

        executor.execute(request("GET"), KEY);
        executor.execute(request("GET"), KEY);

        assertEquals(2, requestLogger.at(Level.WARNING).size(), requestLogger.lines::toString);
        assertEquals(2, requestLogger.at(Level.DEBUG).stream().filter(m -> m.startsWith("request listener")).count());
    }

    /** An {@link Error} is not the listener's to swallow: it leaves the call. */
    @Test
    void anErrorFromAListenerIsNotCaught() {
        then(response(200));

        assertThrows(AssertionError.class, () -> executor(sleeps::add, Long.MAX_VALUE, List.of(e -> {
            throw new AssertionError("listener bug");
        })).execute(request("GET"), KEY));
    }

    @Test
    void withoutListenersTheExecutorBuildsNoEvents() {
        then(response(503), response(200));

        assertEquals(2, executor(sleeps::add, Long.MAX_VALUE, List.of()).execute(request("GET"), KEY).attempts());
        assertEquals(List.of(), timeline);
    }

    @Test
    void theUrlAListenerSeesHasNoQueryFragmentOrUserInfo() {
        assertEquals(URI.create("https://api.pagerduty.com/users/P1"),
                RequestExecutor.withoutQuery(URI.create("https://api.pagerduty.com/users/P1?limit=1")));
        assertEquals(URI.create("http://127.0.0.1:8080/a%20b/c"),
                RequestExecutor.withoutQuery(URI.create("http://user:pw@127.0.0.1:8080/a%20b/c?q=x%26y#top")));
        assertEquals(URI.create("http://[::1]:80/x"), RequestExecutor.withoutQuery(URI.create("http://[::1]:80/x#f")));
        URI plain = URI.create("https://api.pagerduty.com/users");
        assertSame(plain, RequestExecutor.withoutQuery(plain));
    }
}
