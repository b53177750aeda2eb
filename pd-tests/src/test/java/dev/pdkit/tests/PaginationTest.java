package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.Paged;
import dev.pdkit.PdHttpException;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdServerException;
import dev.pdkit.PdUrlException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.TypeRef;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * iterAll, iterCursor and their edges against {@link FakePagerDuty} with an empty account: offset
 * pagination as PagerDuty does it ({@code limit} clamped to 100, {@code more}, {@code total} only
 * on request, the 10,000 cap answered 400 code 2002), cursor pagination with opaque cursors, and
 * PagerDuty's filters. Servers that break PagerDuty's rules are in {@link OddPaginationTest}.
 */
class PaginationTest {

    /** A cursor-paginated collection the fake serves from whatever is seeded into it. */
    static final String CURSOR_PATH = "/incident_workflows/triggers";

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.standardSeed(false))
            .build();

    private FakePagerDuty pd;

    @BeforeEach
    void fake(FakePagerDuty pd) {
        this.pd = pd;
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).sleepTimer(0.001).build();
    }

    /** The requests as the fake received them, e.g. {@code GET /users?limit=100&offset=0}. */
    private List<String> requestLines() {
        return pd.requests().stream().map(RecordedRequest::toString).toList();
    }

    /** Users {@code User 0000..}: their names sort as they are numbered, which is the fake's order. */
    private List<Map<String, Object>> seedUsers(int n) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(pd.seed().user(String.format("User %04d", i), "user" + i + "@example.com"));
        }
        return users;
    }

    /** Records of {@link #CURSOR_PATH}, in the fake's (insertion) order. */
    private List<Map<String, Object>> seedCursorRecords(int n) {
        List<Map<String, Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(pd.seed().resource(CURSOR_PATH, Map.of("name", "Trigger " + i)));
        }
        return records;
    }

    /** Log entries, in the fake's order: newest (last seeded) first. */
    private List<Map<String, Object>> seedLogEntries(int n) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Map<String, Object>> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(pd.seed().resource("/log_entries", Map.of("type", "trigger_log_entry",
                    "created_at", t0.plusSeconds(i).toString())));
        }
        Collections.reverse(entries);
        return entries;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 99, 100, 101})
    void offsetPaginationYieldsEveryRecordOnce(int size) {
        List<Map<String, Object>> users = seedUsers(size);
        try (RestApiV2Client client = client()) {
            assertEquals(users, client.listAll("/users"));
            List<String> expected = new ArrayList<>();
            for (int offset = 0; offset == 0 || offset < size; offset += 100) {
                expected.add("GET /users?limit=100&offset=" + offset);
            }
            assertEquals(expected, requestLines());
            assertEquals(expected.size(), client.stats().callCount("GET /users"));
        }
    }

    @Test
    void theCapThrowsAfterEveryReachableRecord() {
        List<Map<String, Object>> entries = seedLogEntries(10_100);
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> seen = new ArrayList<>();
            PdPaginationLimitException e;
            try (Stream<Map<String, Object>> all = client.with(o -> o.params(Map.of("offset", 50))).iterAll("/log_entries").stream()) {
                e = assertThrows(PdPaginationLimitException.class, () -> all.forEach(seen::add));
            }
            assertEquals(entries.subList(50, 10_000), seen, "every reachable record, in order");
            assertEquals(9_950, e.returned());
            assertTrue(e.getMessage().contains("9950 records") && e.getMessage().contains("iterHistory"),
                    e.getMessage());
            List<String> lines = requestLines();
            assertEquals("GET /log_entries?limit=50&offset=9950", lines.get(lines.size() - 1),
                    "the last page shrank to end exactly at 10,000");
            assertEquals(100, lines.size(), "no request crossed the cap");
            assertEquals(List.of(), pd.unmatchedRequests());
        }
    }

    @Test
    void theCapCanWarnAndStopInstead() {
        List<Map<String, Object>> entries = seedLogEntries(10_100);
        try (LogCapture log = new LogCapture();
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                        .warnAtPaginationLimit(true).build()) {
            assertEquals(entries.subList(0, 10_000), client.listAll("/log_entries"));
            assertTrue(log.records.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("10000") && r.getMessage().contains("incomplete")), log.messages().toString());
            assertEquals(100, pd.requestCount(), "it stopped before the request PagerDuty would refuse");
        }
    }

    @Test
    void aCursorEndpointThroughIterAllYieldsEveryRecord() {
        List<Map<String, Object>> records = seedCursorRecords(12_000);
        try (RestApiV2Client client = client()) {
            try (Stream<Map<String, Object>> all = client.iterAll(CURSOR_PATH).stream()) {
                Iterator<Map<String, Object>> it = all.iterator();
                int n = 0;
                while (it.hasNext()) {
                    assertEquals(records.get(n), it.next());
                    n++;
                }
                assertEquals(12_000, n, "no 10,000 cap on a cursor");
            }
            List<RecordedRequest> received = pd.requests();
            assertEquals(120, received.size());
            assertEquals("GET " + CURSOR_PATH + "?limit=100", received.get(0).toString());
            List<String> cursors = received.stream().skip(1).map(r -> r.queryParam("cursor")).toList();
            assertTrue(cursors.stream().allMatch(c -> c != null && !c.isEmpty()), cursors.toString());
            assertEquals(119, new HashSet<>(cursors).size(), "each page asked for once, by the cursor the last one gave");
            assertTrue(received.stream().allMatch(r -> "100".equals(r.queryParam("limit"))));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void iterCursorFollowsNextCursorAndRefusesOtherPaths() {
        String id;
        try (RestApiV2Client writer = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .defaultFrom("admin@example.com").build()) {
            pd.seed().user(Map.of("name", "Admin", "email", "admin@example.com", "role", "admin"));
            // Seven audit records about one user: its creation and six updates, made over REST.
            id = (String) ((Map<String, Object>) writer.rpost("users", Map.of("name", "Audited", "email",
                    "audited@example.com"))).get("id");
            for (int i = 1; i <= 6; i++) {
                writer.rput("users/" + id, Map.of("name", "Audited " + i));
            }
        }
        String path = "/users/" + id + "/audit/records";
        int before = pd.requestCount();
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> walked = client.with(o -> o.params(Map.of("limit", 3))).iterCursor("users/" + id + "/audit/records")
                    .toList();
            List<RecordedRequest> walk = pd.requests().subList(before, pd.requestCount());
            // The same pages read one by one, to learn the cursors the fake handed out.
            Map<String, Object> page1 = (Map<String, Object>) client.with(o -> o.params(Map.of("limit", 3))).get(path).json();
            String c1 = (String) page1.get("next_cursor");
            Map<String, Object> page2 = (Map<String, Object>) client.with(o -> o.params(Map.of("limit", 3, "cursor", c1))).get(path).json();
            String c2 = (String) page2.get("next_cursor");
            Map<String, Object> page3 = (Map<String, Object>) client.with(o -> o.params(Map.of("limit", 3, "cursor", c2))).get(path).json();
            assertNull(page3.get("next_cursor"));
            List<Object> expected = new ArrayList<>((List<Object>) page1.get("records"));
            expected.addAll((List<Object>) page2.get("records"));
            expected.addAll((List<Object>) page3.get("records"));
            assertEquals(7, expected.size());
            assertEquals(expected, walked);
            assertEquals("create", walked.get(6).get("action"), "newest first");
            assertEquals(List.of("GET " + path + "?limit=3", "GET " + path + "?limit=3&cursor=" + c1,
                    "GET " + path + "?limit=3&cursor=" + c2), walk.stream().map(RecordedRequest::toString).toList());
            int count = pd.requestCount();
            PdUrlException e = assertThrows(PdUrlException.class, () -> client.iterCursor("/users"));
            assertTrue(e.getMessage().contains("cursor"), e.getMessage());
            assertEquals(count, pd.requestCount());
        }
    }

    @Test
    void advancesByWhatArrivesWhenTheServerClampsTheLimit() {
        List<Map<String, Object>> users = seedUsers(260);
        try (RestApiV2Client client = client()) {
            assertEquals(users, client.with(o -> o.pageSize(250)).with(o -> o.params(Map.of())).iterAll("/users").toList(), "PagerDuty answers at most 100");
            assertEquals(List.of("GET /users?limit=250&offset=0", "GET /users?limit=250&offset=100",
                    "GET /users?limit=250&offset=200"), requestLines());
        }
    }

    @Test
    void aCallersLimitAndOffsetAreTheStartingPointAndTheMapIsUntouched() {
        List<Map<String, Object>> users = seedUsers(70);
        List<Map<String, Object>> everyone = new ArrayList<>(users);
        for (int i = 0; i < 5; i++) {
            everyone.add(pd.seed().user("Zed " + i, "zed" + i + "@example.org")); // no "user" in name or email
        }
        try (RestApiV2Client client = client()) {
            Map<String, Object> params = Map.of("limit", 25, "offset", 10, "query", "user");
            assertEquals(users.subList(10, 70), client.with(o -> o.params(params)).listAll("/users"));
            assertEquals(List.of("GET /users?query=user&limit=25&offset=10", "GET /users?query=user&limit=25&offset=35",
                    "GET /users?query=user&limit=25&offset=60"), requestLines());
            assertEquals(Map.of("limit", 25, "offset", 10, "query", "user"), params);
            assertEquals(everyone, client.with(o -> o.pageSize(30)).with(o -> o.params(Map.of())).iterAll("/users").toList());
        }
    }

    @Test
    void anErrorOnPageThreeKeepsWhatWasReturnedAndNamesTheOffset() {
        List<Map<String, Object>> users = seedUsers(300);
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> kept = new ArrayList<>();
            try (Paged<Map<String, Object>> paged = client.iterAll("/users")) {
                Iterator<Map<String, Object>> it = paged.iterator();
                for (int i = 0; i < 200; i++) {
                    kept.add(it.next());
                }
                assertEquals(2, pd.requestCount(), "two pages consumed, the third not yet asked for");
                pd.enqueue(Fault.status(400)); // 400 code 2001 "Invalid Input Provided"
                PdHttpException e = assertThrows(PdHttpException.class, it::hasNext);
                assertEquals(400, e.status());
                assertEquals(2001, e.errorCode().getAsInt());
                assertTrue(e.getMessage().contains("while fetching the page at offset 200 of GET /users"),
                        e.getMessage());
                assertInstanceOf(PdHttpException.class, e.getCause());
                assertFalse(it.hasNext());
            }
            assertEquals(users.subList(0, 200), kept);
            assertEquals("GET /users?limit=100&offset=200", requestLines().get(2));
            assertEquals(3, pd.requestCount());
        }
    }

    @Test
    void aServerErrorOnACursorPageNamesTheCursor() {
        List<Map<String, Object>> records = seedCursorRecords(300);
        try (RestApiV2Client client = client()) {
            List<Map<String, Object>> kept = new ArrayList<>();
            PdServerException e;
            try (Stream<Map<String, Object>> all = client.iterAll(CURSOR_PATH).stream()) {
                Iterator<Map<String, Object>> it = all.iterator();
                for (int i = 0; i < 200; i++) {
                    kept.add(it.next());
                }
                assertEquals(2, pd.requestCount());
                // A GET's 500 is retried twice by default; the third makes the page fail.
                pd.enqueue(Fault.status(500));
                pd.enqueue(Fault.status(500));
                pd.enqueue(Fault.status(500));
                e = assertThrows(PdServerException.class, () -> it.forEachRemaining(kept::add));
            }
            assertEquals(records.subList(0, 200), kept);
            String cursor = pd.requests().get(2).queryParam("cursor");
            assertNotNull(cursor);
            assertTrue(e.getMessage().contains("while fetching the page cursor '" + cursor + "' of GET " + CURSOR_PATH),
                    e.getMessage());
        }
    }

    @Test
    void totalIsSentAndReadable() {
        List<Map<String, Object>> users = seedUsers(150);
        String team = (String) pd.seed().team("Platform").get("id");
        for (Map<String, Object> user : users.subList(0, 130)) {
            pd.seed().teamMember(team, (String) user.get("id"), "responder");
        }
        try (RestApiV2Client client = client()) {
            try (Paged<Map<String, Object>> paged = client.with(o -> o.pageSize(50).total(true)).with(o -> o.params(Map.of("team_ids", List.of(team)))).iterAll("/users")) {
                assertEquals(130, paged.total(), "before the first page: counted in a request of its own");
                int asked = pd.requestCount();
                Iterator<Map<String, Object>> it = paged.iterator();
                assertTrue(it.hasNext());
                assertEquals(130, paged.total(), "the team's members, not every user");
                assertEquals(asked + 1, pd.requestCount(), "once a page reported it, the total costs no request");
                it.forEachRemaining(u -> { });
                assertEquals(130, paged.read());
            }
            assertEquals("GET /users?team_ids%5B%5D=" + team + "&total=true&limit=1&offset=0", requestLines().get(0),
                    "the count request");
            assertEquals("GET /users?team_ids%5B%5D=" + team + "&total=true&limit=50&offset=0", requestLines().get(1));
            assertEquals(4, pd.requestCount());
            assertTrue(pd.requests().stream().allMatch(r -> "true".equals(r.queryParam("total"))));
        }
    }

    @Test
    void refusesPathsThatAreNoPaginatedCollectionBeforeAnyRequest() {
        try (RestApiV2Client client = client()) {
            for (String path : List.of("/users/P1", "users/P1", "/analytics/raw/incidents/Q1/responses",
                    "/incidents/P1/notes", "/abilities/teams")) {
                assertThrows(PdUrlException.class, () -> client.iterAll(path), path);
            }
            assertThrows(PdUrlException.class, () -> client.iterAll("https://evil.example.com/users"));
            assertThrows(IllegalArgumentException.class, () -> client.with(o -> o.pageSize(0)));
            assertEquals(0, pd.requestCount());
        }
    }

    /**
     * A {@link Paged} is an {@code Iterable} for a for-each loop that is iterated once, as the JDK's
     * {@code DirectoryStream}: a second loop (or stream) is refused before any request, and a new
     * call of the client pages afresh.
     */
    @Test
    void aPagedIsIteratedOnceAndANewCallPagesAfresh() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(pd.seed().team(String.format("Team %03d", i)).get("id"));
        }
        try (RestApiV2Client client = client()) {
            for (int round = 0; round < 2; round++) {
                Paged<Map<String, Object>> teams = client.iterAll("/teams");
                assertEquals(2 * round, pd.requestCount(), "nothing is fetched before iterating");
                List<Object> seen = new ArrayList<>();
                for (Map<String, Object> team : teams) {
                    seen.add(team.get("id"));
                }
                assertEquals(ids, seen);
                assertEquals(150, teams.read());
                IllegalStateException again = assertThrows(IllegalStateException.class, teams::iterator);
                assertTrue(again.getMessage().contains("iterated once"), again.getMessage());
                assertThrows(IllegalStateException.class, teams::stream);
                assertThrows(IllegalStateException.class, () -> teams.as(Map.class));
            }
            assertEquals(4, pd.requestCount());
        }
    }

    /** {@link Paged#as} binds every record through the codec, snake_case to camelCase. */
    @Test
    void aPagedBindsItsRecordsToTheCallersType() {
        List<Map<String, Object>> users = seedUsers(120);
        try (RestApiV2Client client = client()) {
            List<UserRow> rows = client.iterAll("/users").as(UserRow.class).toList();
            assertEquals(120, rows.size());
            assertEquals(users.get(0).get("id"), rows.get(0).id());
            assertEquals(users.get(119).get("email"), rows.get(119).email());
            assertEquals(users.get(0).get("html_url"), rows.get(0).htmlUrl());

            List<Keyed<String>> generic = client.iterAll("/users").as(new TypeRef<Keyed<String>>() { })
                    .stream().limit(3).toList();
            assertEquals(users.get(2).get("id"), generic.get(2).id());
            assertEquals(users.get(2).get("name"), generic.get(2).name());
        }
    }

    /** A user as a caller's record: PagerDuty's snake_case names bind to its camelCase components. */
    record UserRow(String id, String email, String htmlUrl) {
    }

    /** A generic record, bound through a {@link TypeRef}. */
    record Keyed<K>(K id, String name) {
    }

    @Test
    void closingTheStreamStopsFetching() {
        List<Map<String, Object>> users = seedUsers(1_000);
        try (RestApiV2Client client = client()) {
            try (Stream<Map<String, Object>> all = client.iterAll("/users").stream()) {
                assertEquals(users.get(150), all.skip(150).findFirst().orElseThrow());
            }
            assertEquals(2, pd.requestCount());
        }
    }

    @Test
    void aStartingOffsetAtTheCapReachesNothingAndTheAdviceFitsTheEndpoint() {
        try (RestApiV2Client client = client()) {
            PdPaginationLimitException users = assertThrows(PdPaginationLimitException.class,
                    () -> client.with(o -> o.params(Map.of("offset", 10_000))).listAll("/users"));
            assertTrue(users.getMessage().endsWith("so no record is reachable by offset pagination. Narrow the query with"
                    + " filters to read the rest."), users.getMessage());
            assertEquals(0, users.returned());
            PdPaginationLimitException entries = assertThrows(PdPaginationLimitException.class,
                    () -> client.with(o -> o.params(Map.of("offset", 10_000))).listAll("/log_entries"));
            assertTrue(entries.getMessage().endsWith("or use iterHistory(path, since, until), which splits the time window"
                    + " to read every record."), entries.getMessage());
        }
        assertEquals(0, pd.requestCount());
    }

    @Test
    void closingAPagedStopsIt() {
        seedUsers(150);
        try (RestApiV2Client client = client(); Paged<Map<String, Object>> paged = client.iterAll("/users")) {
            Iterator<Map<String, Object>> it = paged.iterator();
            it.next();
            paged.close();
            assertFalse(it.hasNext(), "99 records of the first page were left, and none is returned after close()");
            assertEquals(1, paged.read());
            assertEquals(1, pd.requestCount(), "the second page is never requested");
        }
    }

    @Test
    void aPageWithoutItsWrapperIsAServerError() {
        pd.stub("GET", "/users", 200, "{\"people\":[],\"more\":false}");
        try (RestApiV2Client client = client()) {
            PdServerException e = assertThrows(PdServerException.class, () -> client.listAll("/users"));
            assertTrue(e.getMessage().contains("'users'") && e.getMessage().contains("offset 0"), e.getMessage());
        }
    }

    @Test
    void theDefaultPageSizeIsConfigurable() {
        seedUsers(30);
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .defaultPageSize(20).build()) {
            assertEquals(30, client.listAll("/users").size());
            assertEquals(List.of("GET /users?limit=20&offset=0", "GET /users?limit=20&offset=20"), requestLines());
        }
        assertThrows(IllegalArgumentException.class,
                () -> RestApiV2Client.builder(RestClientTest.TOKEN).defaultPageSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> RestApiV2Client.builder(RestClientTest.TOKEN).defaultPageSize(10_001));
    }
}
