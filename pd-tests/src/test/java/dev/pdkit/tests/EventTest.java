package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Event} as a value, without a client: the rules PagerDuty's Events API enforces, checked
 * when the event is built (so nothing invalid is ever sent), and the body an event becomes. The
 * same rules hold whichever way a field arrives: through its builder method or in a raw
 * {@code payload(...)} map (pdpyras #17: the map is merged over the defaults, so it can carry the
 * summary, source and severity too). {@link EventsClientTest} sends events; this class pins what
 * is refused and what the body holds.
 */
class EventTest {

    private static final String MAX_SUMMARY = "s".repeat(Event.MAX_SUMMARY_LENGTH);
    private static final String MAX_KEY = "k".repeat(Event.MAX_DEDUP_KEY_LENGTH);

    /** What a trigger's builder refuses, and the field the message must name. */
    static Stream<Arguments> refused() {
        return Stream.of(
                rule("an action PagerDuty does not know", "got 'poke'", () -> Event.of("poke")),
                rule("no action at all", "got null", () -> Event.of(null)),
                rule("a summary one character too long", "payload.summary", () -> Event.trigger(MAX_SUMMARY + "s", "src")),
                rule("a dedup key one character too long", "dedup_key",
                        () -> Event.trigger("s", "src").dedupKey(MAX_KEY + "k")),
                rule("a severity PagerDuty does not know", "payload.severity", () -> Event.trigger("s", "src").severity("fatal")),
                rule("a null severity", "payload.severity", () -> Event.trigger("s", "src").severity(null)),
                rule("a trigger without a summary", "payload.summary", () -> Event.trigger(null, "src").build()),
                rule("a trigger with a blank summary", "payload.summary", () -> Event.trigger(" ", "src").build()),
                rule("a trigger without a source", "payload.source", () -> Event.trigger("s", null).build()),
                rule("a summary in the payload map that is not text", "payload.summary",
                        () -> Event.trigger(null, "src").payload(Map.of("summary", 42)).build()),
                rule("a summary in the payload map one character too long", "payload.summary",
                        () -> Event.trigger("s", "src").payload(Map.of("summary", MAX_SUMMARY + "s")).build()),
                rule("a blank source in the payload map", "payload.source",
                        () -> Event.trigger("s", "src").payload(Map.of("source", "")).build()),
                rule("a source in the payload map that is not text", "payload.source",
                        () -> Event.trigger("s", null).payload(Map.of("source", List.of("a"))).build()),
                rule("a severity in the payload map PagerDuty does not know", "got 'fatal'",
                        () -> Event.trigger("s", "src").payload(Map.of("severity", "fatal")).build()),
                rule("a severity in the payload map that is not text", "got '3'",
                        () -> Event.trigger("s", "src").payload(Map.of("severity", 3)).build()),
                rule("custom details merged into a custom_details that is not an object", "custom_details",
                        () -> Event.trigger("s", "src").payload(Map.of("custom_details", "free text"))
                                .customDetails(Map.of("k", "v")).build()),
                rule("an acknowledge without a dedup key", "dedup_key", () -> Event.of("acknowledge").build()),
                rule("a resolve with an empty dedup key", "dedup_key", () -> Event.resolve("")),
                rule("an acknowledge with a null dedup key", "dedup_key", () -> Event.acknowledge(null)));
    }

