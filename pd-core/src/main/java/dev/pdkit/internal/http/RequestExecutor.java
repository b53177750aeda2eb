package dev.pdkit.internal.http;

import dev.pdkit.PdClientException;
import dev.pdkit.RequestEvent;
import dev.pdkit.RequestListener;
import dev.pdkit.internal.retry.Decision;
import dev.pdkit.internal.retry.Decision.Retry;
import dev.pdkit.internal.retry.Decision.Stop;
import dev.pdkit.internal.retry.Outcome;
import dev.pdkit.internal.retry.RetryPolicy;
import dev.pdkit.internal.retry.RetryState;
import dev.pdkit.internal.retry.Throttle;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.Sleeper;
import dev.pdkit.spi.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The only loop in pdkit that sends, classifies and sleeps. Each call sends a request, asks the
 * pure {@link RetryPolicy} what follows, waits if told to, and sends again; it returns the last
 * response or throws for failures no response can describe (network, interrupt).
 *
 * <p>After each attempt it tells the client's {@link RequestListener}s, on the calling thread,
 * once the retry decision is made and before any wait.
 *
 * <p>Thread-safe: all per-call state lives on the stack.
 */
public final class RequestExecutor {

    private final Transport transport;
    private final RetryPolicy policy;
    private final Throttle throttle;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final CallStats stats;
    private final ClientLog requestLog;
    private final ClientLog retryLog;
    private final long maxResponseBytes;
    private final List<Observer> listeners;

    public RequestExecutor(Transport transport, RetryPolicy policy, Throttle throttle, Sleeper sleeper, Clock clock,
            RandomGenerator random, CallStats stats, ClientLog log, long maxResponseBytes) {
        this(transport, policy, throttle, sleeper, clock, random, stats, log, maxResponseBytes, List.of());
    }

    /** @param listeners told of every attempt, in this order */
    public RequestExecutor(Transport transport, RetryPolicy policy, Throttle throttle, Sleeper sleeper, Clock clock,
            RandomGenerator random, CallStats stats, ClientLog log, long maxResponseBytes,
            List<RequestListener> listeners) {
        this.transport = transport;
        this.policy = policy;
        this.throttle = throttle;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.stats = stats;
        this.requestLog = log.requests();
        this.retryLog = log.retries();
        this.maxResponseBytes = maxResponseBytes;
        this.listeners = listeners.stream().map(Observer::new).toList();
    }

