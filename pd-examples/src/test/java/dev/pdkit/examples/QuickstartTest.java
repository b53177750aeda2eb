package dev.pdkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The quickstart does what it prints: after the walk-through, the fake's REST API and its journal
 * of requests show the user, the service, three incidents acknowledged in one multi-update with a
 * {@code From} header, one resolved through the Events API, a change event, and no duplicate
 * made by {@code persist}. The read-only tour sends nothing but GETs.
 */
class QuickstartTest {

    static final List<String> STEPS = List.of(
            "1. Authentication / The From header",
            "2. Entity Wrapping: rpost",
            "3. Making a request and decoding the response",
            "4. Events API v2: trigger an alert using a custom deduplication key",
            "5. Using pagination / Using multi-valued set filters",
            "6. Performing multi-update",
            "7. Events API v2: trigger and resolve an alert",
            "8. Events API v2: submit a change event",
            "9. Searching resource collections",
            "10. Idempotent create/update",
            "11. Error Handling",
            "12. Statistics: api_call_counts and api_time");

    @Test
    void theWalkThroughLeavesTheFakeInTheStateItDescribes() {
        try (FakePagerDuty pd = FakePagerDuty.start();
                RestApiV2Client rest = RestApiV2Client.builder(pd.userToken()).baseUrl(pd.restUrl()).build()) {
            String output = capture(out -> Quickstart.walkThrough(pd, out));
            List<RecordedRequest> journal = pd.requests();

            for (String step : STEPS) {
                assertTrue(output.contains("== " + step + " =="), () -> "no step \"" + step + "\" in:\n" + output);
            }
            assertTrue(output.contains("that took 2 requests (pages of 2); total() alone counts them in one: 3"), output);
            assertTrue(output.contains("listAll found 3 triggered incident(s) assigned to " + Quickstart.USER_NAME), output);
            assertTrue(output.contains("(no POST: nothing was created)"), output);
            assertTrue(output.contains("raised PdHttpException: status 404"), output);
            pd.assertNoUnmatchedRequests();

            // The user and the service, as the REST API shows them.
            Map<String, Object> user = rest.find("users", Quickstart.USER_EMAIL, "email").orElseThrow();
            assertEquals(Quickstart.USER_NAME, user.get("name"));
            assertEquals("Release manager", user.get("job_title"), "persist(..., update=true) changed the job title");
            Map<String, Object> service = rest.find("services", Quickstart.SERVICE_NAME, "name").orElseThrow();
            Object serviceId = service.get("id");

            // Three incidents on the service, one per alert: the first resolved, the others acknowledged.
            List<Map<String, Object>> incidents = rest.with(o -> o.params(Map.of(
                    "service_ids", List.of(serviceId), "date_range", "all"))).listAll("/incidents");
            Map<Object, Object> statusByKey = incidents.stream().collect(Collectors.toMap(
                    i -> i.get("incident_key"), i -> i.get("status"), (a, b) -> a + "," + b, TreeMap::new));
            assertEquals(new TreeMap<>(Map.of(
                    Quickstart.ALERTS.get(0).dedupKey(), "resolved",
                    Quickstart.ALERTS.get(1).dedupKey(), "acknowledged",
                    Quickstart.ALERTS.get(2).dedupKey(), "acknowledged")), statusByKey);

            // The acknowledgements are the From user's (Pat Oncall), not the new user's or nobody's.
            Object fromUserId = rest.find("users", pd.userEmail(), "email").orElseThrow().get("id");
            for (Map<String, Object> incident : incidents) {
                if (incident.get("status").equals("acknowledged")) {
                    List<?> acks = (List<?>) incident.get("acknowledgements");
                    assertEquals(1, acks.size(), () -> "acknowledgements of " + incident);
                    assertEquals(fromUserId, ((Map<?, ?>) ((Map<?, ?>) acks.get(0)).get("acknowledger")).get("id"));
                } else {
                    // Resolved through the Events API: the service, not a user, made the change.
                    assertEquals("service_reference", ((Map<?, ?>) incident.get("last_status_change_by")).get("type"));
                }
            }

            // They were acknowledged by one multi-update, PUT /incidents, carrying the From header.
            List<RecordedRequest> puts = requests(journal, "PUT", "/incidents");
            assertEquals(1, puts.size(), () -> "PUT /incidents requests: " + puts);
            assertEquals(pd.userEmail(), puts.get(0).header("From"));
            assertEquals(3, count(puts.get(0).bodyText(), "\"status\":\"acknowledged\""), puts.get(0).bodyText());
            for (Map<String, Object> incident : incidents) {
                assertTrue(puts.get(0).bodyText().contains("\"" + incident.get("id") + "\""), puts.get(0).bodyText());
            }
            assertEquals(0, journal.stream().filter(r -> r.method().equals("PUT") && r.path().startsWith("/incidents/"))
                    .count(), "no single-incident updates");

            // Through the Events API: three triggers, then one resolve by the first dedup key.
            List<String> events = requests(journal, "POST", "/v2/enqueue").stream().map(RecordedRequest::bodyText).toList();
            assertEquals(4, events.size(), () -> "events: " + events);
            for (int i = 0; i < 3; i++) {
                assertTrue(events.get(i).contains("\"event_action\":\"trigger\""), events.get(i));
                assertTrue(events.get(i).contains("\"dedup_key\":\"" + Quickstart.ALERTS.get(i).dedupKey() + "\""),
                        events.get(i));
            }
            assertTrue(events.get(3).contains("\"event_action\":\"resolve\""), events.get(3));
            assertTrue(events.get(3).contains("\"dedup_key\":\"" + Quickstart.ALERTS.get(0).dedupKey() + "\""),
                    events.get(3));

            // The change event is listed by GET /change_events, on the new service.
            List<Map<String, Object>> changes = rest.listAll("/change_events");
            assertEquals(1, changes.size(), () -> "change events: " + changes);
            assertEquals(Quickstart.CHANGE_SUMMARY, changes.get(0).get("summary"));
            assertEquals(serviceId, ((Map<?, ?>) ((List<?>) changes.get(0).get("services")).get(0)).get("id"));
            assertEquals(1, requests(journal, "POST", "/v2/change/enqueue").size());

            // persist created no duplicate: one user with the email, one POST /users carrying it, one PUT.
            assertEquals(1, rest.with(o -> o.params(Map.of("query", Quickstart.USER_EMAIL))).listAll("/users").size());
            assertEquals(1, requests(journal, "POST", "/users").stream()
                    .filter(r -> r.bodyText().contains(Quickstart.USER_EMAIL)).count());
            assertEquals(1, journal.stream().filter(r -> r.method().equals("PUT") && r.path().equals("/users/" + user.get("id")))
                    .count());
            // ... while a persist of a new email did create one.
            assertTrue(rest.find("users", "robin.persist@example.com", "email").isPresent());
        }
    }

