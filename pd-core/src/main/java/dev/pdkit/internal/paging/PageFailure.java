package dev.pdkit.internal.paging;

import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;

/**
 * Adds to an exception raised while fetching a page which page it was, so that the caller, who
 * keeps every record already returned, knows where to resume.
 */
final class PageFailure {

    private PageFailure() {
    }

    /**
     * An exception like {@code e} (same type, same response) whose message ends with
     * "; while fetching {where} ({returned} records were returned before it)", with {@code e} as its
     * cause. Exceptions of other types, or of subclasses pdkit doesn't know, are returned as they are.
     */
    static RuntimeException at(RuntimeException e, String where, long returned) {
        String message = String.valueOf(e.getMessage()) + "; while fetching " + where + " (" + returned
                + (returned == 1 ? " record was" : " records were") + " returned before it)";
        Class<?> type = e.getClass();
        if (type == PdServerException.class) {
            PdServerException s = (PdServerException) e;
            return new PdServerException(message, s.response(), s.attempts(), e);
        }
        if (type == PdHttpException.class) {
            PdHttpException h = (PdHttpException) e;
            return new PdHttpException(message, h.response(), h.attempts(), e);
        }
        if (type == PdClientException.class) {
            return new PdClientException(message, e);
        }
        return e;
    }
}