    public Transport transport() {
        return transport;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * Sends {@code request} until the policy stops.
     *
     * @param statsKey the endpoint key to count the requests under, e.g. {@code GET /users/{id}}
     * @throws PdClientException when network failures outlast the retries, a failure is not safe to
     *     retry, or the thread is interrupted (its interrupt flag is then set again)
     */
    public Exchange execute(HttpRequest request, String statsKey) {
        return execute(request, statsKey, policy.safeToRepeat(request.method()));
    }

    /**
     * Sends {@code request} until the policy stops; {@code repeatable} says whether the request may
     * be sent again after a failure that may have reached the server.
     *
     * @throws IllegalArgumentException if the transport cannot express the request (e.g. a body on
     *     a {@code GET} for OkHttp)
     */
    public Exchange execute(HttpRequest request, String statsKey, boolean repeatable) {
        String endpoint = request.method() + " " + request.uri();
        URI observedUrl = listeners.isEmpty() ? null : withoutQuery(request.uri());
        long start = System.nanoTime();
        RetryState state = policy.start();
        List<IOException> failures = new ArrayList<>();
        int attempts = 0;
        while (true) {
            pause(throttle.delayBeforeSend(), endpoint, failures);
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(endpoint, null, failures);
            }
            attempts++;
            long sent = System.nanoTime();
            long took;
            HttpResponse response = null;
            IOException networkFailure = null;
            Outcome outcome;
            try {
                response = transport.send(request);
                took = System.nanoTime() - sent;
                stats.record(statsKey, took);
                throttle.observe(response.headers());
                outcome = new Outcome.Answered(response.status(), response.headers());
                HttpResponse r = response;
                long millis = took / 1_000_000;
                requestLog.debug(() -> "Request completed: " + endpoint + " -> " + r.status() + ", x-request-id="
                        + r.headers().first("X-Request-Id").orElse("(missing header)") + ", "
                        + millis + " ms");
            } catch (IOException e) {
                took = System.nanoTime() - sent;
                stats.recordFailure(statsKey, took);
                // The flag, not the exception's type, says whether this thread was interrupted: a
                // timeout may come as an InterruptedIOException too (SocketTimeoutException is one).
                if (Thread.currentThread().isInterrupted()) {
                    observe(statsKey, request, observedUrl, attempts, null, e, took, null);
                    throw interrupted(endpoint, e, failures);
                }
                if (e instanceof ResponseTooLargeException) {
                    observe(statsKey, request, observedUrl, attempts, null, e, took, null);
                    throw tooLarge(endpoint, e, failures);
                }
                networkFailure = e;
                failures.add(e);
                outcome = new Outcome.NetworkFailure(e, e instanceof ConnectException);
            } catch (IllegalArgumentException e) {
                // The transport cannot express this request (the Transport port allows this one).
                throw e;
            } catch (Exception e) {
                // The transport broke the port's rules: only pdkit's exceptions leave a client.
                took = System.nanoTime() - sent;
                stats.recordFailure(statsKey, took);
                observe(statsKey, request, observedUrl, attempts, null, e, took, null);
                if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    throw interrupted(endpoint, e, failures);
                }
                PdClientException failure = new PdClientException(endpoint + ": the " + transport.name()
                        + " transport failed: " + e, e);
                failures.forEach(failure::addSuppressed);
                throw failure;
            }
            if (response != null && response.bodyLength() > maxResponseBytes) {
                observe(statsKey, request, observedUrl, attempts, response, null, took, null);
                throw tooLarge(endpoint, new ResponseTooLargeException(maxResponseBytes, endpoint), failures);
            }
            Decision decision = policy.decide(state, request.method(), repeatable, outcome, random::nextDouble,
                    clock.instant());
            if (decision instanceof Retry retry) {
                logRetry(endpoint, outcome, retry);
                observe(statsKey, request, observedUrl, attempts, response, networkFailure, took, retry.delay());
                pause(retry.delay(), endpoint, failures);
                state = retry.next();
                continue;
            }
            Stop stop = (Stop) decision;
            observe(statsKey, request, observedUrl, attempts, response, networkFailure, took, null);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            switch (stop.reason()) {
                case ANSWERED:
                case UNAUTHORIZED:
                    return new Exchange(request, response, attempts, elapsed, stop.reason());
                case NOT_SAFE_TO_REPEAT: {
                    int status = response.status();
                    retryLog.warning(() -> endpoint + ": HTTP error (" + status + ") not retried: the server may have"
                            + " acted on the " + request.method() + ", and sending it again could do it twice"
                            + " (retryNonIdempotent(true) allows it)");
                    return new Exchange(request, response, attempts, elapsed, stop.reason());
                }
                case HTTP_ATTEMPTS_EXHAUSTED: {
                    int n = attempts;
                    int status = response.status();
                    retryLog.error(() -> endpoint + ": non-transient HTTP error: status " + status + " persisted after "
                            + n + " requests; giving up");
                    return new Exchange(request, response, attempts, elapsed, stop.reason());
                }
                case NETWORK_ATTEMPTS_EXHAUSTED:
                    throw networkFailure(endpoint + ": non-transient network error; " + attempts
                            + " attempts failed (maxNetworkAttempts=" + policy.settings().maxNetworkAttempts() + ")",
                            failures);
                case NOT_RETRYABLE:
                default:
                    throw networkFailure(endpoint + ": network error after the request may have reached the server;"
                            + " not retried because " + request.method() + " is not idempotent"
                            + " (retryNonIdempotent(true) allows it)", failures);
            }
        }
    }

    private static PdClientException tooLarge(String endpoint, Exception cause, List<IOException> failures) {
        PdClientException e = new PdClientException(endpoint + ": " + cause.getMessage(), cause);
        failures.forEach(e::addSuppressed);
        return e;
    }

    private void pause(Duration delay, String endpoint, List<IOException> failures) {
        if (delay.compareTo(Duration.ZERO) <= 0) {
            return;
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(endpoint, e, failures);
        }
    }

    private static PdClientException interrupted(String endpoint, Exception cause, List<IOException> failures) {
        Thread.currentThread().interrupt();
        PdClientException e = new PdClientException(endpoint + ": interrupted (the thread's interrupt flag is set)",
                cause);
        failures.forEach(e::addSuppressed);
        return e;
    }

    private static PdClientException networkFailure(String message, List<IOException> failures) {
        IOException last = failures.get(failures.size() - 1);
        PdClientException e = new PdClientException(message + ": " + last, last);
        for (int i = 0; i < failures.size() - 1; i++) {
            e.addSuppressed(failures.get(i));
        }
        return e;
    }

    private void logRetry(String endpoint, Outcome outcome, Retry retry) {
        double seconds = retry.delay().toMillis() / 1000.0;
        if (outcome instanceof Outcome.NetworkFailure f) {
            retryLog.warning(() -> endpoint + ": network error (" + f.failure().getClass().getSimpleName() + ": "
                    + f.failure().getMessage() + "); retrying in " + seconds + " s");
        } else if (retry.rateLimited()) {
            retryLog.debug(() -> endpoint + ": hit the API rate limit (status 429); retrying in " + seconds + " s"
                    + (retry.hinted() ? " as the server asked" : ""));
        } else {
            int status = ((Outcome.Answered) outcome).status();
            retryLog.warning(() -> endpoint + ": HTTP error (" + status + "); retrying in " + seconds + " s");
        }
    }

    /**
     * Tells the listeners of one attempt: answered with {@code response}, or ended by {@code failure}.
     *
     * @param retryDelay the wait before the next attempt, or {@code null} when none follows
     */
    private void observe(String statsKey, HttpRequest request, URI url, int attempt, HttpResponse response,
            Exception failure, long tookNanos, Duration retryDelay) {
        if (listeners.isEmpty()) {
            return;
        }
        boolean again = retryDelay != null;
        RequestEvent event = new RequestEvent(statsKey, request.method(), url, attempt,
                failure == null ? OptionalInt.of(response.status()) : OptionalInt.empty(), Optional.ofNullable(failure),
                Duration.ofNanos(Math.max(0, tookNanos)),
                again && !retryDelay.isNegative() ? retryDelay : Duration.ZERO, again);
        for (Observer observer : listeners) {
            observer.tell(event);
        }
    }

    /** {@code uri} without its query string, fragment and user info: what a listener may see. */
    static URI withoutQuery(URI uri) {
        if (uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
            return uri;
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(uri.getScheme() + "://" + authority + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /** A listener, and whether its first failure was logged already (later ones go to DEBUG). */
    private final class Observer {

        private final RequestListener listener;
        private final AtomicBoolean warned = new AtomicBoolean();

        Observer(RequestListener listener) {
            this.listener = listener;
        }

        void tell(RequestEvent event) {
            try {
                listener.onAttempt(event);
            } catch (RuntimeException e) {
                boolean first = warned.compareAndSet(false, true);
                requestLog.log(first ? Level.WARNING : Level.DEBUG, () -> "request listener "
                        + listener.getClass().getName() + " threw on attempt " + event.attempt() + " of "
                        + event.endpoint() + "; the call goes on"
                        + (first ? " (later failures of this listener are logged at DEBUG)" : ""), e);
            }
        }
    }
}
