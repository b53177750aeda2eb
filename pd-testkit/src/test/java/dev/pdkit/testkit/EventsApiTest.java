package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Events API v2: validation, the dedup lifecycle as REST shows it, and change events. */
class EventsApiTest {

    static FakePagerDuty pd;
    Api events;
    Api rest;

    @BeforeAll
    static void start() {
        pd = FakePagerDuty.start();
    }

    @AfterAll
    static void stop() {
        pd.close();
    }

    @BeforeEach
    void reset() {
        pd.reset();
        events = Api.anonymous(pd);
        rest = Api.account(pd);
    }

    Api.Res send(String action, String dedupKey, String summary) {
        Map<String, Object> e = obj("routing_key", pd.routingKey(), "event_action", action);
        if (dedupKey != null) {
            e.put("dedup_key", dedupKey);
        }
        if (summary != null) {
            e.put("payload", obj("summary", summary, "source", "db-1", "severity", "warning",
                    "custom_details", obj("disk", "95%")));
        }
        return events.post("/v2/enqueue", e);
    }

    List<Map<String, Object>> incidents() {
        return rest.get("/incidents?sort_by=incident_number").expect(200).list("incidents");
    }

    @Test
    void theDedupLifecycleAsRestShowsIt() {
        Api.Res first = send("trigger", "db-disk", "Disk 95% on db-1").expect(202);
        assertEquals(Map.of("status", "success", "message", "Event processed", "dedup_key", "db-disk"), first.json());
        List<Map<String, Object>> open = incidents();
        assertEquals(1, open.size());
        Map<String, Object> incident = open.get(0);
        assertEquals("Disk 95% on db-1", incident.get("title"));
        assertEquals("db-disk", incident.get("incident_key"));
        assertEquals("triggered", incident.get("status"));
        assertEquals("service_reference", Api.map(incident.get("last_status_change_by")).get("type"));
        String id = Api.id(incident);

        // A repeated trigger adds no alert and no incident.
        send("trigger", "db-disk", "Disk 96% on db-1").expect(202);
        assertEquals(1, incidents().size());
        List<Map<String, Object>> alerts = rest.get("/incidents/" + id + "/alerts").list("alerts");
        assertEquals(1, alerts.size());
        assertEquals("warning", alerts.get(0).get("severity"));
        assertEquals(Map.of("disk", "95%"), Api.map(Api.map(alerts.get(0).get("body")).get("details")).get("custom_details"));

        send("acknowledge", "db-disk", null).expect(202);
        assertEquals("acknowledged", rest.get("/incidents/" + id).obj("incident").get("status"));

        send("resolve", "db-disk", null).expect(202);
        Map<String, Object> resolved = rest.get("/incidents/" + id).obj("incident");
        assertEquals("resolved", resolved.get("status"));
        assertEquals(Map.of("all", 1, "triggered", 0, "resolved", 1), resolved.get("alert_counts"));

        // After the resolve, the same key opens a new incident.
        send("trigger", "db-disk", "Disk full again").expect(202);
        List<Map<String, Object>> all = incidents();
        assertEquals(2, all.size());
        assertNotEquals(id, Api.id(all.get(1)));
        assertEquals("triggered", all.get(1).get("status"));
        assertEquals(2, all.get(1).get("incident_number"));

        List<Object> types = rest.get("/incidents/" + id + "/log_entries").list("log_entries").stream().map(e -> e.get("type")).toList();
        assertEquals(List.of("resolve_log_entry", "acknowledge_log_entry", "trigger_log_entry", "trigger_log_entry"), types);
        Map<String, Object> triggerEntry = rest.get("/incidents/" + id + "/log_entries").list("log_entries").get(3);
        assertEquals("api", Api.map(triggerEntry.get("channel")).get("type"));
        assertEquals("Triggered through the API", triggerEntry.get("summary"));
    }

    @Test
    void acknowledgeOrResolveOfAnUnknownKeyIsAcceptedAndDropped() {
        send("acknowledge", "never-seen", null).expect(202);
        send("resolve", "never-seen", null).expect(202);
        assertEquals(0, incidents().size());
    }

    @Test
    void aTriggerWithoutAKeyGetsAFreshOne() {
        String k1 = (String) send("trigger", null, "no key").expect(202).json().get("dedup_key");
        String k2 = (String) send("trigger", null, "no key").expect(202).json().get("dedup_key");
        assertNotEquals(k1, k2);
        assertEquals(2, incidents().size());
        assertEquals(k1, incidents().get(0).get("incident_key"));
    }

    @Test
    void followUpsOnAnotherRoutingKeyAreDropped() {
        String otherKey = pd.routingKey(Api.id(pd.seed().service("Other", Api.id(
                rest.get("/escalation_policies").list("escalation_policies").get(0)))));
        send("trigger", "shared", "on the standard service").expect(202);
        events.post("/v2/enqueue", obj("routing_key", otherKey, "event_action", "resolve", "dedup_key", "shared")).expect(202);
        assertEquals("triggered", incidents().get(0).get("status"));
    }

