package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdUrlException;
import dev.pdkit.internal.wrapping.EntityWrapping;
import dev.pdkit.internal.wrapping.Pagination;
import dev.pdkit.internal.wrapping.WrapperDecision;
import dev.pdkit.internal.wrapping.WrapperDecision.Source;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {

    /** The refusals, by the reason they give. */
    private static final String SINGULAR = "is formatted like an individual resource";
    private static final String UNWRAPPED = "its response is not a wrapped list of records";
    private static final String WHOLE = "is not paginated: the API returns its whole answer in one response";
    private static final String NO_WRAPPER = "no response wrapper could be inferred for it";

    @ParameterizedTest
    @CsvSource({
        "/users, OFFSET",
        "/incidents/P1/log_entries, OFFSET",
        "/tags/T1/users, OFFSET",
        "/services/S1/tags, OFFSET",
        "/audit/records, CURSOR",
        "/users/U1/audit/records, CURSOR",
        "/automation_actions/actions, CURSOR",
        "/alert_grouping_settings, AFTER_BEFORE",
        "/widgets, OFFSET",
        "/widgets/PW1/gadgets, OFFSET",
    })
    void pagesWhatTheTableSaysAndUnknownCollectionsByOffset(String path, Pagination expected) {
        assertEquals(expected, Route.of(EntityWrapping.decide("GET", path)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/users/P1                                     | " + SINGULAR,
        "/widgets/PW1                                  | " + SINGULAR,
        "/incidents/P1/notes                           | " + WHOLE,
        "/analytics/raw/incidents/Q1/responses         | " + WHOLE,
        "/users/me                                     | " + WHOLE,
        "/oauth_delegations/revocation_requests/status | " + UNWRAPPED,
    })
    void refusesWhatIsNoPaginatedCollectionSayingWhy(String path, String reason) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> Route.of(EntityWrapping.decide("GET", path)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/incidents/P1/notes", "/users/me"})
    void aWholeListIsReferredToRgetWithItsPath(String path) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> Route.of(EntityWrapping.decide("GET", path)));
        assertTrue(e.getMessage().endsWith("read it with rget(\"" + path + "\") instead"), e.getMessage());
    }

    /**
     * Every kind of decision, spelled out: where it came from (the table, a known path without this
     * method, an unknown path), its pattern, its response wrapper and the table's pagination. "-"
     * is null.
     */
    @ParameterizedTest(name = "{0} {1} (pattern {2}, wrapper {3}, {4}): {5}")
    @CsvSource(delimiter = '|', value = {
        // The table's pagination is followed as it is.
        "TABLE        | /users               | /users             | users    | OFFSET       | OFFSET",
        "TABLE        | /audit/records       | /audit/records     | records  | CURSOR       | CURSOR",
        "TABLE        | /alert_grouping_settings | /alert_grouping_settings | alert_grouping_settings | AFTER_BEFORE | AFTER_BEFORE",
        // A GET the table knows without pagination is refused, saying why.
        "TABLE        | /users/P1            | /users/{id}        | user     | NONE         | " + SINGULAR,
        "TABLE        | /users/me            | /users/me          | user     | NONE         | " + WHOLE,
        "TABLE        | /a/status            | /a/status          | -        | NONE         | " + UNWRAPPED,
        // A known path the table lists with other methods only: its pattern says which nodes are ids.
        "INFERRED     | /things              | /things            | things   | NONE         | OFFSET",
        "INFERRED     | /things/T1           | /things/{id}       | thing    | NONE         | " + SINGULAR,
        "INFERRED     | /things/Sub-Things   | /things/Sub-Things | things   | NONE         | OFFSET",
        "INFERRED     | /things              | /things            | -        | NONE         | " + NO_WRAPPER,
        // A path nobody knows: paged by offset if it looks like a collection and a wrapper was inferred.
        "UNKNOWN_PATH | /widgets             | -                  | widgets  | NONE         | OFFSET",
        "UNKNOWN_PATH | /widgets/PW1         | -                  | widget   | NONE         | " + SINGULAR,
        "UNKNOWN_PATH | /widgets             | -                  | -        | NONE         | " + NO_WRAPPER,
    })
    void routesEveryKindOfDecision(Source source, String path, String pattern, String wrapper, Pagination pagination,
            String expected) {
        WrapperDecision decision = new WrapperDecision("GET", path, orNull(pattern), source, null, orNull(wrapper),
                pagination, Set.of());
        if (expected.equals("OFFSET") || expected.equals("CURSOR") || expected.equals("AFTER_BEFORE")) {
            assertEquals(Pagination.valueOf(expected), Route.of(decision));
        } else {
            PdUrlException e = assertThrows(PdUrlException.class, () -> Route.of(decision));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertTrue(e.getMessage().contains(pattern.equals("-") ? path : pattern), "names the path: " + e.getMessage());
        }
    }

    /**
     * pdpyras' rule for a path the table doesn't know: a last segment shaped like a collection name
     * (a lower-case letter, then lower-case letters, digits and underscores) is a collection; anything
     * else is taken for an id, so the path is refused instead of being paged.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "/widgets, collection",
        "/abilities, collection",
        "/zones, collection",
        "/quiz_data, collection",
        "/stats_p90, collection",
        "/widgets/PW1, id",
        "/widgets/1st, id",
        "/widgets/{id}, id",
        "/widgets/éclair, id",
        "/widgets/, id",
        "/widget-types, id",
        "/widgetS, id",
        "/widgets.json, id",
        "/widgets:batch, id",
        "/widgets~, id",
    })
    void anUnknownPathIsACollectionOnlyIfItsLastSegmentLooksLikeOne(String path, String kind) {
        WrapperDecision decision = new WrapperDecision("GET", path, null, Source.UNKNOWN_PATH, null, "records",
                Pagination.NONE, Set.of());
        if (kind.equals("collection")) {
            assertEquals(Pagination.OFFSET, Route.of(decision));
        } else {
            PdUrlException e = assertThrows(PdUrlException.class, () -> Route.of(decision));
            assertTrue(e.getMessage().contains(SINGULAR), e.getMessage());
        }
    }

    private static String orNull(String cell) {
        return cell.equals("-") ? null : cell;
    }
}