    @Test
    void theReadOnlyTourSendsOnlyGets() {
        try (FakePagerDuty pd = FakePagerDuty.start();
                RestApiV2Client client = RestApiV2Client.builder(pd.userToken()).baseUrl(pd.restUrl()).build()) {
            String serviceId = String.valueOf(pd.seed().service("Read-only", String.valueOf(
                    pd.seed().escalationPolicy("Read-only EP", String.valueOf(
                            pd.seed().user("Ro Reader", "ro.reader@example.com").get("id"))).get("id"))).get("id"));
            pd.seed().incident(serviceId, "Open one");
            pd.seed().incident(Map.of("service", Map.of("id", serviceId, "type", "service_reference"),
                    "title", "Acknowledged one", "status", "acknowledged"));
            pd.seed().incident(Map.of("service", Map.of("id", serviceId, "type", "service_reference"),
                    "title", "Resolved one", "status", "resolved"));
            int seeded = pd.requestCount();

            String output = capture(out -> Quickstart.readOnlyTour(client, out));

            assertTrue(output.contains("apiKeyAccess(): user"), output);
            assertTrue(output.contains("the key belongs to Pat Oncall <pat.oncall@example.com>"), output);
            assertTrue(output.contains("iterAll(\"/users\").total(): 3 user(s)"), output);
            assertTrue(output.contains("find(\"users\", \"pat.oncall@example.com\", \"email\") -> Pat Oncall"), output);
            assertTrue(output.contains("2 open incident(s)"), output);
            assertTrue(output.contains("triggered \"Open one\""), output);
            assertTrue(output.contains("acknowledged \"Acknowledged one\""), output);
            assertTrue(!output.contains("Resolved one"), output);
            assertTrue(output.contains("== 5. Statistics"), output);

            List<RecordedRequest> sent = pd.requests().subList(seeded, pd.requestCount());
            assertTrue(sent.size() >= 6, () -> "requests: " + sent);
            assertEquals(List.of("GET"), sent.stream().map(RecordedRequest::method).distinct().toList(),
                    () -> "requests: " + sent);
            pd.assertNoUnmatchedRequests();
        }
    }

    @Test
    void withoutAKeyRunStartsAFakeAndWalksThroughEveryStep() {
        String output = capture(out -> Quickstart.run(out, Optional.empty()));

        assertTrue(output.startsWith("pdkit quickstart: PAGERDUTY_API_KEY is not set"), output);
        Matcher started = Pattern.compile("Started FakePagerDuty\\[http://127\\.0\\.0\\.1:\\d+]").matcher(output);
        assertTrue(started.find(), output);
        for (String step : STEPS) {
            assertTrue(output.contains("== " + step + " =="), () -> "no step \"" + step + "\" in:\n" + output);
        }
        assertTrue(output.strip().endsWith("Done."), output);
    }

    @Test
    void aMissingOrBlankKeyMeansTheFake() {
        assertEquals(Optional.empty(), Quickstart.apiKey(null));
        assertEquals(Optional.empty(), Quickstart.apiKey(""));
        assertEquals(Optional.empty(), Quickstart.apiKey(" \n"));
        assertEquals(Optional.of("u+abc123"), Quickstart.apiKey(" u+abc123\n"));
    }

    static String capture(Consumer<PrintStream> action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            action.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static List<RecordedRequest> requests(List<RecordedRequest> journal, String method, String path) {
        return journal.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
