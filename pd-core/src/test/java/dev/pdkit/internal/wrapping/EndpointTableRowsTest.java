package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.internal.wrapping.TableRows.Case;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the embedded table, as a concrete request, goes through match(), find() and decide(). */
class EndpointTableRowsTest {

    static List<Case> cases() {
        return TableRows.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRowMatchesAndDecidesFromTheTable(Case c) {
        TableRows.Row row = c.row();
        EndpointTable table = EndpointTable.defaultTable();
        assertEquals(row.pattern(), table.paths().match(c.path()), "canonical pattern");

        if (row.pathOnly()) {
            // A path the spec declares without operations: known, so any method is INFERRED, not UNKNOWN_PATH.
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                assertNull(table.find(method, row.pattern()));
            }
            assertEquals(WrapperDecision.Source.INFERRED, EntityWrapping.decide("GET", c.path()).source());
            return;
        }

        Endpoint e = table.find(row.method(), row.pattern());
        assertNotNull(e, "table entry");
        Set<Integer> statuses = row.success().equals("?") ? Set.of()
                : Arrays.stream(row.success().split("\\|")).map(Integer::valueOf).collect(Collectors.toSet());
        WrapperDecision d = EntityWrapping.decide(row.method().toLowerCase(), c.path());
        assertAll(
                () -> assertEquals(statuses, e.successStatuses(), "success statuses"),
                () -> assertEquals(row.from().equals("required"), table.requiresFrom(row.method(), row.pattern())),
                () -> assertEquals(row.method(), d.method()),
                () -> assertEquals(c.path(), d.path()),
                () -> assertEquals(row.pattern(), d.pattern()),
                () -> assertEquals(WrapperDecision.Source.TABLE, d.source()),
                () -> assertTrue(d.strict()),
                () -> assertEquals(c.expected(row.request()), d.requestWrapper(), "request wrapper"),
                () -> assertEquals(c.expected(row.response()), d.responseWrapper(), "response wrapper"),
                () -> assertEquals(row.pagination(), d.pagination().word(), "pagination"));
    }
}
