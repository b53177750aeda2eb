package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTableTest {

    private static final EndpointTable TABLE = EndpointTable.defaultTable();
    private static final String HEADER = "method\tpath\tpagination\trequest_wrapper\tresponse_wrapper\tsuccess_status\tfrom_header";

    @Test
    void shippedTableHasEveryOperationOfTheSpec() {
        List<Endpoint> all = TABLE.endpoints();
        assertEquals(465, all.size());
        Map<String, Long> byMethod = all.stream().collect(Collectors.groupingBy(Endpoint::method, Collectors.counting()));
        assertEquals(Map.of("GET", 211L, "POST", 105L, "PUT", 77L, "DELETE", 71L, "PATCH", 1L), byMethod);
        Map<Pagination, Long> byPagination = all.stream()
                .collect(Collectors.groupingBy(Endpoint::pagination, Collectors.counting()));
        assertEquals(Map.of(Pagination.NONE, 384L, Pagination.OFFSET, 56L, Pagination.CURSOR, 20L,
                Pagination.AFTER_BEFORE, 1L, Pagination.ANALYTICS, 4L), byPagination);
        assertSame(TABLE, EndpointTable.defaultTable());
    }

    @Test
    void findIsCaseInsensitiveAndNullForUnknownMethodsOrPatterns() {
        assertEquals("user", TABLE.find("get", "/users/{id}").responseWrapper());
        assertNull(TABLE.find("PATCH", "/users/{id}"));
        assertNull(TABLE.find("GET", "/users/PABC123"));      // a path, not a pattern
        assertNull(TABLE.find("GET", "/widgets"));
    }

    /** pdpyras' CURSOR_BASED_PAGINATION_PATHS (spec 8.3) and python-pagerduty's additions, all from the data now. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/audit/records", "/automation_actions/actions", "/automation_actions/runners",
        "/escalation_policies/{id}/audit/records", "/incident_workflows/actions", "/incident_workflows/triggers",
        "/schedules/{id}/audit/records", "/services/{id}/audit/records", "/teams/{id}/audit/records",
        "/users/{id}/audit/records",
        "/users/{id}/oauth_delegations", "/v3/schedules/{id}/audit/records", "/workflows/integrations",
        "/workflows/integrations/connections", "/workflows/integrations/{integration_id}/connections",
        "/recommendations/event_orchestrations/rules"})
    void cursorPathsOfPdpyrasAndPythonPagerdutyAreCursorPaginated(String pattern) {
        assertEquals(Pagination.CURSOR, TABLE.listPagination(pattern));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /users                   | OFFSET
            /log_entries             | OFFSET
            /alert_grouping_settings | AFTER_BEFORE
            /users/{id}              | NONE
            # No GET here: the analytics POST pages, but it is not a list endpoint.
            /analytics/raw/incidents | NONE
            /widgets                 | NONE
            """)
    void listPagination(String pattern, Pagination expected) {
        assertEquals(expected, TABLE.listPagination(pattern));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /incidents                | true
            put  | /incidents                | true
            PUT  | /incidents/{id}/merge     | true
            POST | /incidents/{id}/snooze    | true
            PUT  | /log_entries/{id}/channel | true
            GET  | /incidents                | false
            # The spec says optional here, which is not required.
            POST | /escalation_policies      | false
            POST | /widgets                  | false
            """)
    void requiresFrom(String method, String pattern, boolean expected) {
        assertEquals(expected, TABLE.requiresFrom(method, pattern));
    }

    @Test
    void aPathWithoutOperationsIsAPatternWithoutEndpoints() {
        EndpointTable t = EndpointTable.parse(List.of(HEADER,
                "GET\t/a\toffset\t-\tas\t200\t-",
                "-\t/a/count\tnone\t-\t-\t?\t-"));
        assertEquals("/a/count", t.paths().match("/a/count"));
        assertNull(t.find("GET", "/a/count"));
        assertEquals(1, t.endpoints().size());
    }

    @Test
    void cellsAreParsed() {
        EndpointTable t = EndpointTable.parse(List.of("# comment", HEADER, "",
                "put\t/r/{id}/rules/{rule_id}\tnone\trule(+rule_id)\trule\t200|201\toptional",
                "GET\t/x\tnone\t-\t-\t?\trequired"));
        Endpoint e = t.find("PUT", "/r/{id}/rules/{rule_id}");
        assertEquals(new Endpoint("PUT", "/r/{id}/rules/{rule_id}", Pagination.NONE, "rule", "rule",
                Set.of(200, 201), Endpoint.FromHeader.OPTIONAL, Set.of("rule_id")), e);
        assertEquals(Set.of(), t.find("GET", "/x").successStatuses());
        assertTrue(t.requiresFrom("GET", "/x"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "GET\t/a\tpages\t-\t-\t200\t-",             // unknown pagination word
        "GET\t/a\tnone\tUser\t-\t200\t-",           // unknown wrapper notation
        "GET\t/a\tnone\t-\tusers(privileges)\t200\t-",
        "GET\t/a\tnone\t-\t-\t2xx\t-",              // bad status
        "GET\t/a\tnone\t-\t-\t200\tmaybe",          // bad from_header
        "GET\t/a\tnone\t-\t-\t200",                 // too few columns
        "GET\ta\tnone\t-\t-\t200\t-",               // not a path
    })
    void malformedRowsFailTheLoadWithTheLineNumber(String row) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EndpointTable.parse(List.of(HEADER, row)));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void duplicateOperationsAndAmbiguousPathsFailTheLoad() {
        assertThrows(IllegalStateException.class, () -> EndpointTable.parse(List.of(
                "GET\t/a\tnone\t-\t-\t200\t-", "GET\t/a\toffset\t-\tas\t200\t-")));
        assertThrows(IllegalStateException.class, () -> EndpointTable.parse(List.of(
                "GET\t/a/{id}\tnone\t-\ta\t200\t-", "PUT\t/a/{a_id}\tnone\ta\ta\t200\t-")));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = ',', nullValues = "NULL", textBlock = """
            user,                                     user
            escalation_policy,                        escalation_policy
            rule(+rule_id),                           rule
            responses(+incident_id|order|order_by),   responses
            {entity_type},                            {entity_type}
            # The key alphabet: lower-case letters, digits and underscores.
            a_z_0_9,                                  a_z_0_9
            a_z_0_9(+z_a_9_0),                        a_z_0_9
            -,                                        NULL
            (raw),                                    NULL
            (raw:add|remove),                         NULL
            (raw:array),                              NULL
            (multipart/form-data),                    NULL
            """)
    void wrapperNotation(String notation, String key) {
        assertEquals(key, Endpoint.wrapperKey(notation));
    }

    /**
     * A wrapper cell the parser doesn't understand fails the load, naming the line, instead of
     * wrapping bodies in a wrong key: a change in the data's vocabulary is caught when pdkit loads.
     */
    @ParameterizedTest(name = "request wrapper \"{0}\"")
    @ValueSource(strings = {
        "",                     // an empty cell
        "User", "a-b", "a`b", "a{b", "a/b", "a:b",   // outside a-z, 0-9 and _
        "users(privileges)",    // a parenthesis that is not (+...)
        "rule(+rule_id",        // (+ never closed
        "rule)",
        "rule(+)",              // no sibling key
        "rule(+|rule_id)",
        "rule(+Rule_ID)",       // a sibling key outside the alphabet
    })
    void unknownWrapperNotationsFailTheLoad(String notation) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EndpointTable.parse(List.of(HEADER, "PUT\t/a\tnone\t" + notation + "\t-\t200\t-")));
        assertTrue(e.getMessage().equals(EndpointTable.RESOURCE + " line 2: unknown wrapper notation: " + notation),
                e.getMessage());
    }

    @Test
    void extraKeysOfTheNotation() {
        assertEquals(Set.of("rule_id"), Endpoint.extraKeys("rule(+rule_id)"));
        assertEquals(Set.of("incident_id", "order"), Endpoint.extraKeys("responses(+incident_id|order)"));
        assertEquals(Set.of(), Endpoint.extraKeys("user"));
        assertEquals(Set.of(), Endpoint.extraKeys("(raw:add|remove)"));
        // Three request cells of the shipped data carry extras; check that loading kept them.
        Map<String, Set<String>> withExtras = TABLE.endpoints().stream()
                .filter(e -> !e.requestExtraKeys().isEmpty())
                .collect(Collectors.toMap(e -> e.method() + " " + e.pattern(), Endpoint::requestExtraKeys));
        assertEquals(Map.of(
                "PUT /rulesets/{id}/rules/{rule_id}", Set.of("rule_id"),
                "PUT /services/{id}/rules/{rule_id}", Set.of("rule_id"),
                "POST /enrichment/query", Set.of("schema_id")), withExtras);
    }

    @Test
    void paginationWords() {
        for (Pagination p : Pagination.values()) {
            assertSame(p, Pagination.fromWord(p.word()));
        }
        assertEquals(Pagination.AFTER_BEFORE, Pagination.fromWord("cursor-after-before"));
        assertThrows(IllegalArgumentException.class, () -> Pagination.fromWord("OFFSET"));
    }
}
