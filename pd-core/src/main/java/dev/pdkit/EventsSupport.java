package dev.pdkit;

import dev.pdkit.internal.redact.Secrets;
import dev.pdkit.spi.Headers;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the Events API v2 clients share: posting a body with the routing key in it, the size limit,
 * the reply, and change events. The routing key travels in the body, never in a header.
 */
final class EventsSupport {

    /** The largest body the Events API accepts. */
    static final int MAX_BODY_BYTES = 512 * 1024;
    /** The most links a change event may carry. */
    static final int MAX_CHANGE_LINKS = 50;

    private final ClientCore core;
    private final String routingKey;

    EventsSupport(ClientCore core, String routingKey) {
        this.core = core;
        this.routingKey = routingKey;
    }

    static Headers fixedHeaders() {
        return Headers.of("Accept", "application/json");
    }

    static String checkRoutingKey(String routingKey) {
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("routing_key must be a non-empty string: the integration key of an"
                    + " Events API v2 integration");
        }
        return ClientBuilder.checkCredential(routingKey, "routing_key");
    }

    /**
     * Posts {@code body} (with the routing key put first) to {@code path}, requires a 2xx and
     * returns the response.
     *
     * @param repeatable whether a resend after a failure that may have reached the server is safe
     */
    Response post(String path, Map<String, ?> body, boolean repeatable, String context) {
        Map<String, Object> withKey = new LinkedHashMap<>();
        withKey.put("routing_key", routingKey);
        body.forEach((k, v) -> {
            if (!k.equals("routing_key")) {
                withKey.put(k, v);
            }
        });
        byte[] bytes = core.encode(withKey);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the event body is " + bytes.length + " bytes; the Events API accepts"
                    + " at most " + MAX_BODY_BYTES + " (512 KB): trim custom_details");
        }
        URI uri = core.baseUrl.resolve(path);
        Headers headers = core.defaultHeaders.with("Content-Type", "application/json");
        Response response = core.send("POST", uri, headers, bytes, "POST " + path, Secrets.redact(routingKey),
                repeatable, core.timeout);
        return ClientCore.requireSuccess(response, context);
    }

    /** Sends an alert event and returns the dedup key of the reply. */
    String send(Event event) {
        Objects.requireNonNull(event, "event");
        // A trigger without a dedup key is not safe to resend once it may have arrived: PagerDuty
        // would open a second incident. Every other event is deduplicated by its key.
        return send(event.toBody(), event.action(), event.dedupKey() != null);
    }

    /** Sends an alert event body and returns the dedup key of the reply. */
    String send(Map<String, ?> body, String action, boolean repeatable) {
        Response response = post("/v2/enqueue", body, repeatable, "submitting an event to the Events API");
        Object reply = response.json();
        if (reply instanceof Map<?, ?> map && map.get("dedup_key") instanceof String key) {
            return key;
        }
        throw new PdServerException(ClientCore.describe(response) + ": malformed response from the Events API: no"
                + " \"dedup_key\" in the reply to a " + action + " event ("
                + (reply == null ? "empty body" : "body " + response.excerpt()) + ")", response);
    }

    /** Sends a change event. */
    void submit(String summary, String source, ChangeEvent options) {
        Map<String, Object> customDetails = options.customDetails();
        List<Map<String, Object>> links = options.links();
        Instant timestamp = options.timestamp();
        Map<String, Object> payload = new LinkedHashMap<>();
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("payload.summary is required for a change event");
        }
        if (summary.length() > Event.MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException("payload.summary is " + summary.length()
                    + " characters long; the Events API accepts at most " + Event.MAX_SUMMARY_LENGTH);
        }
        payload.put("summary", summary);
        payload.put("timestamp", (timestamp != null ? timestamp : core.clock.instant()).toString());
        if (source != null) {
            payload.put("source", source);
        }
        if (!customDetails.isEmpty()) {
            payload.put("custom_details", new LinkedHashMap<>(customDetails));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payload", payload);
        if (!links.isEmpty()) {
            if (links.size() > MAX_CHANGE_LINKS) {
                throw new IllegalArgumentException("links has " + links.size() + " items; a change event may carry"
                        + " at most " + MAX_CHANGE_LINKS);
            }
            body.put("links", links);
        }
        sendChangeEvent(body);
    }

    /** Sends a change event body as given (the routing key is added). */
    void sendChangeEvent(Map<String, ?> body) {
        Objects.requireNonNull(body, "body");
        post("/v2/change/enqueue", body, true, "submitting a change event");
    }
}
