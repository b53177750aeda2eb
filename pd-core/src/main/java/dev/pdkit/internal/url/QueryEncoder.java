package dev.pdkit.internal.url;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes query parameters the way PagerDuty reads them.
 *
 * <ul>
 *   <li>A {@code Collection} or array value becomes the repeated parameter {@code key[]=v1&key[]=v2}
 *       (PagerDuty's set filters); a key that already ends in {@code []} is not given a second pair.
 *   <li>Booleans are lower case ({@code total=true}); the API rejects {@code True}.
 *   <li>{@code java.time} values are ISO-8601; a {@code ZonedDateTime} is sent with its offset only.
 *   <li>{@code null} values are left out.
 *   <li>Everything but RFC 3986 unreserved characters is percent-encoded as UTF-8, a space as
 *       {@code %20}.
 * </ul>
 */
public final class QueryEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryEncoder() {
    }

    /** Returns the encoded query string without a leading {@code ?}; "" when there is nothing. */
    public static String encode(Map<String, ?> params) {
        if (params == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("query parameter name is empty");
            }
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof Collection<?> c) {
                appendAll(sb, key, c);
            } else if (value.getClass().isArray()) {
                appendAll(sb, key, arrayToList(value));
            } else {
                append(sb, key, value);
            }
        }
        return sb.toString();
    }

    private static void appendAll(StringBuilder sb, String key, Collection<?> values) {
        String setKey = key.endsWith("[]") ? key : key + "[]";
        for (Object v : values) {
            if (v != null) {
                append(sb, setKey, v);
            }
        }
    }

    private static void append(StringBuilder sb, String key, Object value) {
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
            // The value itself is not shown: it may hold anything, a credential included.
            throw new IllegalArgumentException("query parameter '" + key + "' has a nested value (a "
                    + (value instanceof Map<?, ?> ? "map" : "list") + " inside a list, or a map): PagerDuty takes"
                    + " scalars, and lists of scalars as repeated key[] parameters");
        }
        if (sb.length() > 0) {
            sb.append('&');
        }
        percentEncode(sb, key);
        sb.append('=');
        percentEncode(sb, text(value));
    }

    /** The text PagerDuty expects for one scalar value. */
    static String text(Object value) {
        if (value instanceof ZonedDateTime z) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z);
        }
        if (value instanceof OffsetDateTime o) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(o);
        }
        // Booleans (true, not Python's True), Instant, LocalDate, numbers, strings, enums: their
        // toString() is already the wire form.
        return String.valueOf(value);
    }

    private static java.util.List<Object> arrayToList(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        java.util.List<Object> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }

    /** Appends {@code s} percent-encoded (RFC 3986 unreserved characters are kept). */
    public static void percentEncode(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isUnreserved(c)) {
                sb.append(c);
            } else if (c < 0x80) {
                escape(sb, c);
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    escape(sb, b & 0xff);
                }
                i = end - 1;
            }
        }
    }

    /** Returns {@code s} percent-encoded. */
    public static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        percentEncode(sb, s);
        return sb.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void escape(StringBuilder sb, int b) {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
}
