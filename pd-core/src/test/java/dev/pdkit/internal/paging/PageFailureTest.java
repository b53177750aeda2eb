package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pdkit.PdClientException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdUrlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A failed page names where the iteration stopped, so that a caller who keeps the records already
 * returned knows where to resume. (PdHttpException and PdServerException, which carry a response,
 * are covered end to end by pd-tests' PaginationTest.)
 */
class PageFailureTest {

    @ParameterizedTest(name = "{0} returned: ...{1}")
    @CsvSource({
        "0, (0 records were returned before it)",
        "1, (1 record was returned before it)",
        "2, (2 records were returned before it)",
    })
    void aClientFailureKeepsItsTypeAndCauseAndSaysWhereAndHowFar(long returned, String tail) {
        PdClientException cause = new PdClientException("connection reset");
        RuntimeException e = PageFailure.at(cause, "the page at offset 200 of GET /users", returned);
        assertEquals(PdClientException.class, e.getClass());
        assertSame(cause, e.getCause());
        assertEquals("connection reset; while fetching the page at offset 200 of GET /users " + tail, e.getMessage());
    }

    @Test
    void otherExceptionsPassThroughUntouched() {
        // Only the types pdkit builds itself are rebuilt; a subclass or a foreign exception keeps its identity.
        RuntimeException foreign = new IllegalStateException("codec bug");
        RuntimeException limit = new PdPaginationLimitException("cap", 10);
        RuntimeException url = new PdUrlException("bad url");
        assertSame(foreign, PageFailure.at(foreign, "the first page of GET /x", 0));
        assertSame(limit, PageFailure.at(limit, "the first page of GET /x", 0));
        assertSame(url, PageFailure.at(url, "the first page of GET /x", 0));
    }
}