    private static Arguments rule(String name, String named, Supplier<Object> build) {
        return Arguments.of(name, named, build);
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refused")
    void refusesWhatTheEventsApiWouldRejectAndNamesTheField(String name, String named, Supplier<Object> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    /** The limits themselves are allowed, in the builder and in the payload map alike. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                rule("a summary of exactly 1024 characters", "", () -> Event.trigger(MAX_SUMMARY, "src").build()),
                rule("a summary of exactly 1024 characters in the payload map", "",
                        () -> Event.trigger("s", "src").payload(Map.of("summary", MAX_SUMMARY)).build()),
                rule("a dedup key of exactly 255 characters", "", () -> Event.resolve(MAX_KEY)),
                rule("a summary and a source given only in the payload map", "",
                        () -> Event.trigger(null, null).payload(Map.of("summary", "s", "source", "src")).build()),
                rule("every severity PagerDuty knows", "", () -> Event.SEVERITIES.stream()
                        .map(s -> Event.trigger("s", "src").severity(s).build()).toList()));
    }

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource("accepted")
    void acceptsTheLimits(String name, String unused, Supplier<Object> build) {
        build.get();
    }

    @Test
    void aSummaryAndSeverityInThePayloadMapWinOverTheBuilders() {
        Event event = Event.trigger("from the builder", "src").severity("info")
                .payload(Map.of("summary", "from the map", "severity", "warning")).build();
        assertEquals("from the map", event.payload().get("summary"));
        assertEquals("warning", event.payload().get("severity"));
    }

    @Test
    void aCustomDetailsValueThatIsNotAnObjectIsSentAsGivenWhenNothingIsMergedIntoIt() {
        Event event = Event.trigger("s", "src").payload(Map.of("custom_details", "free text")).build();
        assertEquals("free text", event.payload().get("custom_details"));
    }

    @Test
    void customDetailsAreMergedOverAnObjectInThePayloadMapAndTheirKeysWin() {
        Map<String, Object> given = Map.of("custom_details", Map.of("a", 1, "b", 2));
        Event event = Event.trigger("s", "src").payload(given).customDetails(Map.of("b", 3)).build();
        assertEquals(Map.of("a", 1, "b", 3), event.payload().get("custom_details"));
    }

    @Test
    void aTriggersBodyHoldsOnlyWhatWasSetInPagerDutysFieldNames() {
        Event minimal = Event.trigger("Disk full", "db-1").build();
        assertEquals("trigger", minimal.action());
        assertNull(minimal.dedupKey(), "PagerDuty assigns one");
        assertEquals(Map.of("event_action", "trigger",
                "payload", Map.of("summary", "Disk full", "source", "db-1", "severity", "critical")), minimal.toBody());

        Event full = Event.trigger("Disk full", "db-1").dedupKey("disk-db-1").severity("error")
                .timestamp(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))
                .component("postgres").group("prod").eventClass("disk")
                .image("https://img.example.com/g.png", null, null)
                .link("https://runbooks.example.com/disk", null)
                .client("Monitor").clientUrl("https://monitor.example.com").build();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", "Disk full");
        payload.put("source", "db-1");
        payload.put("severity", "error");
        payload.put("timestamp", "2026-01-02T03:04:05+02:00");
        payload.put("component", "postgres");
        payload.put("group", "prod");
        payload.put("class", "disk");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", "trigger");
        body.put("dedup_key", "disk-db-1");
        body.put("payload", payload);
        body.put("images", List.of(Map.of("src", "https://img.example.com/g.png")));
        body.put("links", List.of(Map.of("href", "https://runbooks.example.com/disk")));
        body.put("client", "Monitor");
        body.put("client_url", "https://monitor.example.com");
        assertEquals(body, full.toBody(), "an image or link without its optional fields carries only its URL");
        assertEquals(List.copyOf(body.keySet()), List.copyOf(full.toBody().keySet()), "in the Events API's order");
    }

    @Test
    void anAcknowledgeOrResolveCarriesNoPayload() {
        Event ack = Event.acknowledge("k1");
        assertEquals("acknowledge", ack.action());
        assertEquals("k1", ack.dedupKey());
        assertNull(ack.payload());
        assertEquals(Map.of("event_action", "acknowledge", "dedup_key", "k1"), ack.toBody());
        Event resolve = Event.of("resolve").dedupKey("k1").summary("ignored").build();
        assertEquals("resolve", resolve.action());
        assertEquals(Map.of("event_action", "resolve", "dedup_key", "k1"), resolve.toBody());
    }

    @Test
    void eventsAreValuesComparedByTheirBody() {
        Supplier<Event> build = () -> Event.trigger("Disk full", "db-1").timestamp(Instant.parse("2026-01-02T03:04:05Z"))
                .customDetails(Map.of("free", 0)).build();
        Event a = build.get();
        Event b = build.get();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.toBody().hashCode(), a.hashCode());
        assertNotEquals(a, Event.trigger("Disk full", "db-2").build());
        assertNotEquals(a, Event.acknowledge("k"));
        assertNotEquals(a, (Object) a.toBody(), "a map with the same content is no Event");
        assertEquals("Event" + a.toBody(), a.toString());
        assertEquals("2026-01-02T03:04:05Z", a.payload().get("timestamp"));
    }

    @Test
    void theBuiltEventIsImmutableAndIndependentOfItsBuilder() {
        Map<String, Object> details = new LinkedHashMap<>(Map.of("free", 0));
        Event.Builder builder = Event.trigger("Disk full", "db-1").customDetails(details).link("https://a", "A");
        Event event = builder.build();
        details.put("later", 1);
        builder.link("https://b", "B").customDetails(Map.of("later", 2));
        assertEquals(Map.of("free", 0), event.payload().get("custom_details"));
        assertEquals(1, ((List<?>) event.toBody().get("links")).size());
        assertThrows(UnsupportedOperationException.class, () -> event.payload().put("summary", "changed"));
    }
}
