package dev.pdkit.internal.wrapping;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One REST operation as the endpoint table records it.
 *
 * <p>A wrapper is the single top-level key that carries the entity, as in {@code {"user":{...}}};
 * {@code null} means the body is sent or returned as it is. The value {@link #ENTITY_TYPE} stands
 * for the last segment of the actual request path ({@code GET /tags/{id}/users} answers
 * {@code {"users":[...]}}); {@link EntityWrapping#decide} resolves it.
 *
 * @param method upper-case HTTP method
 * @param pattern the path pattern, e.g. {@code /users/{id}}
 * @param pagination how the operation pages
 * @param requestWrapper the request body's wrapper key, or {@code null}
 * @param responseWrapper the response body's wrapper key, or {@code null}
 * @param successStatuses the 2xx codes the spec declares; empty when it declares none (a spec bug,
 *     so callers treat any 2xx as success)
 * @param fromHeader whether the operation needs the {@code From} header
 * @param requestExtraKeys keys the spec allows beside the request wrapper, e.g. {@code rule_id}
 *     beside {@code rule} ({@code rule(+rule_id)}); a body made of the wrapper and some of these
 *     is already wrapped
 */
public record Endpoint(String method, String pattern, Pagination pagination, String requestWrapper,
        String responseWrapper, Set<Integer> successStatuses, FromHeader fromHeader,
        Set<String> requestExtraKeys) {

    /** Wrapper placeholder: the actual path's last segment names the wrapper. */
    public static final String ENTITY_TYPE = "{entity_type}";

    /** Whether an operation needs the {@code From} header (a user's email, for account-level tokens). */
    public enum FromHeader {
        REQUIRED, OPTIONAL, NONE;

        static FromHeader fromWord(String word) {
            return switch (word) {
                case "required" -> REQUIRED;
                case "optional" -> OPTIONAL;
                case "-" -> NONE;
                default -> throw new IllegalArgumentException("unknown from_header value: " + word);
            };
        }
    }

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(fromHeader, "fromHeader");
        method = method.toUpperCase(Locale.ROOT);
        successStatuses = Set.copyOf(successStatuses);
        requestExtraKeys = Set.copyOf(requestExtraKeys);
    }

    /**
     * The wrapper key that a wrapper-notation cell of the table denotes.
     * {@code key} and {@code key(+a|b)} give {@code key}; {@code {entity_type}} gives
     * {@link #ENTITY_TYPE}; {@code -} (no body), {@code (raw)}, {@code (raw:k1|k2)},
     * {@code (raw:array)} and {@code (multipart/form-data)} give {@code null}.
     *
     * @throws IllegalArgumentException for any other notation, so that a change in the data's
     *     vocabulary fails when the table loads instead of wrapping bodies wrongly
     */
    static String wrapperKey(String notation) {
        if (notation.equals("-") || notation.startsWith("(")) {
            return null;
        }
        if (notation.equals(ENTITY_TYPE)) {
            return ENTITY_TYPE;
        }
        String key = notation.contains("(+") && notation.endsWith(")")
                ? notation.substring(0, notation.indexOf("(+"))
                : notation;
        if (!isKey(key)) {
            throw new IllegalArgumentException("unknown wrapper notation: " + notation);
        }
        return key;
    }

    /**
     * The sibling keys of a {@code key(+a|b)} notation; empty for every other notation.
     *
     * @throws IllegalArgumentException for a notation {@link #wrapperKey} refuses, or a sibling
     *     that is not a key
     */
    static Set<String> extraKeys(String notation) {
        String key = wrapperKey(notation);
        if (key == null || key.length() == notation.length()) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>(
                Arrays.asList(notation.substring(key.length() + 2, notation.length() - 1).split("\\|")));
        for (String k : keys) {
            if (!isKey(k)) {
                throw new IllegalArgumentException("unknown wrapper notation: " + notation);
            }
        }
        return keys;
    }

    private static boolean isKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
