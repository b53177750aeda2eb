package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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
    void anAbsentFieldReadsAsAbsentEverywhere() {
        Headers h = Headers.of("Accept", "json");

        assertFalse(h.contains("X-Request-Id"));
        assertEquals(List.of(), h.all("X-Request-Id"));
        assertTrue(h.first("X-Request-Id").isEmpty());
        assertNull(h.firstOrNull("X-Request-Id"));
    }

    @Test
    void sizeCountsDistinctNamesAndIsEmptyOnlyWithoutThem() {
        Headers h = Headers.of("Accept", "a", "accept", "b", "From", "x@y.z");

        assertEquals(2, h.size());
        assertFalse(h.isEmpty());
        assertEquals(0, Headers.empty().size());
        assertTrue(Headers.empty().isEmpty());
    }

    @Test
    void isImmutable() {
        Headers h = Headers.of("A", "1");
        Headers h2 = h.with("a", "2");
        assertEquals("1", h.firstOrNull("A"));
        assertEquals(List.of("2"), h2.all("A"));
        assertEquals(Set.of("A"), h2.names(), "with keeps the first spelling");
        assertThrows(UnsupportedOperationException.class, () -> h.all("A").add("x"));
        assertEquals(Headers.of("a", "1"), h, "equality ignores name case");
        assertEquals(Headers.empty(), h.without("A"));
        assertEquals(Headers.of("A", "1"), h.without("B"));
    }

    /**
     * Operations that change nothing hand back the same instance instead of a copy: {@code without}
     * runs on every response (the throttle drops {@code Retry-After} before reading the reset), and
     * empty headers are one shared value.
     */
    @Test
    void operationsThatChangeNothingCopyNothing() {
        Headers h = Headers.of("Accept", "json");

        assertSame(h, h.without("Retry-After"));
        assertSame(h, h.withAll(Headers.empty()));
        assertSame(Headers.empty(), Headers.builder().build());
        assertSame(Headers.empty(), Headers.of());
        assertSame(Headers.empty(), h.without("accept"));
    }

    @Test
    void withAllReplacesFieldsOfTheSameName() {
        Headers base = Headers.of("Accept", "x", "User-Agent", "pdkit");
        Headers merged = base.withAll(Headers.of("accept", "y", "From", "a@b.c"));
        assertEquals(List.of("y"), merged.all("Accept"));
        assertEquals("pdkit", merged.firstOrNull("user-agent"));
        assertEquals("a@b.c", merged.firstOrNull("from"));
    }

    @Test
    void aMapOfNamesToValuesKeepsEveryValueInOrder() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("Link", List.of("<a>", "<b>"));
        map.put("Accept", List.of("json"));
        map.put("link", List.of("<c>"));

        Headers h = Headers.of(map);

        assertEquals(List.of("<a>", "<b>", "<c>"), h.all("LINK"));
        assertEquals(List.of("Link", "Accept"), List.copyOf(h.names()));
        Map<String, List<String>> back = h.toMap();
        assertEquals(List.of("Link", "Accept"), List.copyOf(back.keySet()), "toMap keeps spelling and order");
        assertEquals(List.of("<a>", "<b>", "<c>"), back.get("Link"));
        assertEquals(List.of("json"), back.get("Accept"));
        assertThrows(UnsupportedOperationException.class, () -> back.put("X", List.of()));
    }

    @Test
    void forEachVisitsEveryNameValuePairInOrder() {
        Headers h = Headers.builder().add("A", "1").add("B", "2").add("a", "3").build();
        List<String> seen = new ArrayList<>();

        h.forEach((name, value) -> seen.add(name + "=" + value));

        assertEquals(List.of("A=1", "A=3", "B=2"), seen);
    }

    @Test
    void builderSetReplacesAndAnEmptyListRemoves() {
        Headers h = Headers.builder().add("Accept", "a").add("Accept", "b").add("From", "x@y.z")
                .set("accept", "c").set("from", List.of()).build();

        assertEquals(List.of("c"), h.all("Accept"));
        assertEquals(Set.of("Accept"), h.names());
        assertEquals(List.of("d", "e"), h.toBuilder().set("ACCEPT", List.of("d", "e")).build().all("accept"));
        assertEquals(Headers.empty(), h.toBuilder().remove("ACCEPT").build());
    }

    @Test
    void anOddNumberOfArgumentsIsNotAListOfPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.of("Accept"));
        assertTrue(e.getMessage().contains("odd"), e::getMessage);
    }

    @Test
    void equalityIsByLowerCasedNameAndValuesInOrder() {
        Headers h = Headers.of("Accept", "a", "From", "x@y.z");

        assertEquals(h, Headers.of("from", "x@y.z", "ACCEPT", "a"), "field order does not matter");
        assertEquals(h.hashCode(), Headers.of("from", "x@y.z", "ACCEPT", "a").hashCode());
        assertEquals(h, h);
        assertNotEquals(h, Headers.of("Accept", "a"), "a field fewer");
        assertNotEquals(Headers.of("Accept", "a"), h, "a field more");
        assertNotEquals(h, Headers.of("Accept", "a", "To", "x@y.z"), "another name");
        assertNotEquals(h, Headers.of("Accept", "b", "From", "x@y.z"), "another value");
        assertNotEquals(Headers.of("A", "1", "A", "2"), Headers.of("A", "2", "A", "1"), "values keep their order");
        assertNotEquals(h, "Accept: a");
        assertNotEquals(h, null);
    }

    /** The hash covers names and values, so that headers kept in a hash map or set spread. */
    @Test
    void theHashCodeDependsOnNamesAndValues() {
        Set<Integer> hashes = Set.of(
                Headers.of("A", "1").hashCode(),
                Headers.of("A", "2").hashCode(),
                Headers.of("B", "1").hashCode(),
                Headers.of("A", "1", "B", "1").hashCode(),
                Headers.empty().hashCode());
        assertEquals(5, hashes.size());
    }

    /** Header names are RFC 9110 tokens: letters, digits and {@code !#$%&'*+-.^_`|~}, nothing else. */
    @ParameterizedTest(name = "{0} is a valid name")
    @ValueSource(strings = {"a", "z", "A", "Z", "0", "9", "azAZ09", "!", "~", "!#$%&'*+-.^_`|~", "X-Request-Id"})
    void tokenCharactersMakeValidNames(String name) {
        assertEquals(List.of("v"), Headers.of(name, "v").all(name));
    }

    /** Each case is the character just outside one of the ranges, or a separator RFC 9110 excludes. */
    static Stream<Arguments> invalidNames() {
        return Stream.of(
                Arguments.of("X@Y", "@ just before A"),
                Arguments.of("X[Y", "[ just after Z"),
                Arguments.of("x{y", "{ just after z"),
                Arguments.of("x/y", "/ just before 0"),
                Arguments.of("x:y", ": just after 9"),
                Arguments.of("Bad Name", "a space"),
                Arguments.of("x\"y", "a double quote"),
                Arguments.of("\u00dcnicode", "a non-ASCII letter"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidNames")
    void everyOtherCharacterIsRefusedInAName(String name, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Headers.of(name, "v"));
        assertTrue(e.getMessage().contains("header name '" + name + "'"), e::getMessage);
    }

    @Test
    void anEmptyOrNullNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Headers.of("", "v"));
        assertThrows(NullPointerException.class, () -> Headers.builder().add(null, "v"));
        assertThrows(NullPointerException.class, () -> Headers.empty().contains(null));
    }

    /** Values are visible US-ASCII (0x21-0x7e), space and tab; the edges of that range are accepted. */
    @ParameterizedTest(name = "value {0} is accepted")
    @ValueSource(strings = {" ", "\t", "!", "~", "a b\tc", "Token token=y_NbAkKc66ryYTWUXYEu", ""})
    void visibleAsciiSpaceAndTabAreValidValues(String value) {
        assertEquals(value, Headers.of("X-Test", value).firstOrNull("X-Test"));
        assertEquals(value, Headers.builder().set("X-Test", value).build().firstOrNull("X-Test"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            0x1f | the last control character before space
            0x7f | DEL, just after ~
            0x0d | CR, which could inject a header
            0x0a | LF, which could inject a header
            0x00 | NUL
            0xe9 | a non-ASCII letter
            """)
    void anyOtherCharacterIsRefusedInAValueWithoutEchoingIt(String hex, String why) {
        char c = (char) Integer.parseInt(hex.substring(2), 16);
        String value = "secret" + c + "value";
        for (Runnable adding : List.<Runnable>of(
                () -> Headers.of("X-Test", value),
                () -> Headers.builder().set("X-Test", value),
                () -> Headers.builder().set("X-Test", List.of("ok", value)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, adding::run);
            assertTrue(e.getMessage().contains("invalid character 0x" + Integer.toHexString(c) + " at index 6"),
                    e::getMessage);
            assertFalse(e.getMessage().contains("secret"), "the value may be a secret: " + e.getMessage());
        }
    }

    @Test
    void aNullValueIsRefusedWithTheHeadersName() {
        for (Runnable adding : List.<Runnable>of(
                () -> Headers.builder().add("X-Test", null),
                () -> Headers.builder().set("X-Test", (String) null))) {
            NullPointerException e = assertThrows(NullPointerException.class, adding::run);
            assertEquals("the value of header 'X-Test' is null", e.getMessage());
        }
    }

    @Test
    void toStringShowsEachFieldOnceAndHidesCredentials() {
        Headers h = Headers.builder().add("Authorization", "Token token=secret123").add("Accept", "json")
                .add("Link", "<a>").add("link", "<b>").add("Proxy-Authorization", "Basic c2VjcmV0").build();

        assertEquals("{Authorization=[redacted], Accept=json, Link=[<a>, <b>], Proxy-Authorization=[redacted]}",
                h.toString());
        assertEquals("{}", Headers.empty().toString());
    }
}
