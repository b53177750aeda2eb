package dev.pdkit.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The query-parameter rules as a table: one parameter in, the exact query string out. */
class QueryEncoderTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("a list becomes repeated key[]", "team_ids", List.of("P1", "P2"),
                        "team_ids%5B%5D=P1&team_ids%5B%5D=P2"),
                Arguments.of("a key already ending in [] gets no second pair", "team_ids[]", List.of("P1"),
                        "team_ids%5B%5D=P1"),
                Arguments.of("a set keeps its order", "statuses", new LinkedHashSet<>(List.of("triggered", "resolved")),
                        "statuses%5B%5D=triggered&statuses%5B%5D=resolved"),
                Arguments.of("an array is a list", "include", new String[] {"teams", "contact_methods"},
                        "include%5B%5D=teams&include%5B%5D=contact_methods"),
                Arguments.of("an empty list sends nothing", "team_ids", List.of(), ""),
                Arguments.of("null elements are skipped", "ids", Arrays.asList("A", null, "B"),
                        "ids%5B%5D=A&ids%5B%5D=B"),
                Arguments.of("true is lower case", "total", true, "total=true"),
                Arguments.of("false is lower case", "total", false, "total=false"),
                Arguments.of("numbers as written", "limit", 100, "limit=100"),
                Arguments.of("64-bit numbers exact", "n", 9007199254740993L, "n=9007199254740993"),
                Arguments.of("Instant as ISO-8601", "since", Instant.parse("2026-01-02T03:04:05Z"),
                        "since=2026-01-02T03%3A04%3A05Z"),
                Arguments.of("OffsetDateTime keeps its offset", "until",
                        OffsetDateTime.parse("2026-01-02T03:04:05+02:00"), "until=2026-01-02T03%3A04%3A05%2B02%3A00"),
                Arguments.of("ZonedDateTime without the zone id", "until",
                        ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris")),
                        "until=2026-01-02T03%3A04%3A05%2B01%3A00"),
                // toString() would drop ":00" seconds (03:04+02:00); ISO-8601 as PagerDuty reads it keeps them.
                Arguments.of("OffsetDateTime on the minute keeps its seconds", "since",
                        OffsetDateTime.parse("2026-01-02T03:04:00+02:00"), "since=2026-01-02T03%3A04%3A00%2B02%3A00"),
                Arguments.of("ZonedDateTime on the minute keeps its seconds", "since",
                        ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneId.of("Europe/Paris")),
                        "since=2026-01-02T03%3A04%3A00%2B01%3A00"),
                Arguments.of("LocalDate", "date", LocalDate.of(2026, 1, 2), "date=2026-01-02"),
                Arguments.of("space is %20, not +", "query", "Jane Doe", "query=Jane%20Doe"),
                Arguments.of("reserved characters are escaped", "query", "a&b=c/d?e#f+g", "query=a%26b%3Dc%2Fd%3Fe%23f%2Bg"),
                Arguments.of("unreserved characters are kept", "query", "a-b_c.d~e", "query=a-b_c.d~e"),
                Arguments.of("UTF-8 multi-byte", "query", "Zoë 🚨", "query=Zo%C3%AB%20%F0%9F%9A%A8"),
                Arguments.of("the last one-byte and the first two-byte character", "query", "\u007F\u0080",
                        "query=%7F%C2%80"),
                // A string cut in the middle of a surrogate pair: sent with '?' in place of the broken half,
                // as Java's UTF-8 encoder does, rather than failing the request.
                Arguments.of("a lone high surrogate at the end", "query", "alarm \uD83D", "query=alarm%20%3F"),
                Arguments.of("a lone high surrogate before text", "query", "\uD83Dx", "query=%3Fx"),
                Arguments.of("a lone low surrogate", "query", "\uDEA8x", "query=%3Fx"),
                Arguments.of("an email", "query", "jane+ops@example.com", "query=jane%2Bops%40example.com"),
                Arguments.of("null values are left out", "query", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void encodes(String rule, String key, Object value, String expected) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(key, value);
        assertEquals(expected, QueryEncoder.encode(params));
    }

    @org.junit.jupiter.api.Test
    void keepsTheOrderOfSeveralParameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", 25);
        params.put("offset", 50);
        params.put("statuses", List.of("triggered"));
        assertEquals("limit=25&offset=50&statuses%5B%5D=triggered", QueryEncoder.encode(params));
        assertEquals("", QueryEncoder.encode(Map.of()));
        assertEquals("", QueryEncoder.encode(null));
    }

    @org.junit.jupiter.api.Test
    void refusesNestedValuesAndEmptyNames() {
        assertThrows(IllegalArgumentException.class, () -> QueryEncoder.encode(Map.of("a", List.of(List.of(1)))));
        assertThrows(IllegalArgumentException.class, () -> QueryEncoder.encode(Map.of("a", Map.of("b", 1))));
        assertThrows(IllegalArgumentException.class,
                () -> QueryEncoder.encode(Map.of("a", List.of((Object) new String[] {"b"}))));
        assertThrows(IllegalArgumentException.class, () -> QueryEncoder.encode(Map.of("a", new int[][] {{1}})));
        assertThrows(IllegalArgumentException.class, () -> QueryEncoder.encode(Map.of("", 1)));
    }

    @org.junit.jupiter.api.Test
    void aNestedValueIsNamedByItsKeyAndNeverShown() {
        String secret = "u+Sup3rSecretToken-0001";
        IllegalArgumentException inMap = assertThrows(IllegalArgumentException.class,
                () -> QueryEncoder.encode(Map.of("filter", Map.of("token", secret))));
        IllegalArgumentException inList = assertThrows(IllegalArgumentException.class,
                () -> QueryEncoder.encode(Map.of("ids", List.of(List.of(secret)))));

        assertTrue(inMap.getMessage().startsWith("query parameter 'filter' has a nested value (a map"), inMap::getMessage);
        assertTrue(inList.getMessage().startsWith("query parameter 'ids[]' has a nested value (a list"), inList::getMessage);
        for (IllegalArgumentException e : List.of(inMap, inList)) {
            assertFalse(e.getMessage().contains(secret), e::getMessage);
        }
    }
}
