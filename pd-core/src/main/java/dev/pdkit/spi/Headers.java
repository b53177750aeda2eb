package dev.pdkit.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable, case-insensitive, multi-valued map of HTTP header fields.
 *
 * <p>Names keep the spelling of their first occurrence and the order in which they were added;
 * lookups ignore case. Names MUST be RFC 9110 tokens and values MUST be visible US-ASCII, space or
 * tab: anything else (a line break that could inject a header, or a non-ASCII character that
 * transports would encode differently) is rejected with {@link IllegalArgumentException} when the
 * header is added, so every transport sends exactly the same bytes.
 *
 * <p>Instances are immutable and safe to share between threads. {@link #toString()} hides the
 * value of {@code Authorization} and {@code Proxy-Authorization}.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(new LinkedHashMap<>());

    /** Lower-cased name to entry; an entry keeps the original spelling and the values. */
    private final Map<String, Entry> entries;

    private Headers(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Returns headers with no fields. */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Returns headers built from alternating names and values, e.g.
     * {@code Headers.of("Accept", "application/json", "X-Id", "1")}.
     *
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes name/value pairs; got an odd number of arguments");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** Returns headers holding every value of {@code map}, in its iteration order. */
    public static Headers of(Map<String, ? extends List<String>> map) {
        Builder b = builder();
        map.forEach((name, values) -> values.forEach(v -> b.add(name, v)));
        return b.build();
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** Returns a builder that starts from these headers. */
    public Builder toBuilder() {
        Map<String, Entry> copy = new LinkedHashMap<>();
        entries.forEach((k, e) -> copy.put(k, new Entry(e.name, new ArrayList<>(e.values))));
        return new Builder(copy);
    }

    /** Returns the first value of the named field, if present. */
    public Optional<String> first(String name) {
        Entry e = entries.get(key(name));
        return e == null ? Optional.empty() : Optional.of(e.values.get(0));
    }

    /** Returns the first value of the named field, or {@code null} when it is absent. */
    public String firstOrNull(String name) {
        Entry e = entries.get(key(name));
        return e == null ? null : e.values.get(0);
    }

    /** Returns every value of the named field in the order added; empty when absent. */
    public List<String> all(String name) {
        Entry e = entries.get(key(name));
        return e == null ? List.of() : Collections.unmodifiableList(e.values);
    }

    /** Returns true when the named field is present. */
    public boolean contains(String name) {
        return entries.containsKey(key(name));
    }

    /** Returns the field names in the spelling and order they were first added. */
    public Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        entries.values().forEach(e -> names.add(e.name));
        return Collections.unmodifiableSet(names);
    }

    /** Returns true when there are no fields. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Returns the number of distinct field names. */
    public int size() {
        return entries.size();
    }

    /** Calls {@code action} once per (name, value) pair, in order. */
    public void forEach(BiConsumer<String, String> action) {
        entries.values().forEach(e -> e.values.forEach(v -> action.accept(e.name, v)));
    }

    /** Returns a copy as an ordered map from name to values. */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        entries.values().forEach(e -> map.put(e.name, List.copyOf(e.values)));
        return Collections.unmodifiableMap(map);
    }

    /** Returns headers where the named field has exactly this one value. */
    public Headers with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    /** Returns headers where every field of {@code other} replaces the field of the same name. */
    public Headers withAll(Headers other) {
        if (other.isEmpty()) {
            return this;
        }
        Builder b = toBuilder();
        other.entries.values().forEach(e -> b.set(e.name, e.values));
        return b.build();
    }

    /** Returns headers without the named field. */
    public Headers without(String name) {
        if (!contains(name)) {
            return this;
        }
        return toBuilder().remove(name).build();
    }

    /** Equal when the same names (ignoring case) have the same values in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && entries.equals(h.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        entries.forEach((k, e) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.name).append('=');
            if (k.equals("authorization") || k.equals("proxy-authorization")) {
                sb.append("[redacted]");
            } else {
                sb.append(e.values.size() == 1 ? e.values.get(0) : e.values.toString());
            }
        });
        return sb.append('}').toString();
    }

    private static String key(String name) {
        Objects.requireNonNull(name, "header name");
        return name.toLowerCase(Locale.ROOT);
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c)
                        + " at index " + i + " in header name '" + name + "'");
            }
        }
    }

    static void checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "the value of header '" + name + "' is null");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                // The value itself is not echoed: it may be a credential.
                throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c)
                        + " at index " + i + " in the value of header '" + name
                        + "': header values must be visible US-ASCII, space or tab");
            }
        }
    }

    private static final class Entry {
        final String name;
        final List<String> values;

        Entry(String name, List<String> values) {
            this.name = name;
            this.values = values;
        }

        /** Equal when the values are: the spelling of the name is not part of a field's identity. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && values.equals(e.values);
        }

        @Override
        public int hashCode() {
            return values.hashCode();
        }
    }

    /** A mutable builder of {@link Headers}. Not thread-safe. */
    public static final class Builder {
        private Map<String, Entry> entries;

        private Builder(Map<String, Entry> entries) {
            this.entries = entries;
        }

        /** Adds a value, keeping earlier values of the same field. */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            entries.computeIfAbsent(key(name), k -> new Entry(name, new ArrayList<>(1))).values.add(value);
            return this;
        }

        /** Replaces every value of the field with this one. */
        public Builder set(String name, String value) {
            return set(name, Collections.singletonList(value));
        }

        /** Replaces every value of the field with these (an empty list removes the field). */
        public Builder set(String name, List<String> values) {
            checkName(name);
            if (values.isEmpty()) {
                return remove(name);
            }
            List<String> copy = new ArrayList<>(values.size());
            for (String v : values) {
                checkValue(name, v);
                copy.add(v);
            }
            String k = key(name);
            Entry old = entries.get(k);
            entries.put(k, new Entry(old == null ? name : old.name, copy));
            return this;
        }

        /** Removes the field. */
        public Builder remove(String name) {
            entries.remove(key(name));
            return this;
        }

        /** Returns the immutable headers; the builder may be reused afterwards. */
        public Headers build() {
            if (entries.isEmpty()) {
                return EMPTY;
            }
            Map<String, Entry> frozen = new LinkedHashMap<>();
            entries.forEach((k, e) -> frozen.put(k, new Entry(e.name, List.copyOf(e.values))));
            return new Headers(frozen);
        }
    }
}
