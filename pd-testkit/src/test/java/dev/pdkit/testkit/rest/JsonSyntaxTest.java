package dev.pdkit.testkit.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The fake's own JSON against pdkit's Jackson codec, the trees both must agree on: what it reads,
 * what it writes, and what it refuses.
 */
class JsonSyntaxTest {

    private static final JsonCodec JACKSON = JacksonJsonCodec.create();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "false", "0", "-0", "7", "-12", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
        "0.1", "1.5e3", "-2.25E-2", "1e400", "0.30000000000000004", "3.14159265358979323846264338327950288",
        "\"\"", "\"plain\"", "\"quote \\\" and \\\\ and \\/ and \\b\\f\\n\\r\\t\"", "\"\\u00e9\\u20ac\\ud83d\\ude00\"",
        "\"é € 😀 raw\"",
        "{\"a\":1,\"b\":[true,false,null,{\"c\":\"d\"}],\"e\":{\"f\":[]}}",
        " \n\t{ \"spaced\" : [ 1 , 2 ] } \r\n",
        "{\"dup\":1,\"dup\":2}",
        "[[[[[[[[[[1]]]]]]]]]]",
        "{\"incident\":{\"id\":\"P1\",\"created_at\":\"2026-01-02T03:04:05Z\",\"urgency\":\"high\",\"number\":42}}"
    })
    void readsWhatPdkitsCodecReads(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        Object expected = JACKSON.read(utf8);
        Object actual = JsonSyntax.read(utf8);
        assertEquals(expected, actual, json);
        assertEquals(classes(expected), classes(actual), "the same number types: " + json);
        assertEquals(expected, JACKSON.read(JsonSyntax.write(actual)), "what it writes reads back: " + json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "}", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "'x'", "01", "1.", ".5", "-",
        "1e", "+1", "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"tab\tinside\"",
        "{} {}", "[] x", "NaN", "Infinity"
    })
    void refusesWhatIsNotJson(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(JsonCodecException.class, () -> JACKSON.read(utf8), "pdkit's codec refuses it too: " + json);
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> JsonSyntax.read(utf8), json);
        assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    }

    @Test
    void saysWhereTheInputBreaks() {
        JsonCodecException e = assertThrows(JsonCodecException.class,
                () -> JsonSyntax.read("{\n  \"a\": [1, 2,, 3]\n}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("malformed JSON at line 2, column 14: unexpected ','", e.getMessage());
    }

    @Test
    void refusesInvalidUtf8AndDeepNesting() {
        assertThrows(JsonCodecException.class, () -> JsonSyntax.read(new byte[] {'"', (byte) 0xC3, '"'}));
        String deep = "[".repeat(JsonSyntax.MAX_DEPTH + 1) + "]".repeat(JsonSyntax.MAX_DEPTH + 1);
        JsonCodecException e = assertThrows(JsonCodecException.class,
                () -> JsonSyntax.read(deep.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("nested deeper than 1000 levels"), e.getMessage());
        String limit = "[".repeat(JsonSyntax.MAX_DEPTH) + "]".repeat(JsonSyntax.MAX_DEPTH);
        JsonSyntax.read(limit.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesWhatTheFakeBuildsAsPdkitsCodecWritesIt() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", "a \"q\" \\ / \n\u0001 é 😀");
        tree.put("int", 1);
        tree.put("long", 1L << 40);
        tree.put("big", new BigInteger("123456789012345678901234567890"));
        tree.put("double", 0.1);
        tree.put("decimal", new BigDecimal("3.14159265358979323846"));
        tree.put("bool", true);
        tree.put("null", null);
        tree.put("list", List.of(1, "two", List.of()));
        tree.put("instant", Instant.parse("2026-01-02T03:04:05Z"));
        tree.put("offset", OffsetDateTime.parse("2026-01-02T03:04:05+02:00"));
        tree.put("zoned", ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris")));
        assertEquals(JACKSON.read(JACKSON.write(tree)), JsonSyntax.read(JsonSyntax.write(tree)));
        assertArrayEquals(JACKSON.write(tree), JsonSyntax.write(tree), "byte for byte, in the same order");
        assertEquals("\"2026-01-02T03:04:05+01:00\"",
                new String(JsonSyntax.write(tree.get("zoned")), StandardCharsets.UTF_8), "an offset, no zone id");
    }

    @Test
    void refusesWhatItCannotWrite() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> JsonSyntax.write(Map.of("x", new Object())));
        assertTrue(e.getMessage().startsWith("cannot write a java.lang.Object as JSON"), e.getMessage());
    }

    /** The classes of a tree's leaves, in order, to compare number types. */
    private static List<String> classes(Object tree) {
        List<String> out = new java.util.ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(Object tree, List<String> out) {
        if (tree instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (tree instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        } else {
            out.add(tree == null ? "null" : tree.getClass().getSimpleName());
        }
    }
}
