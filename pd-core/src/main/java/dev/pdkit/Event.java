package dev.pdkit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An Events API v2 event: a trigger, an acknowledge or a resolve. Immutable; built with
 * {@link #trigger(String, String)}, {@link #acknowledge(String)} or {@link #resolve(String)}, and
 * sent with {@link EventsApiV2Client#send(Event)}.
 *
 * <p>Everything PagerDuty checks is checked when the event is built, so nothing invalid is sent:
 * a summary of at most 1024 characters, a dedup key of at most 255, a known severity, and a dedup
 * key for acknowledge and resolve. A failure is an {@link IllegalArgumentException} that names the
 * field.
 *
 * <pre>{@code
 * Event event = Event.trigger("Disk full on db-1", "db-1.example.com")
 *         .severity("warning")
 *         .component("postgres")
 *         .customDetails(Map.of("free_bytes", 0))
 *         .link("https://runbooks.example.com/disk", "Runbook")
 *         .build();
 * }</pre>
 */
public final class Event {

    /** The longest summary PagerDuty accepts. */
    public static final int MAX_SUMMARY_LENGTH = 1024;
    /** The longest dedup key PagerDuty accepts. */
    public static final int MAX_DEDUP_KEY_LENGTH = 255;
    /** The severities PagerDuty accepts. */
    public static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    /** The event actions PagerDuty accepts. */
    public static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");

    private final String action;
    private final String dedupKey;
    private final Map<String, Object> payload;
    private final List<Map<String, Object>> images;
    private final List<Map<String, Object>> links;
    private final String client;
    private final String clientUrl;

    private Event(Builder b) {
        this.action = b.action;
        this.dedupKey = b.dedupKey;
        this.payload = b.action.equals("trigger") ? b.payload() : null;
        this.images = List.copyOf(b.images);
        this.links = List.copyOf(b.links);
        this.client = b.client;
        this.clientUrl = b.clientUrl;
    }

    /** Starts a trigger event; the severity defaults to {@code critical}. */
    public static Builder trigger(String summary, String source) {
        return new Builder("trigger").summary(summary).source(source);
    }

    /** An acknowledge event for the alert with this dedup key. */
    public static Event acknowledge(String dedupKey) {
        return new Builder("acknowledge").dedupKey(required(dedupKey, "acknowledge")).build();
    }

    /** A resolve event for the alert with this dedup key. */
    public static Event resolve(String dedupKey) {
        return new Builder("resolve").dedupKey(required(dedupKey, "resolve")).build();
    }

    /**
     * Starts an event of any action, for full control.
     *
     * @throws IllegalArgumentException for an action other than trigger, acknowledge or resolve
     */
    public static Builder of(String action) {
        return new Builder(action);
    }

    private static String required(String dedupKey, String action) {
        if (dedupKey == null || dedupKey.isEmpty()) {
            throw new IllegalArgumentException("dedup_key is required for event_action=" + action + " events");
        }
        return dedupKey;
    }

    /** The event action: trigger, acknowledge or resolve. */
    public String action() {
        return action;
    }

    /** The dedup key, or {@code null} for a trigger that lets PagerDuty assign one. */
    public String dedupKey() {
        return dedupKey;
    }

    /** The payload of a trigger (an unmodifiable copy); {@code null} for acknowledge and resolve. */
    public Map<String, Object> payload() {
        return payload;
    }

    /**
     * The event as the Events API body, without the routing key: {@code event_action},
     * {@code dedup_key}, {@code payload}, {@code images}, {@code links}, {@code client},
     * {@code client_url}, each only when set.
     */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", action);
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        if (payload != null) {
            body.put("payload", payload);
        }
        if (!images.isEmpty()) {
            body.put("images", images);
        }
        if (!links.isEmpty()) {
            body.put("links", links);
        }
        if (client != null) {
            body.put("client", client);
        }
        if (clientUrl != null) {
            body.put("client_url", clientUrl);
        }
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && e.toBody().equals(toBody());
    }

    @Override
    public int hashCode() {
        return toBody().hashCode();
    }

    @Override
    public String toString() {
        return "Event" + toBody();
    }

    /** A link of an alert or change event: its {@code href} and, when given, its {@code text}. */
    static Map<String, Object> linkOf(String href, String text) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", Objects.requireNonNull(href, "href"));
        if (text != null) {
            link.put("text", text);
        }
        return link;
    }

    /** Builds an {@link Event}. Not thread-safe. */
    public static final class Builder {
        private final String action;
        private String dedupKey;
        private String summary;
        private String source;
        private String severity = "critical";
        private String timestamp;
        private String component;
        private String group;
        private String eventClass;
        private final Map<String, Object> customDetails = new LinkedHashMap<>();
        private final Map<String, Object> extraPayload = new LinkedHashMap<>();
        private final List<Map<String, Object>> images = new ArrayList<>();
        private final List<Map<String, Object>> links = new ArrayList<>();
        private String client;
        private String clientUrl;

        private Builder(String action) {
            if (action == null || !ACTIONS.contains(action)) {
                throw new IllegalArgumentException("event_action must be one of trigger, acknowledge, resolve; got "
                        + (action == null ? "null" : "'" + action + "'"));
            }
            this.action = action;
        }

        /** The alert's summary, at most 1024 characters; required for a trigger. */
        public Builder summary(String summary) {
            if (summary != null && summary.length() > MAX_SUMMARY_LENGTH) {
                throw new IllegalArgumentException("payload.summary is " + summary.length()
                        + " characters long; the Events API accepts at most " + MAX_SUMMARY_LENGTH);
            }
            this.summary = summary;
            return this;
        }

        /** Where the problem is (a host name, a service); required for a trigger. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** The dedup key, at most 255 characters; {@code null} lets PagerDuty assign one to a trigger. */
        public Builder dedupKey(String dedupKey) {
            if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY_LENGTH) {
                throw new IllegalArgumentException("dedup_key is " + dedupKey.length()
                        + " characters long; the Events API accepts at most " + MAX_DEDUP_KEY_LENGTH);
            }
            this.dedupKey = dedupKey;
            return this;
        }

        /** One of critical (the default), error, warning, info. */
        public Builder severity(String severity) {
            if (severity == null || !SEVERITIES.contains(severity)) {
                throw new IllegalArgumentException("payload.severity must be one of critical, error, warning, info; got "
                        + (severity == null ? "null" : "'" + severity + "'"));
            }
            this.severity = severity;
            return this;
        }

        /** When the problem was detected; PagerDuty uses the time it received the event if unset. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp").toString();
            return this;
        }

        /** When the problem was detected, with its offset. */
        public Builder timestamp(OffsetDateTime timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp").toString();
            return this;
        }

        /** The part of the source that is broken, e.g. {@code postgres}. */
        public Builder component(String component) {
            this.component = component;
            return this;
        }

        /** A logical grouping of components, e.g. {@code prod-datapipe}. */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /** The class or type of the event, e.g. {@code disk}; sent as {@code payload.class}. */
        public Builder eventClass(String eventClass) {
            this.eventClass = eventClass;
            return this;
        }

        /** Adds free-form details; later keys replace earlier ones. The map is copied. */
        public Builder customDetails(Map<String, ?> details) {
            customDetails.putAll(Objects.requireNonNull(details, "customDetails"));
            return this;
        }

        /**
         * Adds fields to the payload, merged over the defaults (pdpyras #17: merging, not
         * replacing): a {@code summary}, {@code source} or {@code severity} here wins, and a
         * {@code custom_details} map is merged with {@link #customDetails}, whose keys win. The
         * map is copied and never modified.
         */
        public Builder payload(Map<String, ?> fields) {
            extraPayload.putAll(Objects.requireNonNull(fields, "payload"));
            return this;
        }

        /** Adds an image, e.g. {@code Map.of("src", "https://.../graph.png", "href", ..., "alt", ...)}. */
        public Builder image(Map<String, ?> image) {
            images.add(Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(image, "image"))));
            return this;
        }

        /** Adds an image with its source URL, a link (or null) and alt text (or null). */
        public Builder image(String src, String href, String alt) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("src", Objects.requireNonNull(src, "src"));
            if (href != null) {
                image.put("href", href);
            }
            if (alt != null) {
                image.put("alt", alt);
            }
            return image(image);
        }

        /** Adds a link, e.g. {@code Map.of("href", "https://...", "text", "Runbook")}. */
        public Builder link(Map<String, ?> link) {
            links.add(Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(link, "link"))));
            return this;
        }

        /** Adds a link with its text (or null). */
        public Builder link(String href, String text) {
            return link(linkOf(href, text));
        }

        /** The name of the monitoring client that sends the event. */
        public Builder client(String client) {
            this.client = client;
            return this;
        }

        /** A URL of the monitoring client, linked from PagerDuty. */
        public Builder clientUrl(String clientUrl) {
            this.clientUrl = clientUrl;
            return this;
        }

        /**
         * Returns the event.
         *
         * @throws IllegalArgumentException if a trigger lacks a summary or source, or an
         *     acknowledge or resolve lacks a dedup key
         */
        public Event build() {
            if (action.equals("trigger")) {
                Map<String, Object> p = payload();
                if (!(p.get("summary") instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException("payload.summary is required for a trigger event");
                }
                if (s.length() > MAX_SUMMARY_LENGTH) {
                    summary(s);
                }
                if (!(p.get("source") instanceof String src) || src.isBlank()) {
                    throw new IllegalArgumentException("payload.source is required for a trigger event");
                }
                if (!(p.get("severity") instanceof String sev) || !SEVERITIES.contains(sev)) {
                    severity(String.valueOf(p.get("severity")));
                }
            } else {
                required(dedupKey, action);
            }
            return new Event(this);
        }

        private Map<String, Object> payload() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("summary", summary);
            p.put("source", source);
            p.put("severity", severity);
            if (timestamp != null) {
                p.put("timestamp", timestamp);
            }
            if (component != null) {
                p.put("component", component);
            }
            if (group != null) {
                p.put("group", group);
            }
            if (eventClass != null) {
                p.put("class", eventClass);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            Object given = extraPayload.get("custom_details");
            if (given instanceof Map<?, ?> map) {
                map.forEach((k, v) -> details.put(String.valueOf(k), v));
            } else if (given != null && customDetails.isEmpty()) {
                p.put("custom_details", given);
            } else if (given != null) {
                throw new IllegalArgumentException("payload.custom_details is not an object, so customDetails cannot"
                        + " be merged into it");
            }
            extraPayload.forEach((k, v) -> {
                if (!k.equals("custom_details")) {
                    p.put(k, v);
                }
            });
            details.putAll(customDetails);
            if (!details.isEmpty()) {
                p.put("custom_details", Collections.unmodifiableMap(details));
            }
            return Collections.unmodifiableMap(p);
        }
    }
}
