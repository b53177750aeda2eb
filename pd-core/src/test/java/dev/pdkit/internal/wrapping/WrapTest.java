package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** wrap(): pdpyras' wrapped_entities request side (FunctionDecoratorsTest), without its quirk. */
class WrapTest {

    private static final WrapperDecision POST_USERS = EntityWrapping.decide("POST", "/users");

    @Test
    void wrapsABareEntityInTheRequestWrapper() {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("type", "user", "email", "user@example.com"));
        Map<String, Object> before = new LinkedHashMap<>(user);
        Object sent = EntityWrapping.wrap(user, POST_USERS);
        assertEquals(Map.of("user", before), sent);
        assertSame(user, ((Map<?, ?>) sent).get("user"));
        assertEquals(before, user, "input unchanged");
    }

    @Test
    void wrapsImmutableInputsWithoutTouchingThem() {
        Map<String, Object> user = Map.of("name", "User McUserson");
        assertEquals(Map.of("user", user), EntityWrapping.wrap(user, EntityWrapping.decide("PUT", "/users/PUSR123")));
    }

    @Test
    void doesNotDoubleWrap() {
        Map<String, Object> wrapped = Map.of("user", Map.of("name", "User McUserson"));
        assertSame(wrapped, EntityWrapping.wrap(wrapped, POST_USERS));
    }

    @Test
    void aBareEntityWithAPropertyNamedLikeTheWrapperIsStillWrapped() {
        // pdpyras tests `wrapper in body` and would send this as is (spec 7.5 QUIRK).
        Map<String, Object> note = Map.of("note", "hello", "id", "PNOTE12");
        Object sent = EntityWrapping.wrap(note, EntityWrapping.decide("PUT", "/incidents/PINC123/notes/PNOTE12"));
        assertEquals(Map.of("note", note), sent);
    }

    @Test
    void aListIsAlwaysWrapped() {
        List<Map<String, String>> incidents = List.of(Map.of("id", "PABC123"), Map.of("id", "PDEF456"));
        assertEquals(Map.of("incidents", incidents), EntityWrapping.wrap(incidents, EntityWrapping.decide("PUT", "/incidents")));
        List<Map<String, String>> overrides = List.of(Map.of("start", "2026-01-01T00:00:00Z"));
        assertEquals(Map.of("overrides", overrides),
                EntityWrapping.wrap(overrides, EntityWrapping.decide("POST", "/schedules/PSCH123/overrides")));
    }

    @Test
    void theWrapperWithItsAllowedExtraKeysCountsAsWrapped() {
        WrapperDecision d = EntityWrapping.decide("PUT", "/rulesets/PRS1234/rules/PRULE12");
        Map<String, Object> wrapped = Map.of("rule", Map.of("disabled", true), "rule_id", "PRULE12");
        assertSame(wrapped, EntityWrapping.wrap(wrapped, d));
        Map<String, Object> bare = Map.of("rule", "x", "position", 1);
        assertEquals(Map.of("rule", bare), EntityWrapping.wrap(bare, d));
    }

    @Test
    void aScalarBodyIsWrappedAndItsWrappedFormKept() {
        WrapperDecision role = EntityWrapping.decide("PUT", "/teams/PTEAM12/users/PUSR123");
        assertEquals(Map.of("role", "manager"), EntityWrapping.wrap("manager", role));
        Map<String, String> given = Map.of("role", "manager");
        assertSame(given, EntityWrapping.wrap(given, role));
        WrapperDecision snooze = EntityWrapping.decide("POST", "/incidents/PINC123/snooze");
        assertEquals(Map.of("duration", 3600), EntityWrapping.wrap(3600, snooze));
    }

    @Test
    void noRequestWrapperMeansTheBodyGoesAsGiven() {
        Map<String, Object> query = Map.of("filters", Map.of());
        assertSame(query, EntityWrapping.wrap(query, EntityWrapping.decide("POST", "/analytics/raw/incidents")));
        Map<String, Object> update = Map.of("message", "all good");
        assertSame(update, EntityWrapping.wrap(update, EntityWrapping.decide("POST", "/incidents/PINC123/status_updates")));
    }

    /** Only a map holding the wrapper key is already wrapped: an empty map, or only the extras, is an entity. */
    @Test
    void aMapWithoutTheWrapperKeyIsAnEntity() {
        assertEquals(Map.of("user", Map.of()), EntityWrapping.wrap(Map.of(), POST_USERS));
        WrapperDecision rule = EntityWrapping.decide("PUT", "/rulesets/PRS1234/rules/PRULE12");
        Map<String, Object> onlyExtras = Map.of("rule_id", "PRULE12");
        assertEquals(Map.of("rule", onlyExtras), EntityWrapping.wrap(onlyExtras, rule));
    }

    @Test
    void noBodyStaysNoBody() {
        assertNull(EntityWrapping.wrap(null, POST_USERS));
    }

    @Test
    void mapsWithNullOrNonStringKeysAreWrappedNotRejected() {
        Map<Object, Object> odd = new HashMap<>();
        odd.put(null, 1);
        odd.put("user", 2);
        assertEquals(Map.of("user", odd), EntityWrapping.wrap(odd, POST_USERS));
    }
}
