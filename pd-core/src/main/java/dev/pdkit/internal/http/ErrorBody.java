package dev.pdkit.internal.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * PagerDuty's error body, parsed leniently. The documented shape is
 * {@code {"error":{"code":2001,"message":"...","errors":["..."]}}}; the live API also sends
 * {@code errors} as one string or as a map of field to messages, and change events send
 * {@code {"error":["..."]}}. The Events API sends {@code {"status":..,"message":..,"errors":[..]}}.
 * Anything else yields an empty result, never an exception.
 */
public record ErrorBody(Integer code, String message, List<String> errors) {

    /** Longest body excerpt put into an exception message. */
    public static final int TEXT_LIMIT = 200;

    private static final ErrorBody NONE = new ErrorBody(null, null, List.of());

    /** Parses a decoded body; never throws. */
    public static ErrorBody parse(Object tree) {
        if (!(tree instanceof Map<?, ?> body)) {
            return NONE;
        }
        Object error = body.get("error");
        if (error instanceof Map<?, ?> e) {
            return new ErrorBody(asInteger(e.get("code")), asText(e.get("message")), flatten(e.get("errors")));
        }
        if (error instanceof Collection<?> || error instanceof String) {
            return new ErrorBody(null, null, flatten(error));
        }
        if (body.containsKey("errors") || body.containsKey("message")) {
            return new ErrorBody(asInteger(body.get("code")), asText(body.get("message")), flatten(body.get("errors")));
        }
        return NONE;
    }

    /** This error with {@code f} applied to its message and to each of its errors. */
    public ErrorBody map(UnaryOperator<String> f) {
        if (message == null && errors.isEmpty()) {
            return this;
        }
        List<String> mapped = new ArrayList<>(errors.size());
        errors.forEach(e -> mapped.add(f.apply(e)));
        return new ErrorBody(code, message == null ? null : f.apply(message), List.copyOf(mapped));
    }

    /** A one-line summary such as {@code code 2001 Invalid Input Provided: [a, b]}; empty when nothing parsed. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (code != null) {
            sb.append("code ").append(code);
        }
        if (message != null) {
            sb.append(sb.length() > 0 ? " " : "").append(message);
        }
        if (!errors.isEmpty()) {
            sb.append(sb.length() > 0 ? ": " : "").append(String.join("; ", errors));
        }
        return sb.toString();
    }

    /** Cuts {@code text} to {@link #TEXT_LIMIT} characters, marking the cut with "...". */
    public static String truncate(String text) {
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 3) + "...";
    }

    private static Integer asInteger(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String asText(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> flatten(Object errors) {
        List<String> out = new ArrayList<>();
        if (errors == null) {
            return List.of();
        } else if (errors instanceof Collection<?> c) {
            c.forEach(item -> out.add(String.valueOf(item)));
        } else if (errors instanceof Map<?, ?> m) {
            m.forEach((field, messages) -> {
                if (messages instanceof Collection<?> c) {
                    c.forEach(msg -> out.add(field + ": " + msg));
                } else {
                    out.add(field + ": " + messages);
                }
            });
        } else {
            out.add(String.valueOf(errors));
        }
        return List.copyOf(out);
    }
}
