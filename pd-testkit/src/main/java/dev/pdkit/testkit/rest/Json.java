package dev.pdkit.testkit.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain trees ({@code Map<String,Object>} in insertion order, {@code List<Object>},
 * strings, numbers, booleans, {@code null}), read and written by the fake's own JDK-only
 * {@link JsonSyntax}, which gives the trees pdkit's codecs give, so the fake sees bodies as pdkit's
 * clients do without bringing a JSON library into its users' tests.
 */
public final class Json {

    private Json() {
    }

    /** Parses JSON; throws {@link dev.pdkit.spi.JsonCodecException} when it is malformed. */
    public static Object read(byte[] json) {
        return JsonSyntax.read(json);
    }

    /** Parses JSON text. */
    public static Object read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a tree as UTF-8 JSON. */
    public static byte[] write(Object tree) {
        return JsonSyntax.write(tree);
    }

    /** A map built from alternating keys and values; values may be {@code null}. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A deep, mutable copy of a tree, so a handler can change what it returns without touching the store. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), copy(v)));
            return (T) c;
        }
        if (tree instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(v -> c.add(copy(v)));
            return (T) c;
        }
        return tree;
    }

    /** A deep, read-only copy of a tree, for values handed to test code. */
    @SuppressWarnings("unchecked")
    public static <T> T freeze(T tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), freeze(v)));
            return (T) Collections.unmodifiableMap(c);
        }
        if (tree instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(v -> c.add(freeze(v)));
            return (T) Collections.unmodifiableList(c);
        }
        return tree;
    }

    /** The value as a JSON object, or {@code null} when it is anything else. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** The value as a JSON array, or an empty list when it is anything else. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of();
    }

    /** The member as a string: strings as they are, numbers and booleans as text, else {@code null}. */
    public static String str(Map<String, Object> object, String key) {
        if (object == null) {
            return null;
        }
        Object v = object.get(key);
        return v instanceof String || v instanceof Number || v instanceof Boolean ? String.valueOf(v) : null;
    }

    /** The {@code id} of a reference (an object with {@code id}) or the string itself; else {@code null}. */
    public static String id(Object reference) {
        if (reference instanceof String s) {
            return s;
        }
        return str(map(reference), "id");
    }

    /** True when the string is null or blank. */
    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
