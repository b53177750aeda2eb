package dev.pdkit;

import dev.pdkit.internal.http.KeyedDispatcher;
import dev.pdkit.internal.http.WorkerPool;
import dev.pdkit.internal.redact.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A client of the Events API v2, after pdpyras' {@code EventsAPISession}: triggers, acknowledges
 * and resolves alerts on the service whose integration key is the routing key, and sends change
 * events.
 *
 * <pre>{@code
 * try (EventsApiV2Client events = EventsApiV2Client.create(routingKey)) {
 *     String dedupKey = events.trigger("Disk full on db-1", "db-1.example.com",
 *             e -> e.severity("warning").customDetails(Map.of("free_bytes", 0)));
 *     events.acknowledge(dedupKey);
 *     events.resolve(dedupKey);
 * }
 * }</pre>
 *
 * <p>No {@code Authorization} header is sent: the routing key travels in each body. Responses of
 * 500, 502, 503 and 504 are retried (2, 4, 6 and 6 times, per PagerDuty's Events API guidance), as
 * are 429s and network failures. Every method validates before sending and raises
 * {@link IllegalArgumentException} naming the offending field; a 400 raises
 * {@link PdHttpException} with PagerDuty's {@code errors}. The routing key shows as {@code *} and
 * its last four characters in logs, messages and {@code toString()}.
 *
 * <p>Immutable once built and safe to share between threads.
 */
public final class EventsApiV2Client implements AutoCloseable {

    private final ClientCore core;
    private final EventsSupport events;
    private final String routingKey;
    private final WorkerPool senders;
    private final KeyedDispatcher dispatcher;

    private EventsApiV2Client(Builder b) {
        this.routingKey = b.routingKey;
        this.core = new ClientCore(b, b.region.eventsUrl(), EventsSupport.fixedHeaders(), true, routingKey);
        this.events = new EventsSupport(core, routingKey);
        this.senders = new WorkerPool("events", b.maxConcurrentSends, b.threadFactory);
        this.dispatcher = new KeyedDispatcher(senders);
    }

    /** A client with every default (US region). */
    public static EventsApiV2Client create(String routingKey) {
        return builder(routingKey).build();
    }

    /** A builder for a client that sends with {@code routingKey}. */
    public static Builder builder(String routingKey) {
        return new Builder(routingKey);
    }

    /**
     * Triggers an alert with severity {@code critical} and returns the dedup key PagerDuty
     * assigned.
     */
    public String trigger(String summary, String source) {
        return send(Event.trigger(summary, source).build());
    }

    /**
     * Triggers an alert configured by {@code options} (dedup key, severity, timestamp, component,
     * group, class, custom details, images, links, client, extra payload fields) and returns the
     * dedup key.
     */
    public String trigger(String summary, String source, Consumer<Event.Builder> options) {
        Event.Builder builder = Event.trigger(summary, source);
        Objects.requireNonNull(options, "options").accept(builder);
        return send(builder.build());
    }

    /** Acknowledges the alert with this dedup key; returns the dedup key. */
    public String acknowledge(String dedupKey) {
        return send(Event.acknowledge(dedupKey));
    }

    /** Resolves the alert with this dedup key; returns the dedup key. */
    public String resolve(String dedupKey) {
        return send(Event.resolve(dedupKey));
    }

    /** Sends an event as built, and returns the dedup key of PagerDuty's reply. */
    public String send(Event event) {
        return events.send(event);
    }

    /**
     * Sends an event in the background, with up to {@linkplain Builder#maxConcurrentSends
     * maxConcurrentSends} events in flight, and returns at once. Events with the same dedup key
     * are sent one after another in the order of the calls (each waits until the previous one was
     * answered, successfully or not), so an acknowledge or resolve never overtakes its trigger;
     * events with different keys, or triggers without one, go out concurrently. Retries and
     * validation are those of {@link #send(Event)}.
     *
     * <pre>{@code
     * List<CompletableFuture<String>> sent = alerts.stream().map(events::sendAsync).toList();
     * sent.forEach(CompletableFuture::join);   // throws CompletionException if one failed
     * }</pre>
     *
     * <p>Every event counts against the Events API's rate limit (about 120 events per minute per
     * routing key): 429s are waited out and retried like any other. Closing the client fails the
     * events not yet sent with {@link PdClientException}.
     *
     * @return completes with the dedup key of PagerDuty's reply, or exceptionally with the
     *     exception {@link #send(Event)} would have thrown
     * @throws NullPointerException if {@code event} is null
     */
    public CompletableFuture<String> sendAsync(Event event) {
        Objects.requireNonNull(event, "event");
        return dispatcher.submit(event.dedupKey(), () -> events.send(event));
    }

    /**
     * Sends an event with full control, as pdpyras' {@code send_event}: {@code properties} are the
     * top-level fields of the body ({@code payload}, {@code images}, {@code links}, {@code client},
     * ...), sent as given apart from {@code event_action}, {@code dedup_key} and {@code routing_key},
     * which this method sets. The caller's map is not modified.
     *
     * @param action trigger, acknowledge or resolve
     * @param dedupKey the dedup key; required for acknowledge and resolve, optional for trigger
     * @return the dedup key of PagerDuty's reply
     */
    public String sendEvent(String action, String dedupKey, Map<String, ?> properties) {
        Event.of(action).dedupKey(dedupKey); // validates the action and the key's length
        if (!action.equals("trigger") && (dedupKey == null || dedupKey.isEmpty())) {
            throw new IllegalArgumentException("dedup_key is required for event_action=" + action + " events");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", action);
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (!k.equals("event_action") && !k.equals("dedup_key") && !k.equals("routing_key")) {
                    body.put(k, v);
                }
            });
        }
        return events.send(body, action, dedupKey != null);
    }

    /** Sends a change event with a summary and a source; the timestamp is now, in UTC. */
    public void submit(String summary, String source) {
        events.submit(summary, source, ChangeEvent.none());
    }

    /**
     * Sends a change event with the optional parts set by {@code options}:
     * {@code submit("Deployed v2.3.1", "ci", e -> e.customDetail("commit", "4f2a9c1").link(buildUrl, "Build 231"))}.
     *
     * @param summary required, at most 1024 characters
     * @param source where the change happened, or {@code null}
     * @param options sets the custom details, links (at most 50) and timestamp (default: now, in UTC)
     * @throws IllegalArgumentException for a missing or too long summary, or more than 50 links
     */
    public void submit(String summary, String source, Consumer<ChangeEvent.Builder> options) {
        events.submit(summary, source, ChangeEvent.of(options));
    }

    /** Sends a change event body as given ({@code payload}, {@code links}); the routing key is added. */
    public void sendChangeEvent(Map<String, ?> body) {
        events.sendChangeEvent(body);
    }

    /** A snapshot of the requests made so far. */
    public ClientStats stats() {
        return core.stats.snapshot();
    }

    /** The base URL events are sent to. */
    public String baseUrl() {
        return core.baseUrl.asString();
    }

    /**
     * Releases the transport if this client created it; events queued by {@link #sendAsync}
     * and not yet sent fail, those on the wire are interrupted.
     */
    @Override
    public void close() {
        senders.close();
        core.close();
    }

    @Override
    public String toString() {
        return "EventsApiV2Client{baseUrl=" + core.baseUrl + ", routingKey=" + Secrets.redact(routingKey)
                + ", transport=" + core.transport().name() + "}";
    }

    /** Builds an {@link EventsApiV2Client}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String routingKey;
        private int maxConcurrentSends = 4;

        private Builder(String routingKey) {
            super(RetryOptions.eventsDefaults());
            this.routingKey = EventsSupport.checkRoutingKey(routingKey);
        }

        /**
         * The most events {@link EventsApiV2Client#sendAsync} has in flight at once (default 4);
         * more wait in a queue. The threads are started when first needed.
         *
         * @throws IllegalArgumentException unless 1 &lt;= {@code maxConcurrentSends} &lt;= 64
         */
        public Builder maxConcurrentSends(int maxConcurrentSends) {
            if (maxConcurrentSends < 1 || maxConcurrentSends > 64) {
                throw new IllegalArgumentException("maxConcurrentSends must be between 1 and 64: " + maxConcurrentSends);
            }
            this.maxConcurrentSends = maxConcurrentSends;
            return this;
        }

        /** Builds the client. */
        public EventsApiV2Client build() {
            return new EventsApiV2Client(this);
        }

        @Override
        public String toString() {
            return "EventsApiV2Client.Builder{routingKey=" + Secrets.redact(routingKey) + "}";
        }
    }
}
