package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathsTest {

    private static final CanonicalPaths SHIPPED = EndpointTable.defaultTable().paths();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # pdpyras URLHandlingTest and spec 6.2
            /services/POOPBUG                                                 | /services/{id}
            /automation_actions/actions/PABC123/teams/PDEF456                 | /automation_actions/actions/{id}/teams/{team_id}
            /status_dashboards/url_slugs/my-awesome-dashboard/service_impacts | /status_dashboards/url_slugs/{url_slug}/service_impacts
            /services/POOPBUG/change_tags                                     | /{entity_type}/{id}/change_tags
            /users/me                                                         | /users/me
            # The spec declares /incidents/count without operations; it is still a literal that beats /incidents/{id}.
            /incidents/count                                                  | /incidents/count
            /users                                                            | /users
            /users/PABC                                                       | /users/{id}
            /tags/T1/users                                                    | /tags/{id}/{entity_type}
            /tags/T1/escalation_policies                                      | /tags/{id}/{entity_type}
            # Two patterns fit; the literal 'tags' in the first segment decides.
            /tags/T1/tags                                                     | /tags/{id}/{entity_type}
            # Backtracking: the literal branch /users/{id}/... has no 'tags' child, the {entity_type} branch does.
            /users/PABC/tags                                                  | /{entity_type}/{id}/tags
            /escalation_policies/PEP1/change_tags                             | /{entity_type}/{id}/change_tags
            /incidents/types                                                  | /incidents/types
            /incidents/PINC1/alerts                                           | /incidents/{id}/alerts
            # Both /incidents/custom_fields/{field_id} and /incidents/{id}/alerts fit: left-most literal wins.
            /incidents/custom_fields/alerts                                   | /incidents/custom_fields/{field_id}
            /event_orchestrations/services/PSVC1                              | /event_orchestrations/services/{service_id}
            /event_orchestrations/services/PSVC1/active                       | /event_orchestrations/services/{service_id}/active
            /event_orchestrations/E1/router                                   | /event_orchestrations/{id}/router
            /services/PSVC1/rules/convert                                     | /services/{id}/rules/convert
            /services/PSVC1/rules/R1                                          | /services/{id}/rules/{rule_id}
            /users/PABC/sessions/web/S1                                       | /users/{id}/sessions/{type}/{session_id}
            /v3/schedules/S1/rotations/R1/events/E1                           | /v3/schedules/{id}/rotations/{rotation_id}/events/{event_id}
            /recommendations/event_orchestrations/services/S1/rules/R1/accept | /recommendations/event_orchestrations/services/{service_id}/rules/{recommendation_id}/accept
            # Not percent-decoded: an encoded id is just an opaque segment.
            /users/P%2FX                                                      | /users/{id}
            """)
    void matchesShippedPatterns(String path, String pattern) {
        assertEquals(pattern, SHIPPED.match(path));
    }

    @ParameterizedTest(name = "no match: \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
        "/users/",                       // trailing slash: the empty node matches nothing (as in pdpyras)
        "//users",
        "/users//contact_methods",
        "/users/PABC/contact_methods/",
        "/",
        "users",                         // not relative to the root
        "/widgets",
        "/widgets/P1",
        "/users/PABC/unknown_collection",
        "/customfields/fields",          // in pdpyras' list, gone from the API
    })
    void doesNotMatch(String path) {
        assertNull(SHIPPED.match(path));
    }

    @Test
    void shippedTableBuildsWithEveryPathOfTheSpec() {
        // 272 paths with operations plus /incidents/count, which the spec lists without any.
        assertEquals(273, SHIPPED.patterns().size());
        assertTrue(SHIPPED.patterns().contains("/incidents/count"));
    }

    @Test
    void patternsIdenticalUpToParameterNamesAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CanonicalPaths(List.of("/a/{id}/b", "/x", "/a/{a_id}/b")));
        assertTrue(e.getMessage().contains("/a/{id}/b") && e.getMessage().contains("/a/{a_id}/b"), e.getMessage());
    }

    @Test
    void theSamePatternTwiceIsOnePattern() {
        CanonicalPaths p = new CanonicalPaths(List.of("/a/{id}", "/a/{id}"));
        assertEquals("/a/{id}", p.match("/a/1"));
        assertEquals(1, p.patterns().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "users/{id}", "/a//b", "/a/", "/", "", "/a/{", "/a/}", "/a/x{y}", "/a/x}", "/a/{b}c",
        "/a/{}", "/a?b=1", "/a/{b{c}}", "/a/{b}c}"})
    void malformedPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> new CanonicalPaths(List.of(pattern)));
    }

    @Test
    void literalBeatsParameterLeftToRightWithBacktracking() {
        CanonicalPaths p = new CanonicalPaths(List.of("/a/b/c", "/a/{x}/d", "/{y}/b/c", "/{y}/{z}/e"));
        assertEquals("/a/b/c", p.match("/a/b/c"));
        assertEquals("/a/{x}/d", p.match("/a/b/d"));       // the literal b leads nowhere; {x} does
        assertEquals("/{y}/b/c", p.match("/q/b/c"));
        assertEquals("/{y}/{z}/e", p.match("/a/b/e"));     // backtracks over two levels
        assertNull(p.match("/a/b/f"));
        assertNull(p.match("/a/b"));
        assertNull(p.match("/a/b/c/d"));
    }

    @Test
    void parameterMatchesAnyNonEmptySegmentIncludingBraces() {
        CanonicalPaths p = new CanonicalPaths(List.of("/users/{id}"));
        assertEquals("/users/{id}", p.match("/users/{id}"));
        assertEquals("/users/{id}", p.match("/users/me"));
        assertFalse(p.patterns().isEmpty());
    }
}
