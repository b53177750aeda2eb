package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shape of error body PagerDuty is known to send, as a table: what is parsed from it and the
 * one-line summary an exception message carries. Anything else parses to nothing, never throws.
 */
class ErrorBodyTest {

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("the documented REST shape",
                        map("error", map("code", 2001, "message", "Invalid Input Provided", "errors", List.of("a", "b"))),
                        2001, "Invalid Input Provided", List.of("a", "b"), "code 2001 Invalid Input Provided: a; b"),
                Arguments.of("a code given as a string",
                        map("error", map("code", " 2006 ", "message", "Authentication failed")),
                        2006, "Authentication failed", List.of(), "code 2006 Authentication failed"),
                Arguments.of("a code that is not a number",
                        map("error", map("code", "E42", "message", "Odd")),
                        null, "Odd", List.of(), "Odd"),
                Arguments.of("errors as one string",
                        map("error", map("message", "Invalid Input Provided", "errors", "Name has already been taken")),
                        null, "Invalid Input Provided", List.of("Name has already been taken"),
                        "Invalid Input Provided: Name has already been taken"),
                Arguments.of("errors as a map of field to messages (v3 schedules)",
                        map("error", map("errors", map("name", List.of("is blank", "is too short"), "time_zone", "is invalid"))),
                        null, null, List.of("name: is blank", "name: is too short", "time_zone: is invalid"),
                        "name: is blank; name: is too short; time_zone: is invalid"),
                Arguments.of("error as an array (change events)",
                        map("error", List.of("links should have at most 50 item(s)")),
                        null, null, List.of("links should have at most 50 item(s)"),
                        "links should have at most 50 item(s)"),
                Arguments.of("error as one string",
                        map("error", "Not Found"),
                        null, null, List.of("Not Found"), "Not Found"),
                Arguments.of("the Events API shape, without an error wrapper",
                        map("status", "invalid event", "message", "Event object is invalid", "errors",
                                List.of("'payload.source' is missing or blank")),
                        null, "Event object is invalid", List.of("'payload.source' is missing or blank"),
                        "Event object is invalid: 'payload.source' is missing or blank"),
                Arguments.of("a top-level code and message",
                        map("code", 2100, "message", "Not Found"),
                        2100, "Not Found", List.of(), "code 2100 Not Found"),
                Arguments.of("a code alone",
                        map("error", map("code", 5001)),
                        5001, null, List.of(), "code 5001"),
                Arguments.of("errors alone, at the top level",
                        map("errors", List.of(1, 2)),
                        null, null, List.of("1", "2"), "1; 2"),
                Arguments.of("a top-level code alone, which a resource may have as a field",
                        map("code", 42, "name", "Escalation"),
                        null, null, List.of(), ""),
                Arguments.of("an object without error, errors or message",
                        map("user", map("id", "P1")),
                        null, null, List.of(), ""),
                Arguments.of("an array", List.of("x"), null, null, List.of(), ""),
                Arguments.of("no body", null, null, null, List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void parsesEveryKnownShape(String name, Object body, Integer code, String message, List<String> errors,
            String summary) {
        ErrorBody parsed = ErrorBody.parse(body);

        assertEquals(code, parsed.code());
        assertEquals(message, parsed.message());
        assertEquals(errors, parsed.errors());
        assertEquals(summary, parsed.summary());
    }

    @Test
    void mapAppliesToTheMessageAndEveryErrorButNotTheCode() {
        ErrorBody parsed = ErrorBody.parse(map("error", map("code", 7, "message", "m", "errors", List.of("e1", "e2"))));

        ErrorBody upper = parsed.map(String::toUpperCase);

        assertEquals(new ErrorBody(7, "M", List.of("E1", "E2")), upper);
        ErrorBody none = ErrorBody.parse(null);
        assertSame(none, none.map(s -> "changed"));
        assertEquals(new ErrorBody(9, null, List.of("X")), new ErrorBody(9, null, List.of("x")).map(String::toUpperCase));
    }

    @Test
    void truncateCutsAtTheLimitAndMarksTheCut() {
        String exact = "x".repeat(ErrorBody.TEXT_LIMIT);
        String longer = exact + "y";

        assertSame(exact, ErrorBody.truncate(exact));
        assertEquals(ErrorBody.TEXT_LIMIT, ErrorBody.truncate(longer).length());
        assertEquals("x".repeat(ErrorBody.TEXT_LIMIT - 3) + "...", ErrorBody.truncate(longer));
        assertEquals("", ErrorBody.truncate(""));
        char[] many = new char[ErrorBody.TEXT_LIMIT * 2];
        Arrays.fill(many, 'z');
        assertEquals(ErrorBody.TEXT_LIMIT, ErrorBody.truncate(new String(many)).length());
    }
}