    @Test
    void anRestResolveEndsTheDedupWindowToo() {
        send("trigger", "k", "first").expect(202);
        String id = Api.id(incidents().get(0));
        rest.from(pd.userEmail()).put("/incidents/" + id, obj("incident", obj("type", "incident_reference", "status", "resolved")))
                .expect(200);
        send("trigger", "k", "second").expect(202);
        assertEquals(2, incidents().size());
    }

    @Test
    void severityDrivesUrgencyOnSeverityBasedServices() {
        String epId = Api.id(rest.get("/escalation_policies").list("escalation_policies").get(0));
        Map<String, Object> svc = pd.seed().service(obj("name", "Graded", "escalation_policy", Api.ref(epId, "escalation_policy_reference"),
                "incident_urgency_rule", obj("type", "constant", "urgency", "severity_based")));
        String key = pd.routingKey(Api.id(svc));
        for (String severity : List.of("critical", "info")) {
            events.post("/v2/enqueue", obj("routing_key", key, "event_action", "trigger",
                    "payload", obj("summary", severity, "source", "s", "severity", severity))).expect(202);
        }
        assertEquals(List.of("high", "low"), incidents().stream().map(i -> i.get("urgency")).toList());
    }

    static Stream<Arguments> invalidEvents() {
        String key = "0123456789abcdef0123456789abcdef";
        return Stream.of(
                Arguments.of(obj("event_action", "trigger"), "'routing_key' is missing or blank"),
                Arguments.of(obj("routing_key", "short", "event_action", "trigger"),
                        "Length of 'routing_key' is incorrect (should be 32 characters)"),
                Arguments.of(obj("routing_key", key, "event_action", "trigger"), "Invalid routing key"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "explode"),
                        "'event_action' is invalid (must be one of trigger, acknowledge, resolve)"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "resolve"), "'dedup_key' is missing or blank"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "trigger", "dedup_key", "x".repeat(256),
                        "payload", obj("summary", "s", "source", "s", "severity", "info")),
                        "Length of 'dedup_key' is too long (max 255 characters)"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "trigger",
                        "payload", obj("summary", "s", "severity", "info")), "'payload.source' is missing or blank"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "trigger",
                        "payload", obj("summary", "s", "source", "s", "severity", "fatal")),
                        "'payload.severity' is invalid (must be one of critical, error, warning, info)"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "trigger",
                        "payload", obj("summary", "s".repeat(1025), "source", "s", "severity", "info")),
                        "Length of 'payload.summary' is too long (max 1024 characters)"),
                Arguments.of(obj("routing_key", "STANDARD", "event_action", "trigger"), "'payload' is missing or not an object"));
    }

    @ParameterizedTest
    @MethodSource("invalidEvents")
    void invalidEventsAre400WithTheEventsErrorBody(Map<String, Object> event, String error) {
        if ("STANDARD".equals(event.get("routing_key"))) {
            event.put("routing_key", pd.routingKey());
        }
        Map<String, Object> body = events.post("/v2/enqueue", event).expect(400).json();
        assertEquals("invalid event", body.get("status"));
        assertEquals("Event object is invalid", body.get("message"));
        assertTrue(((List<?>) body.get("errors")).contains(error), body.toString());
        assertEquals(0, incidents().size());
    }

    @Test
    void aBodyOver512KbIsRefused() {
        String big = "{\"routing_key\":\"" + pd.routingKey() + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\","
                + "\"source\":\"s\",\"severity\":\"info\",\"custom_details\":{\"blob\":\"" + "x".repeat(512 * 1024) + "\"}}}";
        events.send("POST", "/v2/enqueue", big).expect(400);
        events.send("POST", "/v2/enqueue", "not json").expect(400);
    }

    @Test
    void changeEventsWithMoreThan50LinksAreRefusedInTheirOwnErrorForm() {
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            links.add(obj("href", "https://example.com/" + i));
        }
        Map<String, Object> body = events.post("/v2/change/enqueue", obj("routing_key", pd.routingKey(),
                "payload", obj("summary", "deploy"), "links", links)).expect(400).json();
        assertEquals(Map.of("error", List.of("links should have at most 50 item(s)")), body);
        events.post("/v2/change/enqueue", obj("routing_key", pd.routingKey(), "payload", obj("source", "ci"))).expect(400);
        events.post("/v2/change/enqueue", obj("routing_key", pd.routingKey(), "payload", obj("summary", "deploy"),
                "links", links.subList(0, 50))).expect(202);
        assertEquals(1, rest.get("/change_events").list("change_events").size());
    }

    @Test
    void theEventsApiNeedsNoAuthorizationAndIgnoresOne() {
        Api.anonymous(pd).with("Authorization", "Token token=garbage").post("/v2/enqueue", obj("routing_key", pd.routingKey(),
                "event_action", "trigger", "payload", obj("summary", "s", "source", "s", "severity", "info"))).expect(202);
        assertEquals(pd.restUrl(), pd.eventsUrl());
    }
}
