package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdUrlException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import dev.pdkit.tests.LocalServer.Received;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * iterHistory: splitting time windows past the 10,000 cap, against {@link FakePagerDuty} with log
 * entries seeded at chosen instants (the fake lists them newest first and filters
 * {@code since <= created_at < until}) and audit records made over REST.
 *
 * <p>One test keeps a hand-made server ({@link PageServer.History}):
 * {@link #aServerCountingBoundaryEntriesInBothWindowsStillYieldsEachOnce()}. Whether PagerDuty
 * includes an entry stamped exactly at {@code until} is undocumented; the fake answers half-open
 * windows, so an entry at a split instant falls in one window only and never reaches the client's
 * boundary de-duplication. That server takes the worst case, both ends inclusive.
 */
class HistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(4 * 3600);

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
        return RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build();
    }

    /** Seeds {@code n} log entries of a type at an instant; returns their ids. */
    private List<String> seedEntries(int n, String type, Instant at) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add((String) pd.seed().resource("/log_entries", Map.of("type", type, "created_at", at.toString()))
                    .get("id"));
        }
        return ids;
    }

    private static String window(RecordedRequest r) {
        return r.queryParam("since") + ".." + r.queryParam("until");
    }

    @Test
    void splitsAWindowPastTheCapWithoutDuplicatesOrLosses() {
        // 10,660 state changes over four hours: 400 spread evenly, 9,960 stamped exactly at 01:00 and
        // 300 at 02:00, instants where the window is split; so 00:00-04:00, 00:00-02:00, 01:00-02:00
        // and 01:00-01:30 each hold more than 10,000 and must be split. Plus 200 annotations, which
        // is_overview leaves out.
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            wanted.addAll(seedEntries(1, "trigger_log_entry", T0.plusSeconds(i * 36L)));
            if (i % 2 == 0) {
                seedEntries(1, "annotate_log_entry", T0.plusSeconds(i * 36L));
            }
        }
        wanted.addAll(seedEntries(9_960, "acknowledge_log_entry", T0.plusSeconds(3_600)));
        wanted.addAll(seedEntries(300, "resolve_log_entry", T0.plusSeconds(7_200)));
        assertEquals(10_660, wanted.size());
        try (RestApiV2Client client = client()) {
            List<String> ids = new ArrayList<>();
            try (Stream<Map<String, Object>> all = client.with(o -> o.params(Map.of("is_overview", true))).iterHistory("/log_entries", T0, T1).stream()) {
                all.forEach(entry -> ids.add((String) entry.get("id")));
            }
            assertEquals(10_660, ids.size());
            assertEquals(wanted, new HashSet<>(ids), "no duplicates, nothing lost, no annotation");
            List<RecordedRequest> received = pd.requests();
            assertTrue(received.stream().allMatch(r -> "true".equals(r.queryParam("is_overview"))));
            List<RecordedRequest> totals = received.stream().filter(r -> "true".equals(r.queryParam("total"))).toList();
            assertTrue(totals.size() >= 7, "one total per window: " + totals.size());
            Set<String> windows = new HashSet<>();
            totals.forEach(r -> windows.add(window(r)));
            assertTrue(windows.contains("2026-01-01T01:00:00Z..2026-01-01T01:30:00Z"), windows.toString());
            for (int i = 1; i < received.size(); i++) {
                assertFalse(Instant.parse(received.get(i).queryParam("since"))
                        .isBefore(Instant.parse(received.get(i - 1).queryParam("since"))), "windows are read oldest first");
            }
            assertTrue(received.stream().allMatch(r -> Long.parseLong(r.queryParam("offset"))
                    + Long.parseLong(r.queryParam("limit")) <= 10_000), "no request reached past the cap");
            assertEquals(List.of(), pd.unmatchedRequests());
        }
    }

    @Test
    void aSecondHoldingMoreThanTheCapFollowsTheCapRule() {
        for (int i = 0; i < 10; i++) {
            seedEntries(1, "trigger_log_entry", T0.plusSeconds(i));
        }
        seedEntries(10_050, "trigger_log_entry", T0.plusSeconds(100));
        try (RestApiV2Client client = client()) {
            Set<Object> seen = new HashSet<>();
            PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                    () -> client.iterHistory("/log_entries", T0, T0.plusSeconds(200)).stream().forEach(r -> seen.add(r.get("id"))));
            assertEquals(10_010, seen.size());
            assertEquals(10_010, e.returned());
            assertTrue(e.getMessage().contains("one second"), e.getMessage());
        }
        try (LogCapture log = new LogCapture();
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                        .warnAtPaginationLimit(true).build()) {
            assertEquals(10_010, client.iterHistory("/log_entries", OffsetDateTime.ofInstant(T0, ZoneOffset.ofHours(2)).toInstant(),
                    OffsetDateTime.ofInstant(T0.plusSeconds(200), ZoneOffset.UTC).toInstant()).stream().count());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("10000")), log.messages().toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void cursorHistoryPathsWalkTheWholeWindow() {
        // Audit records are stamped when the change is made, so the window is around now.
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant until = since.plus(Duration.ofHours(2));
        pd.seed().user(Map.of("name", "Admin", "email", "admin@example.com", "role", "admin"));
        try (RestApiV2Client asUser = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .defaultFrom("admin@example.com").build();
                RestApiV2Client asKey = client()) {
            for (int i = 0; i < 150; i++) {
                asUser.rpost("teams", Map.of("name", "Team " + i)); // actor: the From user
            }
            for (int i = 0; i < 20; i++) {
                asKey.rpost("teams", Map.of("name", "Keyed team " + i)); // actor: the API key
            }
        }
        int before = pd.requestCount();
        try (RestApiV2Client client = client()) {
            Map<String, Object> params = Map.of("actor_type", "user_reference");
            assertEquals(150, client.with(o -> o.params(params)).iterHistory("/audit/records", since, until).stream().count());
            List<RecordedRequest> walk = pd.requests().subList(before, pd.requestCount());
            assertEquals(2, walk.size());
            RecordedRequest first = walk.get(0);
            assertEquals(since.toString(), first.queryParam("since"));
            assertEquals(until.toString(), first.queryParam("until"));
            assertEquals("user_reference", first.queryParam("actor_type"));
            Map<String, Object> page1 = client
                    .with(o -> o.params(Map.of("actor_type", "user_reference", "since", since, "until", until, "limit", 100)))
                    .jget("/audit/records");
            assertEquals(page1.get("next_cursor"), walk.get(1).queryParam("cursor"));
        }
    }

    @Test
    void refusesWhatItCannotDo() {
        try (RestApiV2Client client = client()) {
            PdUrlException e = assertThrows(PdUrlException.class, () -> client.iterHistory("/users", T0, T1));
            assertTrue(e.getMessage().contains("/log_entries"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> client.iterHistory("/log_entries", T1, T0));
            assertThrows(IllegalArgumentException.class, () -> client.iterHistory("/log_entries", T0, T0));
            assertThrows(IllegalArgumentException.class,
                    () -> client.with(o -> o.params(Map.of("since", T0))).iterHistory("/log_entries", T0, T1));
            assertEquals(0, pd.requestCount());
        }
    }

    /**
     * 30,000 log entries over four hours: 26,000 spread evenly, 2,500 stamped exactly at 02:00 and
     * 1,500 at 01:00, the instants where the window is split in half and in quarters.
     */
    private static long[] thirtyThousand() {
        long[] seconds = new long[30_000];
        int n = 0;
        for (int i = 0; i < 26_000; i++) {
            seconds[n++] = T0.getEpochSecond() + (long) i * 14_400 / 26_000;
        }
        for (int i = 0; i < 2_500; i++) {
            seconds[n++] = T0.getEpochSecond() + 7_200;
        }
        for (int i = 0; i < 1_500; i++) {
            seconds[n++] = T0.getEpochSecond() + 3_600;
        }
        return seconds;
    }

    /** On a hand-made server: see the class comment. */
    @Test
    void aServerCountingBoundaryEntriesInBothWindowsStillYieldsEachOnce() {
        PageServer.History entries = new PageServer.History(thirtyThousand());
        try (PageServer server = PageServer.start().on("/log_entries", entries);
                RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url()).build()) {
            Map<String, Object> params = Map.of("is_overview", true);
            List<String> ids = new ArrayList<>();
            Instant previous = Instant.MIN;
            try (Stream<Map<String, Object>> all = client.with(o -> o.params(params)).iterHistory("/log_entries", T0, T1).stream()) {
                for (Map<String, Object> entry : (Iterable<Map<String, Object>>) all::iterator) {
                    ids.add((String) entry.get("id"));
                    Instant t = Instant.parse((String) entry.get("created_at"));
                    assertFalse(t.isBefore(previous), "time order");
                    previous = t;
                }
            }
            assertEquals(30_000, ids.size());
            assertEquals(30_000, new HashSet<>(ids).size(), "no duplicates");
            for (int i = 0; i < 30_000; i++) {
                assertEquals(String.format("L%07d", i), ids.get(i), "nothing lost, in time order");
            }
            List<Received> received = server.received();
            assertTrue(received.stream().allMatch(r -> "true".equals(PageServer.param(r, "is_overview"))));
            long totals = received.stream().filter(r -> "true".equals(PageServer.param(r, "total"))).count();
            assertTrue(totals >= 7, "one total per window: " + totals);
            // Requests that reach past the 10,000 cap would have been answered 400 and failed the iteration.
            Set<String> windows = new HashSet<>();
            received.forEach(r -> windows.add(PageServer.param(r, "since") + ".." + PageServer.param(r, "until")));
            assertTrue(windows.contains("2026-01-01T01:00:00Z..2026-01-01T01:30:00Z"), windows.toString());
        }
    }
}
