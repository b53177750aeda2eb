package dev.pdkit.internal.paging;

import dev.pdkit.PdClientException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a paginated answer: the items, already taken out of their wrapper, and the whole
 * decoded body, where the pagers read {@code more}, {@code total}, {@code next_cursor},
 * {@code after} or {@code last}.
 *
 * @param items the page's records, in the order the API gave them
 * @param body the decoded response body
 * @param malformed makes the exception for a page the pager can't follow, from a message: the
 *     client's gives a {@code PdServerException} that carries this page's response
 */
public record Page(List<Map<String, Object>> items, Map<?, ?> body, Function<String, RuntimeException> malformed) {

    public Page {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(malformed, "malformed");
    }

    /** A page whose malformations raise a plain {@link PdClientException}. */
    public Page(List<Map<String, Object>> items, Map<?, ?> body) {
        this(items, body, PdClientException::new);
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
