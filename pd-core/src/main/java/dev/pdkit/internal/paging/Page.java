package dev.pdkit.internal.paging;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of a paginated answer: the items, already taken out of their wrapper, and the whole
 * decoded body, where the pagers read {@code more}, {@code total}, {@code next_cursor},
 * {@code after} or {@code last}.
 *
 * @param items the page's records, in the order the API gave them
 * @param body the decoded response body
 */
public record Page(List<Map<String, Object>> items, Map<?, ?> body) {

    public Page {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(body, "body");
    }

    /** The body's value for {@code key}, or {@code null}. */
    Object get(String key) {
        return body.get(key);
    }

    /** True when the body's {@code key} is the JSON {@code true} (or the text "true"). */
    boolean isTrue(String key) {
        Object v = body.get(key);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }
}
