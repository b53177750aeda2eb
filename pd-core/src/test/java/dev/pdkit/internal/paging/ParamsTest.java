package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numbers a caller may give as {@code limit} and {@code offset}: query parameters arrive as
 * whatever the caller put in the map (an int, a long, a decoded JSON double, or text), and a wrong
 * one is refused before any request, naming the parameter.
 */
class ParamsTest {

    static Stream<Arguments> wholeNumbers() {
        return Stream.of(
                Arguments.of((byte) 7, 7L),
                Arguments.of((short) 300, 300L),
                Arguments.of(25, 25L),
                Arguments.of(Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of(100.0, 100L),
                Arguments.of(-3.0f, -3L),
                Arguments.of(new BigDecimal("40"), 40L),
                Arguments.of("50", 50L),
                Arguments.of(" 60 ", 60L),
                Arguments.of(new StringBuilder("-2"), -2L));
    }

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @MethodSource("wholeNumbers")
    void aWholeNumberIsAcceptedAsANumberOrAsText(Object given, long expected) {
        assertEquals(expected, Params.integer(given, "limit"));
    }

    static Stream<Object> notWholeNumbers() {
        return Stream.of(2.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new BigDecimal("0.1"),
                "ten", "2.0", "", true);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("notWholeNumbers")
    void anythingElseIsRefusedNamingTheParameter(Object given) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.integer(given, "offset"));
        assertTrue(e.getMessage().contains("'offset'") && e.getMessage().contains(String.valueOf(given)), e.getMessage());
    }

    @ParameterizedTest(name = "positive({0}): {1}")
    @CsvSource({
        "-1, refused",
        "0, refused",
        "1, accepted",
        "2147483647, accepted",
        "2147483648, refused",
    })
    void aLimitOrPageSizeIsAPositiveInt(long n, String outcome) {
        if (outcome.equals("accepted")) {
            assertEquals(n, Params.positive(n, "limit"));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.positive(n, "limit"));
            assertTrue(e.getMessage().startsWith("limit must be at least 1"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "nonNegative({0}): {1}")
    @CsvSource({
        "-1, refused",
        "0, accepted",
        "10000, accepted",
    })
    void anOffsetIsNotNegative(long n, String outcome) {
        if (outcome.equals("accepted")) {
            assertEquals(n, Params.nonNegative(n, "offset"));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Params.nonNegative(n, "offset"));
            assertTrue(e.getMessage().startsWith("offset must not be negative"), e.getMessage());
        }
    }
}
