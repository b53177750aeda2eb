package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Received;
import dev.pdkit.tests.LocalServer.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paginations against hand-made servers ({@link PageServer}), because {@code FakePagerDuty} cannot
 * play them:
 *
 * <ul>
 *   <li>the analytics ({@code starting_after}/{@code last}/{@code more}) and alert grouping
 *       ({@code after}) paginations across several pages: the fake answers these endpoints with a
 *       single page (analytics with no data, alert grouping settings as the whole list);</li>
 *   <li>servers that break PagerDuty's pagination rules on purpose, to show the client copes: an
 *       empty page that still says {@code more}, a {@code limit} echoed wrongly, an analytics page
 *       without {@code last};</li>
 *   <li>an endpoint PagerDuty may add tomorrow: the fake knows only the 465 operations of today's
 *       API and answers anything else 404, and its stubs cannot paginate.</li>
 * </ul>
 *
 * PagerDuty-conformant pagination is tested against the fake in {@link PaginationTest}.
 */
class OddPaginationTest {

    private PageServer server;

    private RestApiV2Client client(PageServer s) {
        server = s;
        return RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(s.url()).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** 250 analytics incidents Q0..Q249, paged by the body's limit and starting_after. */
    @SuppressWarnings("unchecked")
    private static Reply analytics(Received r) {
        Map<String, Object> body = (Map<String, Object>) Json.parse(r.body());
        int limit = ((Number) body.get("limit")).intValue();
        Object after = body.get("starting_after");
        int start = after == null ? 0 : Integer.parseInt(((String) after).substring(1)) + 1;
        int end = Math.min(250, start + limit);
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = start; i < end; i++) {
            data.add(Map.of("id", "Q" + i, "status", "resolved"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("first", data.isEmpty() ? null : "Q" + start);
        answer.put("last", data.isEmpty() ? null : "Q" + (end - 1));
        answer.put("more", end < 250);
        answer.put("limit", limit);
        answer.put("filters", body.get("filters"));
        return Reply.json(200, Json.write(answer));
    }

    @Test
    @SuppressWarnings("unchecked")
    void analyticsRawIncidentsFollowsLastWhileMore() {
        try (RestApiV2Client client = client(PageServer.start().on("/analytics/raw/incidents",
                OddPaginationTest::analytics))) {
            Map<String, Object> filters = Map.of("created_at_start", "2026-01-01T00:00:00Z", "urgency", "high");
            // python-pagerduty's iter_analytics_raw_incidents(filters): the listing's parameters are the body.
            List<Map<String, Object>> all = client
                    .with(o -> o.param("filters", filters).param("order", "desc").param("order_by", "created_at"))
                    .iterAll("/analytics/raw/incidents").toList();
            assertEquals(250, all.size());
            assertEquals("Q249", all.get(249).get("id"));
            List<Received> posts = server.received();
            assertEquals(3, posts.size());
            Map<String, Object> first = (Map<String, Object>) Json.parse(posts.get(0).body());
            assertEquals(Map.of("filters", filters, "order", "desc", "order_by", "created_at", "limit", 100), first);
            assertEquals("Q99", ((Map<String, Object>) Json.parse(posts.get(1).body())).get("starting_after"));
            assertEquals("Q199", ((Map<String, Object>) Json.parse(posts.get(2).body())).get("starting_after"));
            assertTrue(posts.stream().allMatch(p -> p.method().equals("POST")));

            List<Map<String, Object>> asc = client.with(o -> o.params(Map.of("filters", filters,
                    "order", "asc", "order_by", "seconds_to_resolve", "limit", 200, "time_zone", "Europe/Berlin"))).iterAll("/analytics/raw/incidents").toList();
            assertEquals(250, asc.size());
            Map<String, Object> body = (Map<String, Object>) Json.parse(server.received().get(3).body());
            assertEquals("Europe/Berlin", body.get("time_zone"));
            assertEquals(200, body.get("limit"));
        }
    }

    @Test
    void analyticsStopsWhenLastIsMissing() {
        try (RestApiV2Client client = client(PageServer.start().on("/analytics/raw/incidents",
                r -> Reply.json(200, "{\"data\":[{\"id\":\"Q1\"}],\"more\":true}")))) {
            assertEquals(1, client.iterAll("/analytics/raw/incidents").stream().count());
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void alertGroupingSettingsFollowTheAfterCursor() {
        try (RestApiV2Client client = client(PageServer.start().on("/alert_grouping_settings", r -> {
            String after = PageServer.param(r, "after");
            if (after == null) {
                return Reply.json(200, "{\"alert_grouping_settings\":[{\"id\":\"AG1\"},{\"id\":\"AG2\"}],"
                        + "\"after\":\"AG2\",\"before\":null,\"limit\":2}");
            }
            return Reply.json(200, "{\"alert_grouping_settings\":[{\"id\":\"AG3\"}],\"after\":null,\"before\":\"AG3\","
                    + "\"limit\":2}");
        }))) {
            List<Object> ids = client.with(o -> o.pageSize(2)).with(o -> o.param("service_ids[]", List.of("S1", "S2"))).iterAll("/alert_grouping_settings").stream().map(s -> s.get("id")).toList();
            assertEquals(List.of("AG1", "AG2", "AG3"), ids);
            assertEquals("service_ids%5B%5D=S1&service_ids%5B%5D=S2&limit=2", server.received().get(0).query());
            assertEquals("service_ids%5B%5D=S1&service_ids%5B%5D=S2&limit=2&after=AG2", server.received().get(1).query());
            assertEquals(3, client.iterAll("/alert_grouping_settings").stream().count(), "iterAll follows it too");
            assertFalse(server.received().get(2).query().contains("after"));
        }
    }

    private static List<Map<String, Object>> users(int from, int to) {
        return IntStream.range(from, to).mapToObj(PageServer::user).toList();
    }

    private List<String> queries() {
        return server.received().stream().map(Received::query).toList();
    }

    @Test
    void anEmptyPageWithMoreTrueEndsTheIteration() {
        PageServer.Offset users = new PageServer.Offset("users", 500);
        users.emptyAtOffset = 200;
        try (LogCapture log = new LogCapture(); RestApiV2Client client = client(PageServer.start().on("/users", users))) {
            assertEquals(users(0, 200), client.listAll("/users"));
            assertEquals(3, server.received().size());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("empty")), log.messages().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "42", "2020"})
    void theEchoedLimitIsIgnored(String echo) {
        PageServer.Offset users = new PageServer.Offset("users", 250);
        users.limitEcho = echo.equals("null") ? null : Integer.valueOf(echo);
        try (RestApiV2Client client = client(PageServer.start().on("/users", users))) {
            assertEquals(users(0, 250), client.listAll("/users"));
            assertEquals(List.of("limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200"), queries());
        }
    }

    @Test
    void anUnknownEndpointIsPagedByOffset() {
        try (RestApiV2Client client = client(PageServer.start().on("/widgets", new PageServer.Offset("widgets", 120)))) {
            assertEquals(users(0, 120), client.listAll("/widgets"));
            assertEquals(List.of("limit=100&offset=0", "limit=100&offset=100"), queries());
        }
    }
}
