package dev.pdkit.internal.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdUrlException;
import dev.pdkit.internal.wrapping.EntityWrapping;
import dev.pdkit.internal.wrapping.Pagination;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {

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
    @ValueSource(strings = {"/users/P1", "/widgets/PW1", "/abilities/teams", "/analytics/raw/incidents/Q1/responses",
        "/incidents/P1/notes", "/users/me", "/oauth_delegations/revocation_requests/status"})
    void refusesWhatIsNoPaginatedCollection(String path) {
        PdUrlException e = assertThrows(PdUrlException.class, () -> Route.of(EntityWrapping.decide("GET", path)));
        assertTrue(e.getMessage().contains("GET") || e.getMessage().contains("individual resource"), e.getMessage());
    }
}
