package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.Paged;
import dev.pdkit.PdPaginationLimitException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent pagination against the fake PagerDuty: the same records in the same order as
 * sequential iteration, each page requested once, 429s absorbed without losing a page, the cap
 * and errors handled as sequential iteration handles them.
 */
class ConcurrentPaginationTest {

    private static FakePagerDuty fake;

    @BeforeAll
    static void start() {
        fake = FakePagerDuty.builder().standardSeed(false).start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static void users(int count) {
        fake.reset();
        for (int i = 0; i < count; i++) {
            fake.seed().user("User " + i, "user" + i + "@example.com");
        }
    }

    private static RestApiV2Client client(int concurrency, RecordingSleeper sleeper) {
        return RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl()).pageConcurrency(concurrency)
                .sleeper(sleeper).build();
    }

    private static List<Object> ids(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get("id")).toList();
    }

    private static List<RecordedRequest> userPages() {
        return fake.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals("/users")).toList();
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {0, 1, 100, 101, 999, 2345})
    void yieldsWhatSequentialIterationYieldsRequestingEachPageOnce(int count) {
        users(count);
        List<Map<String, Object>> sequential;
        try (RestApiV2Client client = client(1, new RecordingSleeper())) {
            sequential = client.listAll("/users");
        }
        assertEquals(count, sequential.size());
        int before = userPages().size();
        List<Map<String, Object>> concurrent;
        try (RestApiV2Client client = client(8, new RecordingSleeper())) {
            concurrent = client.listAll("/users");
        }
        assertEquals(sequential, concurrent);
        List<RecordedRequest> pages = userPages().subList(before, userPages().size());
        List<String> offsets = pages.stream().map(r -> r.queryParam("offset")).toList();
        assertEquals(new HashSet<>(offsets).size(), offsets.size(), "a page was requested twice: " + offsets);
        assertEquals(before, offsets.size(), "as many pages as sequential iteration: " + offsets);
        assertEquals("true", pages.get(0).queryParam("total"), "the first page asks for the total");
    }

    @Test
    void rateLimitedPagesAreWaitedOutAndRetriedWithoutLosingOne() {
        users(1000);
        List<Map<String, Object>> sequential;
        try (RestApiV2Client client = client(1, new RecordingSleeper())) {
            sequential = client.listAll("/users");
        }
        int before = userPages().size();
        fake.inject(Fault.rateLimited(7), 5, "GET", "/users");
        RecordingSleeper sleeper = new RecordingSleeper();
        List<Map<String, Object>> records;
        try (RestApiV2Client client = client(8, sleeper)) {
            records = client.listAll("/users");
        }
        assertEquals(ids(sequential), ids(records));
        assertEquals(1000, new HashSet<>(ids(records)).size());
        assertEquals(10 + 5, userPages().size() - before, "ten pages and five refused attempts");
        assertTrue(sleeper.seconds().stream().filter(s -> s >= 7).count() >= 5, sleeper.seconds().toString());
    }

    /** A host's thread factory (virtual threads on Java 21, say) runs the page requests. */
    @Test
    void theHostsThreadFactoryRunsThePageRequests() {
        users(450);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Object>> records;
        try (RestApiV2Client client = RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl())
                .pageConcurrency(4).threadFactory(r -> {
                    Thread t = new Thread(r, "host-worker-" + threads.size());
                    t.setDaemon(true);
                    threads.add(t.getName());
                    return t;
                }).build()) {
            records = client.listAll("/users");
        }
        assertEquals(450, new HashSet<>(ids(records)).size());
        assertFalse(threads.isEmpty(), "the pages were requested on the host's threads");
    }

    @Test
    void atTheCapEveryReachableRecordComesFirstAndTheApiNeverRefusesARequest() {
        users(10_050);
        List<Map<String, Object>> records = new ArrayList<>();
        try (RestApiV2Client client = client(8, new RecordingSleeper());
                Stream<Map<String, Object>> all = client.iterAll("/users").stream()) {
            PdPaginationLimitException e = assertThrows(PdPaginationLimitException.class,
                    () -> all.forEach(records::add));
            assertEquals(10_000, e.returned());
        }
        assertEquals(10_000, records.size());
        assertEquals(10_000, new HashSet<>(ids(records)).size());
        assertTrue(userPages().stream().allMatch(r -> Integer.parseInt(r.queryParam("offset"))
                + Integer.parseInt(r.queryParam("limit")) <= 10_000), "a request passed the cap");
    }

    @Test
    void aFailedPageEndsTheStreamAfterEveryRecordBeforeIt() {
        users(3000);
        List<Object> all;
        try (RestApiV2Client client = client(1, new RecordingSleeper())) {
            all = ids(client.listAll("/users"));
        }
        List<Map<String, Object>> records = new ArrayList<>();
        // retry(500, 0): the page that meets the fault fails at once, so which page fails is up to the race.
        try (RestApiV2Client client = RestApiV2Client.builder(fake.apiToken()).baseUrl(fake.restUrl())
                        .pageConcurrency(8).sleeper(new RecordingSleeper()).retry(500, 0).build();
                Paged<Map<String, Object>> paged = client.iterAll("/users")) {
            Iterator<Map<String, Object>> pages = paged.iterator();
            records.add(pages.next());
            // Armed after the first page, so one of the pages requested concurrently fails.
            fake.inject(Fault.status(500), 1, "GET", "/users");
            PdServerException e = assertThrows(PdServerException.class, () -> pages.forEachRemaining(records::add));
            Matcher m = Pattern.compile("the page at offset (\\d+) of GET /users \\((\\d+) records were returned")
                    .matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            assertEquals(Integer.parseInt(m.group(1)), records.size());
            assertEquals(Integer.parseInt(m.group(2)), records.size());
        }
        assertEquals(all.subList(0, records.size()), ids(records));
    }
}
