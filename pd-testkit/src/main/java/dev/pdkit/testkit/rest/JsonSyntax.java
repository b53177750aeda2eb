package dev.pdkit.testkit.rest;

import dev.pdkit.spi.JsonCodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake's own JSON reader and writer, on plain trees and with the JDK alone. Why not a JSON
 * library: the fake runs inside its users' tests, so whichever Jackson it brought would decide the
 * host's codec there and clash with a host on another Jackson line (Spring Boot 4 is on Jackson 3).
 * Trees are all the fake reads and writes, so it needs no binding.
 *
 * <p>Reading gives what pdkit's codecs give: {@link LinkedHashMap} in document order (a repeated
 * key keeps its last value), {@link ArrayList}, {@link String}, {@link Boolean}, {@code null}, and
 * exact numbers: integers as {@link Integer}, {@link Long} or {@link BigInteger}, the smallest that
 * fits; decimals as {@link Double} when the double equals the literal's value, else
 * {@link BigDecimal}. The input is strict UTF-8 holding exactly one JSON value (RFC 8259), nested at
 * most {@value #MAX_DEPTH} deep; anything else is a {@link JsonCodecException} that says where.
 *
 * <p>Writing takes those trees plus what the fake builds itself: any {@code Map} (keys as text),
 * {@code Iterable} or array, other {@code Number}s, enums (their name), and {@code java.time}
 * values as ISO-8601 text (a {@code ZonedDateTime} with its offset, as PagerDuty writes times).
 * Non-finite doubles are written as the strings {@code "NaN"} and {@code "Infinity"}, as Jackson does.
 */
final class JsonSyntax {

    /** The deepest nesting read, as Jackson's default limit: deeper input would only exhaust the stack. */
    static final int MAX_DEPTH = 1000;

    private JsonSyntax() {
    }

    // ---------------------------------------------------------------- reading

    static Object read(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonCodecException("malformed JSON: the input is not valid UTF-8", e);
        }
        Reader r = new Reader(text);
        r.skipSpace();
        Object value = r.value(0);
        r.skipSpace();
        if (r.pos < text.length()) {
            throw r.error("unexpected " + r.describe() + " after the JSON value");
        }
        return value;
    }

    /** A recursive-descent reader over one document; recursion is bounded by {@link #MAX_DEPTH}. */
    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        Object value(int depth) {
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected " + describe());
            }
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name in double quotes, found " + describe());
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                map.put(name, value(depth));
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' in an object, found " + describe());
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            pos++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth));
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' in an array, found " + describe());
                }
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        private String string() {
            int start = ++pos;
            // The common case has no escapes: one substring.
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    return s.substring(start, pos++);
                }
                if (c == '\\' || c < 0x20) {
                    break;
                }
                pos++;
            }
            StringBuilder b = new StringBuilder(s.length() - start).append(s, start, pos);
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> b.append(hex4());
                    default -> {
                        pos--;
                        throw error("invalid escape '\\" + e + "' in a string");
                    }
                }
            }
            throw error("unexpected end of input in a string");
        }

        private char hex4() {
            if (pos + 4 > s.length()) {
                throw error("unexpected end of input in a \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos), 16);
                if (d < 0) {
                    throw error("invalid hex digit " + describe() + " in a \\u escape");
                }
                v = v * 16 + d;
                pos++;
            }
            return (char) v;
        }

        private Number number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("expected a digit, found " + describe());
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after the decimal point, found " + describe());
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent, found " + describe());
                }
                digits();
            }
            String literal = s.substring(start, pos);
            if (integral) {
                int digits = literal.length() - (literal.charAt(0) == '-' ? 1 : 0);
                if (digits <= 9) {
                    return Integer.parseInt(literal);
                }
                if (digits <= 18) {
                    long l = Long.parseLong(literal);
                    return l == (int) l ? (Number) (int) l : (Number) l;
                }
                BigInteger big = new BigInteger(literal);
                return big.bitLength() < 32 ? (Number) big.intValue()
                        : big.bitLength() < 64 ? (Number) big.longValue() : big;
            }
            BigDecimal exact = new BigDecimal(literal);
            double d = exact.doubleValue();
            // A double only when it stands for the literal's value: one that rounds it never reaches a caller.
            return Double.isFinite(d) && BigDecimal.valueOf(d).compareTo(exact) == 0 ? (Number) d : exact;
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected " + describe());
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "', found " + describe());
            }
            pos++;
        }

        /** The current character, or U+0000 at the end (never valid where a token is expected). */
        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                pos++;
            }
        }

        String describe() {
            if (pos >= s.length()) {
                return "end of input";
            }
            char c = s.charAt(pos);
            return c < 0x20 || c > 0x7e ? "character U+" + String.format("%04X", (int) c) : "'" + c + "'";
        }

        JsonCodecException error(String what) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new JsonCodecException("malformed JSON at line " + line + ", column " + column + ": " + what);
        }
    }

    // ---------------------------------------------------------------- writing

    static byte[] write(Object tree) {
        StringBuilder b = new StringBuilder(256);
        write(b, tree, 0);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder b, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonCodecException("cannot write JSON nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof String str) {
            string(b, str);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                b.append(v);
            } else {
                string(b, String.valueOf(v));
            }
        } else if (v instanceof BigDecimal dec) {
            b.append(dec);
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue(), depth + 1);
            }
            b.append('}');
        } else if (v instanceof Iterable<?> items) {
            b.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, item, depth + 1);
            }
            b.append(']');
        } else if (v instanceof Object[] items) {
            write(b, List.of(items), depth);
        } else if (v instanceof ZonedDateTime z) {
            string(b, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(z));
        } else if (v instanceof TemporalAccessor || v instanceof java.time.Duration || v instanceof java.time.Period
                || v instanceof java.time.ZoneId) {
            string(b, v.toString());
        } else if (v instanceof Enum<?> e) {
            string(b, e.name());
        } else if (v instanceof Number n) {
            b.append(n);
        } else {
            throw new JsonCodecException("cannot write a " + v.getClass().getName() + " as JSON: the fake writes"
                    + " maps, lists, text, numbers, booleans and java.time values");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                escape = switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> String.format("\\u%04x", (int) c);
                };
            } else {
                continue;
            }
            b.append(s, from, i).append(escape);
            from = i + 1;
        }
        b.append(s, from, s.length()).append('"');
    }
}
