package dev.pdkit.internal.paging;

import dev.pdkit.PdUrlException;
import dev.pdkit.internal.wrapping.Pagination;
import dev.pdkit.internal.wrapping.WrapperDecision;

/** Chooses how {@code iterAll} pages through a GET, or refuses a path that is no paginated collection. */
public final class Route {

    private Route() {
    }

    /**
     * How to page through {@code GET decision.path()}.
     *
     * <ul>
     *   <li>A path the endpoint table marks as offset, cursor or after/before paginated pages that way.
     *   <li>Any other path the table knows with a GET is refused: a single resource, a response
     *       without a wrapper, or a list the API returns whole (such as
     *       {@code /incidents/{id}/notes} or {@code /analytics/raw/incidents/{id}/responses}),
     *       which {@code rget} reads in one request.
     *   <li>A path the table doesn't know (a new endpoint) is paged by offset, as pdpyras does,
     *       unless its last segment looks like an id or no wrapper can be inferred.
     * </ul>
     *
     * @return {@link Pagination#OFFSET}, {@link Pagination#CURSOR} or {@link Pagination#AFTER_BEFORE}
     * @throws PdUrlException if the path can't be paged
     */
    public static Pagination of(WrapperDecision decision) {
        String path = decision.path();
        String pattern = decision.pattern();
        String shown = pattern != null ? pattern : path;
        if (decision.source() == WrapperDecision.Source.TABLE) {
            switch (decision.pagination()) {
                case OFFSET:
                case CURSOR:
                case AFTER_BEFORE:
                    return decision.pagination();
                default:
                    break;
            }
            if (lastSegmentIsId(pattern, path)) {
                throw singular(shown, path);
            }
            if (decision.responseWrapper() == null) {
                throw new PdUrlException("Pagination is not supported for GET " + shown
                        + ": its response is not a wrapped list of records");
            }
            throw new PdUrlException("GET " + shown + " is not paginated: the API returns its whole answer in one"
                    + " response, so read it with rget(\"" + path + "\") instead");
        }
        if (lastSegmentIsId(pattern, path)) {
            throw singular(shown, path);
        }
        if (decision.responseWrapper() == null) {
            throw new PdUrlException("Pagination is not supported for GET " + shown
                    + ": no response wrapper could be inferred for it");
        }
        return Pagination.OFFSET;
    }

    private static PdUrlException singular(String shown, String path) {
        return new PdUrlException("Path " + shown + " (URL " + path + ") is formatted like an individual resource"
                + " rather than a collection, so it is assumed not to support pagination");
    }

    /** In a pattern, a {@code {param}}; in an unknown path, anything not shaped like a collection name. */
    static boolean lastSegmentIsId(String pattern, String path) {
        String p = pattern != null ? pattern : path;
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (pattern != null) {
            return last.startsWith("{") && last.endsWith("}");
        }
        if (last.isEmpty() || last.charAt(0) < 'a' || last.charAt(0) > 'z') {
            return true;
        }
        for (int i = 1; i < last.length(); i++) {
            char c = last.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return true;
            }
        }
        return false;
    }
}
