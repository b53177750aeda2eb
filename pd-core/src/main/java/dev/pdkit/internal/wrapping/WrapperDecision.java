package dev.pdkit.internal.wrapping;

import java.util.Objects;
import java.util.Set;

/**
 * How to wrap one request's body and unwrap its response, and where that answer came from.
 *
 * @param method the upper-case HTTP method
 * @param path the actual request path, e.g. {@code /users/PABC123}
 * @param pattern the matched pattern, or {@code null} when no known path fits
 * @param source where the wrappers came from
 * @param requestWrapper the key to wrap the request body in, or {@code null} to send it as given
 * @param responseWrapper the key to unwrap from the response body, or {@code null} to return it whole
 * @param pagination the operation's pagination; {@link Pagination#NONE} unless from the table
 * @param requestExtraKeys keys allowed beside the request wrapper in an already wrapped body
 *     (see {@link Endpoint#requestExtraKeys()}); empty unless from the table
 */
public record WrapperDecision(String method, String path, String pattern, Source source,
        String requestWrapper, String responseWrapper, Pagination pagination, Set<String> requestExtraKeys) {

    /** Where a decision came from. */
    public enum Source {
        /** The endpoint table lists this method on this path. */
        TABLE,
        /** The path is known but not with this method: pdpyras' rule applied to the pattern. */
        INFERRED,
        /** No known path fits: pdpyras' rule applied to the actual path, a best guess. */
        UNKNOWN_PATH
    }

    public WrapperDecision {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pagination, "pagination");
        requestExtraKeys = Set.copyOf(requestExtraKeys);
    }

    /**
     * Whether a response lacking {@link #responseWrapper()} is an error. Only the table's answers
     * are trusted that far; a guess that turns out wrong means the raw body is returned instead, so
     * an endpoint the table doesn't know still works.
     */
    public boolean strict() {
        return source == Source.TABLE;
    }
}
