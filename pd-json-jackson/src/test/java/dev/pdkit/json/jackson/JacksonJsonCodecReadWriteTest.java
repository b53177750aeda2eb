package dev.pdkit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonJsonCodecReadWriteTest {

    private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+, byte offset \\d+");

    private final JsonCodec codec = JacksonJsonCodec.create();

    private Object read(String json) {
        return codec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private String write(Object value) {
        return new String(codec.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void nameIsJackson() {
        assertEquals("jackson", codec.name());
    }

    @Test
    void nestedMapsAndListsRoundTrip() {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", "PABC123");
        incident.put("urgency", "high");
        incident.put("assignments", List.of(Map.of("assignee", Map.of("id", "PUSER1", "type", "user_reference"))));
        incident.put("acknowledged", Boolean.FALSE);
        incident.put("count", 3);
        incident.put("nested", List.of(List.of(1, 2), List.of(), Map.of()));
        Map<String, Object> body = Map.of("incident", incident);

        Object back = codec.read(codec.write(body));

        assertEquals(body, back);
        Map<?, ?> readIncident = (Map<?, ?>) ((Map<?, ?>) back).get("incident");
        assertInstanceOf(LinkedHashMap.class, readIncident);
        assertInstanceOf(ArrayList.class, readIncident.get("assignments"));
    }

    @Test
    void keyOrderIsKept() {
        Object tree = read("{\"z\":1,\"a\":2,\"m\":{\"y\":1,\"b\":2},\"c\":3}");

        Map<?, ?> map = (Map<?, ?>) tree;
        assertEquals(List.of("z", "a", "m", "c"), new ArrayList<>(map.keySet()));
        assertEquals(List.of("y", "b"), new ArrayList<>(((Map<?, ?>) map.get("m")).keySet()));
        assertEquals("{\"z\":1,\"a\":2,\"m\":{\"y\":1,\"b\":2},\"c\":3}", write(tree));
    }

    @Test
    void unicodeAndEscapesRoundTrip() {
        String text = "🚨 障害が発生しました — line\nbreak, \"quoted\", back\\slash, tab\t, nul\u0000 end";

        String json = write(Map.of("summary", text));

        assertTrue(json.contains("🚨 障害"), "non-ASCII is written as UTF-8, not escaped: " + json);
        assertTrue(json.contains("\\n") && json.contains("\\\"") && json.contains("\\u0000"), json);
        assertEquals(Map.of("summary", text), codec.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void escapedSurrogatePairsAndControlCharactersAreDecoded() {
        assertEquals("🚨\n\"\u0000/é", read("\"\\ud83d\\udea8\\n\\\"\\u0000\\/\\u00e9\""));
    }

    @Test
    void integersUseTheSmallestExactType() {
        assertEquals(Integer.valueOf(42), read("42"));
        assertEquals(Integer.valueOf(Integer.MIN_VALUE), read("-2147483648"));
        assertEquals(Long.valueOf(2147483648L), read("2147483648"));
        // 2^53 + 1: the first integer a double cannot hold; PagerDuty-style 64-bit ids must survive.
        assertEquals(Long.valueOf(9007199254740993L), read("9007199254740993"));
        assertEquals(Long.valueOf(Long.MAX_VALUE), read("9223372036854775807"));
        assertEquals(BigInteger.TWO.pow(70), read("1180591620717411303424"));
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), read("-9223372036854775809"));
    }

    @Test
    void decimalsAreDoublesOnlyWhenExact() {
        assertEquals(Double.valueOf(0.1), read("0.1"));
        assertEquals(Double.valueOf(1500.0), read("1.5e3"));
        assertEquals(Double.valueOf(-2.5), read("-2.50"));
        assertEquals(Double.valueOf(-0.0), read("-0.0"));
        assertEquals(new BigDecimal("1.00000000000000000001"), read("1.00000000000000000001"));
        assertEquals(new BigDecimal("0.30000000000000000001"), read("0.30000000000000000001"));
        // Beyond the range of double: never Infinity, never 0.
        assertEquals(new BigDecimal("1e400"), read("1e400"));
        assertEquals(new BigDecimal("1e-400"), read("1e-400"));
    }

    @Test
    void exactNumbersAreWrittenBackUnchanged() {
        String json = "[9007199254740993,1180591620717411303424,0.1,1.00000000000000000001,-7]";

        assertEquals(json, write(read(json)));
        assertEquals(List.of(9007199254740993L, BigInteger.TWO.pow(70), 0.1, new BigDecimal("1.00000000000000000001"), -7),
                read(json));
    }

    @Test
    void nullsAreKept() {
        Map<?, ?> map = (Map<?, ?>) read("{\"a\":null,\"b\":[null,1],\"c\":false}");

        assertTrue(map.containsKey("a"));
        assertNull(map.get("a"));
        assertEquals(Arrays.asList(null, 1), map.get("b"));
        assertEquals(Boolean.FALSE, map.get("c"));
        assertNull(read("null"));
        assertNull(read("  null \n"));
        assertEquals("null", write(null));

        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        withNull.put("b", 1);
        assertEquals("{\"a\":null,\"b\":1}", write(withNull));
    }

    @Test
    void scalarsAtTheTopLevelAreValues() {
        assertEquals("x", read("\"x\""));
        assertEquals(Boolean.TRUE, read("true"));
        assertEquals(List.of(), read("[]"));
        assertEquals(Map.of(), read("{}"));
    }

    @Test
    void recordsAndBeansAreWritten() {
        assertEquals("{\"id\":\"P1\",\"name\":\"Web\"}", write(new ServiceRef("P1", "Web")));
        Team team = new Team();
        team.setId("T1");
        team.setName("SRE");
        assertEquals("{\"id\":\"T1\",\"name\":\"SRE\"}", write(team));
    }

    @Test
    void javaTimeIsWrittenAsIso8601() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instant", Instant.parse("2026-01-02T03:04:05Z"));
        body.put("offset", OffsetDateTime.parse("2026-01-02T03:04:05+02:00"));
        body.put("date", LocalDate.parse("2026-01-02"));
        body.put("duration", Duration.ofMinutes(5));

        assertEquals("{\"instant\":\"2026-01-02T03:04:05Z\",\"offset\":\"2026-01-02T03:04:05+02:00\","
                + "\"date\":\"2026-01-02\",\"duration\":\"PT5M\"}", write(body));
    }

    @Test
    void unwritableValuesThrowJsonCodecException() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> codec.write(new Object()));

        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void deeplyNestedTreesAreRefusedWhenWritten() throws Exception {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < 100_000; i++) {
            List<Object> child = new ArrayList<>();
            current.add(child);
            current = child;
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // Jackson's serializers recurse; 1000 levels need about 600 KB of stack, so don't depend on
        // the test JVM's default thread stack size.
        Thread writer = new Thread(null, () -> {
            try {
                codec.write(root);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "deep-writer", 8L << 20);
        writer.start();
        writer.join(30_000);

        JsonCodecException e = assertInstanceOf(JsonCodecException.class, thrown.get());
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        assertTrue(e.getMessage().length() < 1_000, () -> "message too long: " + e.getMessage().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":}", "[1,2", "{\"a\":1} x", "{\"a\":1} 2", "{\"a\":1}{\"b\":2}", "{a:1}",
            "[1,]", "'x'", "{\"a\":1", "tru", "[NaN]", "// c\n1"})
    void malformedJsonThrowsWithThePosition(String json) {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read(json));

        assertTrue(e.getMessage().startsWith("malformed JSON at line 1, column "), e.getMessage());
        assertTrue(POSITION.matcher(e.getMessage()).find(), e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
    }

    @Test
    void truncatedContainersSayWhereTheyStarted() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read("{\"a\":[1,2"));

        assertEquals("malformed JSON at line 1, column 10, byte offset 9: Unexpected end-of-input: expected close marker"
                + " for Array (start marker at [line: 1, column: 6])", e.getMessage());
    }

    @Test
    void malformedJsonReportsTheLineAndTheParsersReason() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read("{\n  \"a\": 1,\n  \"b\": }"));

        assertTrue(e.getMessage().startsWith("malformed JSON at line 3, column "), e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected character ('}'"), e.getMessage());
    }

    @Test
    void trailingContentIsRefusedAtItsPosition() {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read("{\"a\":1} 2"));

        assertEquals("malformed JSON at line 1, column 9, byte offset 8: more content after the JSON value", e.getMessage());
    }

    @Test
    void errorMessagesNeverQuoteTheWholeInput() {
        String secret = "s3cr3t-".repeat(20_000);
        for (String json : List.of("{\"token\":\"" + secret + "\", oops}", "[" + secret + "]", "\"" + secret)) {
            JsonCodecException e = assertThrows(JsonCodecException.class, () -> read(json));

            assertTrue(e.getMessage().length() < 1_000, () -> "message too long: " + e.getMessage().length());
            assertFalse(e.getMessage().contains(secret), "the message quotes the input");
        }
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] json = {'"', (byte) 0xC3, (byte) 0x28, '"'};

        JsonCodecException e = assertThrows(JsonCodecException.class, () -> codec.read(json));
        assertTrue(POSITION.matcher(e.getMessage()).find(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " \n\t\r "})
    void emptyOrBlankInputHasNoJsonContent(String json) {
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read(json));

        assertTrue(e.getMessage().startsWith("no JSON content"), e.getMessage());
    }

    @Test
    void hostileNestingIsACodecErrorNotAStackOverflow() {
        JsonCodecException arrays = assertThrows(JsonCodecException.class, () -> read("[".repeat(100_000)));
        JsonCodecException objects = assertThrows(JsonCodecException.class, () -> read("{\"a\":".repeat(100_000)));

        assertTrue(arrays.getMessage().contains("nesting depth"), arrays.getMessage());
        assertTrue(POSITION.matcher(arrays.getMessage()).find(), arrays.getMessage());
        assertTrue(objects.getMessage().contains("nesting depth"), objects.getMessage());
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        Object tree = read("[".repeat(1000) + "]".repeat(1000));

        int depth = 0;
        for (Object o = tree; o instanceof List<?> list; o = list.isEmpty() ? null : list.get(0)) {
            depth++;
        }
        assertEquals(1000, depth);
    }

    record ServiceRef(String id, String name) {
    }

    static final class Team {
        private String id;
        private String name;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
