package dev.pdkit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link JsonCodec} MUST have, as a JUnit Jupiter suite. A codec's tests extend
 * this class and implement {@link #createCodec()}:
 *
 * <pre>{@code
 * class MyCodecContractTest extends JsonCodecContract {
 *     @Override
 *     protected JsonCodec createCodec() {
 *         return MyCodec.create();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks round trips of nested maps and lists (keeping key order), unicode and escapes,
 * 64-bit and bigger numbers read and written exactly, {@code null} handling, typed binding to a
 * record and to a bean with unknown fields ignored (also through generic types), malformed JSON
 * failing with a {@link JsonCodecException} that gives the position, an empty body failing the
 * same way, and one codec shared by many threads.
 *
 * <p>The binding targets are the public nested types of this class. On the module path the codec
 * needs reflective access to them, which {@code dev.pdkit.testkit} grants by opening this package.
 *
 * <p>Not thread-safe; JUnit creates an instance per test.
 */
// JUnit is `requires static` in dev.pdkit.testkit (optional for users of the fake server only), so javac
// notes that its annotations on these public methods are not re-exported; whoever runs a contract has JUnit.
@SuppressWarnings("exports")
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class JsonCodecContract {

    /** A position in an error message: "line 3", "column 7", "offset 12", "position 4", "char 9". */
    private static final Pattern POSITION =
            Pattern.compile("(?i)\\b(line|column|col|offset|position|pos|index|char(acter)?)\\D{0,4}\\d+");

    private JsonCodec codec;

    /** For subclasses. */
    protected JsonCodecContract() {
    }

    /**
     * Creates the codec under test; called once per test.
     *
     * @return a new codec
     */
    protected abstract JsonCodec createCodec();

    /** Creates this test's codec. */
    @BeforeEach
    public void createCodecUnderTest() {
        codec = assertInstanceOf(JsonCodec.class, createCodec(), "createCodec returned null");
    }

    // ---------------------------------------------------------------- trees

    /** {@code read} gives plain Java trees: Map, List, String, Number, Boolean and null. */
    @Test
    public void readGivesPlainJavaTrees() {
        Object tree = read("{\"s\":\"x\",\"i\":1,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,\"two\",{\"three\":3}],\"o\":{\"k\":\"v\"}}");

        Map<?, ?> map = assertInstanceOf(Map.class, tree);
        assertEquals("x", map.get("s"));
        assertInstanceOf(Number.class, map.get("i"));
        assertInstanceOf(Number.class, map.get("d"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(Boolean.FALSE, map.get("f"));
        assertTrue(map.containsKey("n"));
        assertNull(map.get("n"));
        List<?> list = assertInstanceOf(List.class, map.get("a"));
        assertEquals(3, list.size());
        assertEquals("two", list.get(1));
        assertInstanceOf(Map.class, list.get(2));
        assertEquals(Map.of("k", "v"), map.get("o"));
    }

    /** Object keys keep document order when read, and insertion order when written. */
    @Test
    public void objectKeysKeepTheirOrder() {
        String json = "{\"z\":1,\"a\":2,\"m\":{\"y\":1,\"b\":2},\"c\":3}";

        Map<?, ?> map = assertInstanceOf(Map.class, read(json));
        Map<?, ?> again = assertInstanceOf(Map.class, codec.read(codec.write(map)));

        assertEquals(List.of("z", "a", "m", "c"), new ArrayList<>(map.keySet()));
        assertEquals(List.of("y", "b"), new ArrayList<>(((Map<?, ?>) map.get("m")).keySet()));
        assertEquals(List.of("z", "a", "m", "c"), new ArrayList<>(again.keySet()));
    }

    /** Nested maps and lists, empty ones included, survive a write and a read unchanged. */
    @Test
    public void nestedMapsAndListsRoundTrip() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("id", "PSVC1");
        service.put("type", "service_reference");
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("type", "incident");
        incident.put("title", "The server is on fire");
        incident.put("service", service);
        incident.put("assignments", List.of(Map.of("assignee", Map.of("id", "PUSER1", "type", "user_reference"))));
        incident.put("body", Map.of("details", List.of(List.of(1, 2), List.of(), Map.of())));
        incident.put("urgency", "high");
        incident.put("priority", null);
        incident.put("escalation_level", 2);
        incident.put("is_mergeable", true);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("incident", incident);

        Object back = codec.read(codec.write(tree));

        assertEquals(normalize(tree), normalize(back));
    }

    /** Unicode (BMP and beyond) and every escape survive, and the output is strict UTF-8. */
    @Test
    public void unicodeAndEscapesRoundTrip() throws CharacterCodingException {
        String text = "St\u00f6rung \u260e \u969c\u5bb3 \ud83d\udea8 \"quoted\" back\\slash /slash"
                + " \b\f\n\r\t \u0000 \u001f \u007f \u2028\u2029";
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("summary", text);
        tree.put("\u969c\u5bb3 \ud83d\udea8 key", "unicode key");

        byte[] json = codec.write(tree);

        String decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(json)).toString();
        assertFalse(decoded.startsWith("\ufeff"), "no byte order mark");
        assertEquals(tree, codec.read(json));
        assertEquals("\ud83d\udea8\n\t\"\\/\u00e9\u0000", read("\"\\ud83d\\udea8\\n\\t\\\"\\\\\\/\\u00e9\\u0000\""));
        assertEquals(Map.of("s", "\u969c\u5bb3 \ud83d\udea8"),
                codec.read("{\"s\":\"\u969c\u5bb3 \ud83d\udea8\"}".getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- numbers

    /** Integers are read exactly, as Integer, Long or BigInteger, never as a floating-point type. */
    @Test
    public void integersAreReadExactly() {
        for (String literal : List.of("0", "-1", "42", "2147483647", "-2147483648", "2147483648", "-2147483649",
                "9007199254740993", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                "-9223372036854775809", "1180591620717411303424", "-1180591620717411303424")) {
            Object value = read(literal);

            assertTrue(value instanceof Integer || value instanceof Long || value instanceof BigInteger,
                    () -> literal + " was read as " + (value == null ? "null" : value.getClass().getName()));
            assertEquals(new BigInteger(literal), new BigInteger(value.toString()), literal);
        }
    }

    /** Decimals are read exactly: a Double only when it stands for the literal, else a BigDecimal. */
    @Test
    public void decimalsAreReadExactly() {
        for (String literal : List.of("0.1", "1.5e3", "-2.50", "3.141592653589793", "1.00000000000000000001",
                "0.30000000000000000001", "1e400", "-1e400", "1e-400", "123456789012345678901234567890.123456789")) {
            Object value = read(literal);

            Number number = assertInstanceOf(Number.class, value, literal);
            assertFalse(number instanceof Float, literal + " was read as a Float");
            assertEquals(0, new BigDecimal(literal).compareTo(exact(number)), () -> literal + " was read as " + number
                    + " (" + number.getClass().getName() + ")");
        }
    }

    /** 64-bit and bigger numbers are written exactly and read back unchanged. */
    @Test
    public void bigNumbersAreWrittenExactly() {
        List<Number> numbers = List.of(9007199254740993L, Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(70),
                BigInteger.TWO.pow(70).negate(), new BigDecimal("1.00000000000000000001"), new BigDecimal("1e400"),
                0.1, -7, Integer.MIN_VALUE);

        List<?> back = assertInstanceOf(List.class, codec.read(codec.write(numbers)));

        assertEquals(numbers.size(), back.size());
        for (int i = 0; i < numbers.size(); i++) {
            Number expected = numbers.get(i);
            Number actual = assertInstanceOf(Number.class, back.get(i));
            assertEquals(0, exact(expected).compareTo(exact(actual)), () -> expected + " came back as " + actual);
        }
    }

    // ---------------------------------------------------------------- nulls and scalars

    /** Nulls are kept: as map values (the key stays), in lists, and at the top level. */
    @Test
    public void nullsAreKept() {
        Map<?, ?> map = assertInstanceOf(Map.class, read("{\"a\":null,\"b\":[null,1]}"));
        assertTrue(map.containsKey("a"));
        assertNull(map.get("a"));
        List<?> list = assertInstanceOf(List.class, map.get("b"));
        assertNull(list.get(0));
        assertEquals(2, list.size());
        assertNull(read("null"));
        assertNull(read(" null \n"));
        assertEquals("null", new String(codec.write(null), StandardCharsets.UTF_8).trim());

        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        withNull.put("b", Arrays.asList(null, "x"));
        Map<?, ?> back = assertInstanceOf(Map.class, codec.read(codec.write(withNull)));
        assertTrue(back.containsKey("a"), "a null map value is written, not dropped");
        assertNull(back.get("a"));
        assertEquals(Arrays.asList(null, "x"), back.get("b"));
    }

    /** Any JSON value may stand at the top level, surrounded by whitespace. */
    @Test
    public void scalarsAtTheTopLevelAreValues() {
        assertEquals("x", read("\"x\""));
        assertEquals(Boolean.TRUE, read("true"));
        assertEquals(Boolean.FALSE, read("false"));
        assertEquals(List.of(), read("[]"));
        assertEquals(Map.of(), read("{}"));
        assertEquals(0, new BigDecimal("42").compareTo(exact(assertInstanceOf(Number.class, read("  42 \n")))));
    }

    // ---------------------------------------------------------------- typed binding

    /** A tree binds to a record; unknown fields (a new PagerDuty field tomorrow) are ignored. */
    @Test
    public void bindsARecordIgnoringUnknownFields() {
        Object tree = read("{\"id\":\"PINC1\",\"summary\":\"Disk full \u2603\",\"incident_number\":9007199254740993,"
                + "\"number\":9007199254740993,\"urgent\":true,\"tags\":[\"db\",\"prod\"],"
                + "\"service\":{\"id\":\"PSVC1\",\"type\":\"service_reference\",\"summary\":\"unknown here\"},"
                + "\"html_url\":\"https://example.pagerduty.com/incidents/PINC1\",\"extra\":{\"nested\":[1,2,{}]}}");

        Incident incident = codec.convert(tree, Incident.class);

        assertEquals(new Incident("PINC1", "Disk full \u2603", 9007199254740993L, true, List.of("db", "prod"),
                new ServiceRef("PSVC1", "service_reference")), incident);
    }

    /** A tree binds to a bean with setters; unknown fields are ignored, missing ones stay default. */
    @Test
    public void bindsABeanIgnoringUnknownFields() {
        Object tree = read("{\"id\":\"PUSER1\",\"name\":\"Ann Example\",\"email\":\"ann@example.com\","
                + "\"time_zone\":\"Europe/Berlin\",\"teams\":[{\"id\":\"PT1\"}],\"role\":\"admin\",\"invitation_sent\":false}");

        User user = codec.convert(tree, User.class);

        assertEquals("PUSER1", user.getId());
        assertEquals("Ann Example", user.getName());
        assertEquals("ann@example.com", user.getEmail());
        assertNull(user.getDescription(), "a field missing from the JSON stays null");
    }

    /** Generic types ({@code List<ServiceRef>}, {@code Map<String, ServiceRef>}) bind element by element. */
    @Test
    public void bindsGenericTypes() {
        Object list = read("[{\"id\":\"P1\",\"type\":\"service_reference\",\"x\":1},{\"id\":\"P2\",\"type\":\"service\"}]");
        Object map = read("{\"first\":{\"id\":\"P1\",\"type\":\"service_reference\"}}");

        List<ServiceRef> services = codec.convert(list, new TypeCapture<List<ServiceRef>>() { }.type());
        Map<String, ServiceRef> byName = codec.convert(map, new TypeCapture<Map<String, ServiceRef>>() { }.type());

        assertEquals(List.of(new ServiceRef("P1", "service_reference"), new ServiceRef("P2", "service")), services);
        assertEquals(Map.of("first", new ServiceRef("P1", "service_reference")), byName);
    }

    /** Records and beans are written as JSON objects of their properties. */
    @Test
    public void writesRecordsAndBeans() {
        User user = new User();
        user.setId("PUSER1");
        user.setName("Ann");

        Map<?, ?> service = assertInstanceOf(Map.class, codec.read(codec.write(new ServiceRef("P1", "service_reference"))));
        Map<?, ?> written = assertInstanceOf(Map.class, codec.read(codec.write(user)));

        assertEquals(Map.of("id", "P1", "type", "service_reference"), service);
        assertEquals("PUSER1", written.get("id"));
        assertEquals("Ann", written.get("name"));
    }

    /** A tree that does not fit the type is a {@link JsonCodecException}, not the library's own. */
    @Test
    public void bindingMismatchIsJsonCodecException() {
        Object tree = read("{\"id\":\"PINC1\",\"number\":\"not a number\"}");

        JsonCodecException e = assertThrows(JsonCodecException.class, () -> codec.convert(tree, Incident.class));

        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    // ---------------------------------------------------------------- malformed and empty input

    /** Malformed JSON is a {@link JsonCodecException} whose message gives the position. */
    @Test
    public void malformedJsonIsJsonCodecExceptionWithThePosition() {
        for (String json : List.of("{\"a\":1,", "{\"a\" 1}", "[1,2", "tru", "{\"a\":1}}", "\"unterminated", "{\"a\":}", "]")) {
            JsonCodecException e = assertThrows(JsonCodecException.class, () -> read(json), json);

            assertNotNull(e.getMessage(), json);
            assertTrue(POSITION.matcher(e.getMessage()).find(), () -> "no position in the message for " + json + ": " + e.getMessage());
        }
        JsonCodecException e = assertThrows(JsonCodecException.class, () -> read("{\n  \"a\": 1,\n  \"b\": }"));
        assertTrue(Pattern.compile("(?i)\\bline\\D{0,4}3\\b").matcher(e.getMessage()).find(),
                () -> "the message should name line 3: " + e.getMessage());
    }

    /** An empty body, or one of only whitespace, is not JSON: a {@link JsonCodecException} that says so. */
    @Test
    public void emptyBodyIsJsonCodecException() {
        for (byte[] empty : List.of(new byte[0], " \n\t\r ".getBytes(StandardCharsets.US_ASCII))) {
            JsonCodecException e = assertThrows(JsonCodecException.class, () -> codec.read(empty));

            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    // ---------------------------------------------------------------- threads

    /**
     * One codec serves 16 threads at once.
     *
     * @throws Exception if a thread fails
     */
    @Test
    public void oneCodecServesManyThreads() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> task = () -> {
                    assertTrue(start.await(30, TimeUnit.SECONDS));
                    for (int i = 0; i < 200; i++) {
                        Map<String, Object> tree = new LinkedHashMap<>();
                        tree.put("thread", "t" + thread);
                        tree.put("items", List.of("i" + i, Map.of("n", "v" + i)));
                        assertEquals(tree, codec.read(codec.write(tree)));
                        Incident bound = codec.convert(codec.read(codec.write(Map.of("id", "P" + thread, "number", i))), Incident.class);
                        assertEquals("P" + thread, bound.id());
                        assertEquals(i, bound.number());
                    }
                    return thread;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                assertEquals(t, results.get(t).get(45, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- binding targets

    /**
     * A binding target: a record with a nested record, a list and primitive components.
     *
     * @param id the id
     * @param summary the summary
     * @param number a 64-bit number
     * @param urgent a flag
     * @param tags a list
     * @param service a nested record
     */
    public record Incident(String id, String summary, long number, boolean urgent, List<String> tags, ServiceRef service) {
    }

    /**
     * A binding target: a reference as PagerDuty returns them.
     *
     * @param id the id
     * @param type the reference type
     */
    public record ServiceRef(String id, String type) {
    }

    /** A binding target: a bean with a no-argument constructor, getters and setters. */
    public static final class User {
        private String id;
        private String name;
        private String email;
        private String description;

        /** Creates an empty user. */
        public User() {
        }

        /** @return the id */
        public String getId() {
            return id;
        }

        /** @param id the id */
        public void setId(String id) {
            this.id = id;
        }

        /** @return the name */
        public String getName() {
            return name;
        }

        /** @param name the name */
        public void setName(String name) {
            this.name = name;
        }

        /** @return the e-mail address */
        public String getEmail() {
            return email;
        }

        /** @param email the e-mail address */
        public void setEmail(String email) {
            this.email = email;
        }

        /** @return the description */
        public String getDescription() {
            return description;
        }

        /** @param description the description */
        public void setDescription(String description) {
            this.description = description;
        }
    }

    // ---------------------------------------------------------------- helpers

    private Object read(String json) {
        return codec.read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The exact value of a number read or written (a Double stands for its shortest decimal form). */
    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            assertTrue(Double.isFinite(d), () -> "not finite: " + n);
            return BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** A tree with every number replaced by its exact value, so Integer 1 equals Long 1. */
    private static Object normalize(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, normalize(v)));
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (tree instanceof Number n) {
            return exact(n).stripTrailingZeros();
        }
        return tree;
    }

    /** Captures a generic type by subclassing, e.g. {@code new TypeCapture<List<ServiceRef>>() { }.type()}. */
    private abstract static class TypeCapture<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }
}
