package dev.pdkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optional parts of a change event: custom details, links and the time of the change. Set
 * inside {@code submit}, in the style of {@link Event.Builder}:
 *
 * <pre>{@code
 * changeEvents.submit("Deployed checkout v2.3.1", "ci.example.com", e -> e
 *         .customDetail("commit", "4f2a9c1")
 *         .link("https://ci.example.com/builds/231", "Build 231")
 *         .timestamp(finishedAt));
 * }</pre>
 *
 * <p>The summary and the source are {@code submit}'s own arguments because every change event has
 * them; what a caller may leave out is named here rather than passed as {@code null}s in order.
 */
public final class ChangeEvent {

    private final Map<String, Object> customDetails;
    private final List<Map<String, Object>> links;
    private final Instant timestamp;

    private ChangeEvent(Builder b) {
        this.customDetails = Collections.unmodifiableMap(new LinkedHashMap<>(b.customDetails));
        this.links = List.copyOf(b.links);
        this.timestamp = b.timestamp;
    }

    /** Nothing optional set: no details, no links, the time of sending. */
    static ChangeEvent none() {
        return new Builder().build();
    }

    /** Builds the options of one change event from {@code options}. */
    static ChangeEvent of(java.util.function.Consumer<Builder> options) {
        Builder b = new Builder();
        Objects.requireNonNull(options, "options").accept(b);
        return b.build();
    }

    Map<String, Object> customDetails() {
        return customDetails;
    }

    List<Map<String, Object>> links() {
        return links;
    }

    /** When the change happened; {@code null} means when it is sent. */
    Instant timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "ChangeEvent{customDetails=" + customDetails.keySet() + ", links=" + links.size()
                + (timestamp != null ? ", timestamp=" + timestamp : "") + "}";
    }

    /** Sets the optional parts of a change event. Not thread-safe; each setter checks its argument at once. */
    public static final class Builder {
        private final Map<String, Object> customDetails = new LinkedHashMap<>();
        private final List<Map<String, Object>> links = new ArrayList<>();
        private Instant timestamp;

        private Builder() {
        }

        /**
         * Adds a free-form detail ({@code payload.custom_details}).
         *
         * @param name the detail's name
         * @param value its value: text, a number, a boolean, or a JSON tree of maps and lists
         * @return this builder
         */
        public Builder customDetail(String name, Object value) {
            customDetails.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds free-form details.
         *
         * @param details names to values; none may be null
         * @return this builder
         */
        public Builder customDetails(Map<String, ?> details) {
            Objects.requireNonNull(details, "details").forEach(this::customDetail);
            return this;
        }

        /**
         * Adds a link (a change event carries at most 50).
         *
         * @param href the link's URL
         * @param text its text, or {@code null} for none
         * @return this builder
         */
        public Builder link(String href, String text) {
            links.add(Event.linkOf(href, text));
            return this;
        }

        /**
         * When the change happened, instead of the time of sending.
         *
         * @param timestamp the instant (sent in UTC, ending in {@code Z})
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        ChangeEvent build() {
            return new ChangeEvent(this);
        }
    }
}
