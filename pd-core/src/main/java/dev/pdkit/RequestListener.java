package dev.pdkit;

/**
 * Observes every HTTP attempt a client makes: register one with
 * {@link ClientBuilder#listener(RequestListener)} to feed metrics, traces or an audit log. Every
 * client (REST, Events, Change Events) calls its listeners after each attempt, the first one and
 * each retry, with a {@link RequestEvent} that says which endpoint was called, how it ended, how
 * long it took and what the retry machine decided next:
 *
 * <pre>{@code
 * Map<String, LongAdder> calls = new ConcurrentHashMap<>();
 * RestApiV2Client client = RestApiV2Client.builder(token)
 *         .listener(e -> calls.computeIfAbsent(e.endpoint(), k -> new LongAdder()).increment())
 *         .build();
 * }</pre>
 *
 * <h2>When and where it is called</h2>
 *
 * <ul>
 *   <li>On the thread that makes the call, after the attempt's outcome is known and the retry
 *       machine has decided, and before the client waits for the next attempt. A slow listener slows
 *       the call: hand expensive work to another thread.
 *   <li>Exactly once for each attempt that the client's {@link ClientStats} counts, answered
 *       ({@link ClientStats#callCounts()}) or failed ({@link ClientStats#failureCounts()}), under the
 *       same endpoint key. A request the transport refuses to express ({@code IllegalArgumentException}) was
 *       never sent and is not reported.
 *   <li>Concurrently from several threads when the client is shared or pages concurrently: an
 *       implementation must be thread-safe.
 *   <li>Several listeners are called in the order they were registered. A listener that throws a
 *       {@link RuntimeException} does not break the call nor stop the other listeners: the client
 *       logs the first failure of each listener at {@code WARNING} on the {@code dev.pdkit.request}
 *       logger (later ones at {@code DEBUG}) and goes on. An {@link Error} is not caught.
 * </ul>
 *
 * <p>Events carry no headers and no query string, so no credential reaches a listener.
 *
 * <h2>Why one method, and no "call finished" callback</h2>
 *
 * <p>This is a functional interface on purpose, so that a lambda or a method reference is all a host
 * writes. A second (default) method for the end of a whole call was considered and left out:
 * <ul>
 *   <li>The end of a call is already in the attempts: the last event of a call is the one whose
 *       {@link RequestEvent#willRetry()} is {@code false}, and its {@link RequestEvent#attempt()} is
 *       the number of attempts the call took. Counting calls is counting those events.
 *   <li>The caller has the whole call's outcome in hand anyway: {@link Response#elapsed()} and
 *       {@link Response#attempts()}, or the exception.
 *   <li>"A call" is not one thing a listener could agree on: {@code listAll} makes one request per
 *       page, concurrent pagination interleaves them, and an Events API {@code sendAsync} finishes
 *       on another thread. An attempt is the one unit that is unambiguous, and it is what
 *       {@link ClientStats} counts too, so both views agree.
 * </ul>
 * <p>One case has no final event: a call interrupted while it waits for its next attempt ends
 * after an event that said {@code willRetry() == true}; the caller gets a
 * {@link PdClientException} with the thread's interrupt flag set.
 */
@FunctionalInterface
public interface RequestListener {

    /**
     * Called after each attempt, on the calling thread. It should return quickly and must not
     * block; it may be called concurrently.
     *
     * @param event what happened; never {@code null}
     */
    void onAttempt(RequestEvent event);
}
