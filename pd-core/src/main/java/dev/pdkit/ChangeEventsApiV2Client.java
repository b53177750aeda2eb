package dev.pdkit;

import dev.pdkit.internal.redact.Secrets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A client of the Events API v2 change events, after pdpyras' {@code ChangeEventsAPISession}.
 * Change events record deploys and configuration changes next to a service's incidents; they never
 * open incidents. The same calls exist on {@link EventsApiV2Client}.
 *
 * <p>Responses of 500, 502 and 503 are retried (2, 4 and 6 times), as are 429s and network
 * failures. Immutable once built and safe to share between threads.
 */
public final class ChangeEventsApiV2Client implements AutoCloseable {

    private final ClientCore core;
    private final EventsSupport events;
    private final String routingKey;

    private ChangeEventsApiV2Client(Builder b) {
        this.routingKey = b.routingKey;
        this.core = new ClientCore(b, b.region.eventsUrl(), EventsSupport.fixedHeaders(), true, routingKey);
        this.events = new EventsSupport(core, routingKey);
    }

    /** A client with every default (US region). */
    public static ChangeEventsApiV2Client create(String routingKey) {
        return builder(routingKey).build();
    }

    /** A builder for a client that sends with {@code routingKey}. */
    public static Builder builder(String routingKey) {
        return new Builder(routingKey);
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

    /** The base URL change events are sent to. */
    public String baseUrl() {
        return core.baseUrl.asString();
    }

    /** Releases the transport if this client created it. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "ChangeEventsApiV2Client{baseUrl=" + core.baseUrl + ", routingKey=" + Secrets.redact(routingKey)
                + ", transport=" + core.transport().name() + "}";
    }

    /** Builds a {@link ChangeEventsApiV2Client}. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String routingKey;

        private Builder(String routingKey) {
            super(RetryOptions.changeEventsDefaults());
            this.routingKey = EventsSupport.checkRoutingKey(routingKey);
        }

        /** Builds the client. */
        public ChangeEventsApiV2Client build() {
            return new ChangeEventsApiV2Client(this);
        }

        @Override
        public String toString() {
            return "ChangeEventsApiV2Client.Builder{routingKey=" + Secrets.redact(routingKey) + "}";
        }
    }
}
