package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdUrlException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Received;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** iterHistory: splitting time windows past the 10,000 cap. */
class HistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(4 * 3600);

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

    @Test
    void splitsAWindowOfThirtyThousandEntriesWithoutDuplicatesOrLosses() {
        PageServer.History entries = new PageServer.History(thirtyThousand());
        try (RestApiV2Client client = client(PageServer.start().on("/log_entries", entries))) {
            Map<String, Object> params = Map.of("is_overview", true);
            List<String> ids = new ArrayList<>();
            Instant previous = Instant.MIN;
            try (Stream<Map<String, Object>> all = client.iterHistory("/log_entries", T0, T1, params)) {
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

    @Test
    void aSecondHoldingMoreThanTheCapFollowsTheCapRule() {
        long[] seconds = new long[10_060];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = T0.getEpochSecond() + (i < 10 ? i : 100);
        }
        try (RestApiV2Client client = client(PageServer.start().on("/log_entries", new PageServer.History(seconds)))) {
            Set<Object> seen = new HashSet<>();
            PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                    () -> client.iterHistory("/log_entries", T0, T0.plusSeconds(200)).forEach(r -> seen.add(r.get("id"))));
            assertEquals(10_010, seen.size());
            assertEquals(10_010, e.returned());
            assertTrue(e.getMessage().contains("one second"), e.getMessage());
        }
        server.close();
        server = PageServer.start().on("/log_entries", new PageServer.History(seconds));
        try (LogCapture log = new LogCapture();
                RestApiV2Client client = RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(server.url())
                        .warnAtPaginationLimit(true).build()) {
            assertEquals(10_010, client.iterHistory("/log_entries", OffsetDateTime.ofInstant(T0, ZoneOffset.ofHours(2)),
                    OffsetDateTime.ofInstant(T0.plusSeconds(200), ZoneOffset.UTC)).count());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("10000")), log.messages().toString());
        }
    }

    @Test
    void cursorHistoryPathsWalkTheWholeWindow() {
        try (RestApiV2Client client = client(PageServer.start().on("/audit/records",
                new PageServer.Cursor("records", 150)))) {
            assertEquals(150, client.iterHistory("/audit/records", T0, T1, Map.of("actor_type", "user_reference")).count());
            Received first = server.received().get(0);
            assertEquals("2026-01-01T00:00:00Z", PageServer.param(first, "since"));
            assertEquals("2026-01-01T04:00:00Z", PageServer.param(first, "until"));
            assertEquals("c100", PageServer.param(server.received().get(1), "cursor"));
        }
    }

    @Test
    void refusesWhatItCannotDo() {
        try (RestApiV2Client client = client(PageServer.start())) {
            PdUrlException e = assertThrows(PdUrlException.class, () -> client.iterHistory("/users", T0, T1));
            assertTrue(e.getMessage().contains("/log_entries"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> client.iterHistory("/log_entries", T1, T0));
            assertThrows(IllegalArgumentException.class, () -> client.iterHistory("/log_entries", T0, T0));
            assertThrows(IllegalArgumentException.class,
                    () -> client.iterHistory("/log_entries", T0, T1, Map.of("since", T0)));
            assertTrue(server.received().isEmpty());
        }
    }
}
