package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {

    @Test
    void namesAreCaseInsensitiveAndKeepTheirFirstSpelling() {
        Headers h = Headers.builder().add("X-Request-Id", "a").add("x-request-id", "b").build();
        assertEquals(List.of("a", "b"), h.all("X-REQUEST-ID"));
        assertEquals("a", h.first("x-Request-ID").orElseThrow());
        assertEquals(Set.of("X-Request-Id"), h.names());
        assertTrue(h.contains("X-REQUEST-id"));
    }

    @Test
    void isImmutable() {
        Headers h = Headers.of("A", "1");
        Headers h2 = h.with("a", "2");
        assertEquals("1", h.firstOrNull("A"));
        assertEquals(List.of("2"), h2.all("A"));
        assertThrows(UnsupportedOperationException.class, () -> h.all("A").add("x"));
        assertEquals(Headers.of("a", "1"), h, "equality ignores name case");
        assertEquals(Headers.empty(), h.without("A"));
    }

    @Test
    void withAllReplacesFieldsOfTheSameName() {
        Headers base = Headers.of("Accept", "x", "User-Agent", "pdkit");
        Headers merged = base.withAll(Headers.of("accept", "y", "From", "a@b.c"));
        assertEquals(List.of("y"), merged.all("Accept"));
        assertEquals("pdkit", merged.firstOrNull("user-agent"));
        assertEquals("a@b.c", merged.firstOrNull("from"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "caf\u00e9", "tab\u0000"})
    void rejectsValuesThatTransportsWouldSendDifferently(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.of("X-Test", value));
        assertFalse(e.getMessage().contains(value), "the value may be a secret: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Name", "Colon:", "Ünicode"})
    void rejectsInvalidNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> Headers.of(name, "v"));
    }

    @Test
    void toStringHidesCredentials() {
        String s = Headers.of("Authorization", "Token token=secret123", "Accept", "json").toString();
        assertFalse(s.contains("secret123"), s);
        assertTrue(s.contains("Accept=json"), s);
    }
}
