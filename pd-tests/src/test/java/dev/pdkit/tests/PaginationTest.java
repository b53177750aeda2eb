package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PageIterator;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdServerException;
import dev.pdkit.PdUrlException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Received;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** iterAll, iterCursor and their edges, against {@link PageServer} on 127.0.0.1. */
class PaginationTest {

    private PageServer server;

    private RestApiV2Client client(PageServer s) {
        server = s;
        return RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(s.url()).sleepTimer(0.001).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<Map<String, Object>> users(int from, int to) {
        return IntStream.range(from, to).mapToObj(PageServer::user).toList();
    }

    private static List<String> queries(List<Received> received) {
        return received.stream().map(Received::query).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 99, 100, 101})
    void offsetPaginationYieldsEveryRecordOnce(int size) {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", size)))) {
            assertEquals(users(0, size), client.listAll("/users"));
            List<String> expected = new ArrayList<>();
            for (int offset = 0; offset == 0 || offset < size; offset += 100) {
                expected.add("limit=100&offset=" + offset);
            }
            assertEquals(expected, queries(server.received()));
            assertEquals(expected.size(), client.stats().callCount("GET /users"));
        }
    }

    @Test
    void theCapThrowsAfterEveryReachableRecord() {
        try (RestApiV2Client client = client(PageServer.start().on("/incidents",
                new PageServer.Offset("incidents", 25_000)))) {
            List<Map<String, Object>> seen = new ArrayList<>();
            PdPaginationLimitException e;
            try (Stream<Map<String, Object>> all = client.iterAll("/incidents", Map.of("offset", 50))) {
                e = assertThrows(PdPaginationLimitException.class, () -> all.forEach(seen::add));
            }
            assertEquals(users(50, 10_000), seen, "every reachable record, in order");
            assertEquals(9_950, e.returned());
            assertTrue(e.getMessage().contains("9950 records") && e.getMessage().contains("iterHistory"),
                    e.getMessage());
            Received last = server.received().get(server.received().size() - 1);
            assertEquals("limit=50&offset=9950", last.query(), "the last page shrank to end exactly at 10,000");
            assertEquals(100, server.received().size(), "no request crossed the cap");
        }
    }

    @Test
    void theCapCanWarnAndStopInstead() {
        server = PageServer.start().on("/users", new PageServer.Offset("users", 25_000));
        try (LogCapture log = new LogCapture();
                RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url())
                        .warnAtPaginationLimit(true).build()) {
            assertEquals(users(0, 10_000), client.listAll("/users"));
            assertTrue(log.records.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("10000") && r.getMessage().contains("incomplete")), log.messages().toString());
        }
    }

    @Test
    void aCursorEndpointThroughIterAllYieldsEveryRecord() {
        try (RestApiV2Client client = client(PageServer.start().on("/audit/records",
                new PageServer.Cursor("records", 25_000)))) {
            try (Stream<Map<String, Object>> all = client.iterAll("/audit/records")) {
                Iterator<Map<String, Object>> it = all.iterator();
                int n = 0;
                while (it.hasNext()) {
                    assertEquals(PageServer.user(n), it.next());
                    n++;
                }
                assertEquals(25_000, n);
            }
            List<Received> received = server.received();
            assertEquals(250, received.size());
            assertEquals("limit=100", received.get(0).query());
            assertEquals("limit=100&cursor=c24900", received.get(249).query());
        }
    }

    @Test
    void iterCursorFollowsNextCursorAndRefusesOtherPaths() {
        try (RestApiV2Client client = client(PageServer.start().on("/users/PU1/audit/records",
                new PageServer.Cursor("records", 7)))) {
            assertEquals(users(0, 7), client.iterCursor("users/PU1/audit/records", Map.of("limit", 3)).toList());
            assertEquals(List.of("limit=3", "limit=3&cursor=c3", "limit=3&cursor=c6"), queries(server.received()));
            PdUrlException e = assertThrows(PdUrlException.class, () -> client.iterCursor("/users"));
            assertTrue(e.getMessage().contains("cursor"), e.getMessage());
            assertEquals(3, server.received().size());
        }
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
            assertEquals(List.of("limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200"),
                    queries(server.received()));
        }
    }

    @Test
    void advancesByWhatArrivesWhenTheServerClampsTheLimit() {
        PageServer.Offset users = new PageServer.Offset("users", 60);
        users.maxLimit = 25;
        try (RestApiV2Client client = client(PageServer.start().on("/users", users))) {
            assertEquals(users(0, 60), client.listAll("/users"));
            assertEquals(List.of("limit=100&offset=0", "limit=100&offset=25", "limit=100&offset=50"),
                    queries(server.received()));
        }
    }

    @Test
    void aCallersLimitAndOffsetAreTheStartingPointAndTheMapIsUntouched() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 70)))) {
            Map<String, Object> params = Map.of("limit", 25, "offset", 10, "query", "user");
            assertEquals(users(10, 70), client.listAll("/users", params));
            assertEquals(List.of("query=user&limit=25&offset=10", "query=user&limit=25&offset=35",
                    "query=user&limit=25&offset=60"), queries(server.received()));
            assertEquals(users(0, 70), client.iterAll("/users", Map.of(), 30).toList());
        }
    }

    @Test
    void anErrorOnPageThreeKeepsWhatWasReturnedAndNamesTheOffset() {
        PageServer.Offset users = new PageServer.Offset("users", 1_000);
        users.failAtOffset = 200;
        try (RestApiV2Client client = client(PageServer.start().on("/users", users))) {
            List<Map<String, Object>> kept = new ArrayList<>();
            try (PageIterator it = client.pageIterator("/users", null, 100, false)) {
                for (int i = 0; i < 200; i++) {
                    kept.add(it.next());
                }
                assertEquals(2, server.received().size(), "two pages consumed, the third not yet asked for");
                PdHttpException e = assertThrows(PdHttpException.class, it::hasNext);
                assertEquals(400, e.status());
                assertEquals(2001, e.errorCode().getAsInt());
                assertTrue(e.getMessage().contains("while fetching the page at offset 200 of GET /users"),
                        e.getMessage());
                assertInstanceOf(PdHttpException.class, e.getCause());
                assertFalse(it.hasNext());
            }
            assertEquals(users(0, 200), kept);
        }
    }

    @Test
    void aServerErrorOnACursorPageNamesTheCursor() {
        PageServer.Cursor records = new PageServer.Cursor("records", 300);
        records.failAtCursor = "c200";
        try (RestApiV2Client client = client(PageServer.start().on("/audit/records", records))) {
            List<Map<String, Object>> kept = new ArrayList<>();
            PdServerException e = assertThrows(PdServerException.class,
                    () -> client.iterAll("/audit/records").forEach(kept::add));
            assertEquals(200, kept.size());
            assertTrue(e.getMessage().contains("while fetching the page cursor 'c200' of GET /audit/records"),
                    e.getMessage());
        }
    }

    @Test
    void totalIsSentAndReadable() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 130)))) {
            try (PageIterator it = client.pageIterator("/users", Map.of("team_ids", List.of("T1")), 50, true)) {
                assertEquals(OptionalLong.empty(), it.total());
                assertTrue(it.hasNext());
                assertEquals(OptionalLong.of(130), it.total());
                it.forEachRemaining(u -> { });
                assertEquals(130, it.returned());
            }
            assertEquals("team_ids%5B%5D=T1&total=true&limit=50&offset=0", server.received().get(0).query());
            assertTrue(server.received().stream().allMatch(r -> r.query().contains("total=true")));
        }
    }

    @Test
    void refusesPathsThatAreNoPaginatedCollectionBeforeAnyRequest() {
        try (RestApiV2Client client = client(PageServer.start())) {
            for (String path : List.of("/users/P1", "users/P1", "/analytics/raw/incidents/Q1/responses",
                    "/incidents/P1/notes", "/abilities/teams")) {
                assertThrows(PdUrlException.class, () -> client.iterAll(path), path);
                assertThrows(PdUrlException.class, () -> client.iterateAll(path), path);
            }
            assertThrows(PdUrlException.class, () -> client.iterAll("https://evil.example.com/users"));
            assertThrows(IllegalArgumentException.class, () -> client.iterAll("/users", null, 0));
            assertTrue(server.received().isEmpty());
        }
    }

    @Test
    void theIterableFormPagesAfreshOnEachLoop() {
        try (RestApiV2Client client = client(PageServer.start().on("/teams", new PageServer.Offset("teams", 150)))) {
            Iterable<Map<String, Object>> teams = client.iterateAll("/teams");
            assertTrue(server.received().isEmpty(), "nothing is fetched before iterating");
            for (int round = 0; round < 2; round++) {
                int n = 0;
                for (Map<String, Object> team : teams) {
                    assertNotNull(team.get("id"));
                    n++;
                }
                assertEquals(150, n);
            }
            assertEquals(4, server.received().size());
        }
    }

    @Test
    void closingTheStreamStopsFetching() {
        try (RestApiV2Client client = client(PageServer.start().on("/users", new PageServer.Offset("users", 1_000)))) {
            try (Stream<Map<String, Object>> all = client.iterAll("/users")) {
                assertEquals(PageServer.user(150), all.skip(150).findFirst().orElseThrow());
            }
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void anUnknownEndpointIsPagedByOffset() {
        try (RestApiV2Client client = client(PageServer.start().on("/widgets", new PageServer.Offset("widgets", 120)))) {
            assertEquals(users(0, 120), client.listAll("/widgets"));
            assertEquals(2, server.received().size());
        }
    }

    @Test
    void aPageWithoutItsWrapperIsAServerError() {
        try (RestApiV2Client client = client(PageServer.start().on("/users",
                r -> LocalServer.Reply.json(200, "{\"people\":[],\"more\":false}")))) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.listAll("/users"));
            assertTrue(e.getMessage().contains("'users'") && e.getMessage().contains("offset 0"), e.getMessage());
        }
    }

    @Test
    void theDefaultPageSizeIsConfigurable() {
        server = PageServer.start().on("/users", new PageServer.Offset("users", 30));
        try (RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url())
                .defaultPageSize(20).build()) {
            assertEquals(30, client.listAll("/users").size());
            assertEquals(List.of("limit=20&offset=0", "limit=20&offset=20"), queries(server.received()));
        }
        assertThrows(IllegalArgumentException.class,
                () -> RestApiV2Client.builder(RestClientTest.TOKEN).defaultPageSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> RestApiV2Client.builder(RestClientTest.TOKEN).defaultPageSize(10_001));
    }
}
