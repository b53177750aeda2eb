package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static dev.pdkit.testkit.Api.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incidents: create, states, multi-update, notes, log entries, alerts, merge, snooze, filters. */
class IncidentsTest {

    static FakePagerDuty pd;
    Api api;
    String serviceId;
    String patId;

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
        api = Api.account(pd).from(pd.userEmail());
        serviceId = Api.id(api.get("/services").list("services").get(0));
        patId = Api.id(api.get("/users?query=pat").list("users").get(0));
    }

    Map<String, Object> create(String title, Object... extra) {
        Map<String, Object> incident = obj("type", "incident", "title", title, "service", ref(serviceId, "service_reference"));
        for (int i = 0; i < extra.length; i += 2) {
            incident.put((String) extra[i], extra[i + 1]);
        }
        return api.post("/incidents", obj("incident", incident)).expect(201).obj("incident");
    }

    Map<String, Object> trigger(String dedupKey, String summary) {
        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", pd.routingKey(), "event_action", "trigger",
                "dedup_key", dedupKey, "payload", obj("summary", summary, "source", "host-1", "severity", "critical")))
                .expect(202);
        return api.get("/incidents?incident_key=" + dedupKey).list("incidents").get(0);
    }

    @Test
    void createFillsInPagerDutysFields() {
        Map<String, Object> i = create("CPU on fire", "urgency", "low", "body", obj("type", "incident_body", "details", "hot"));
        assertEquals(1, i.get("incident_number"));
        assertEquals("[#1] CPU on fire", i.get("summary"));
        assertEquals("triggered", i.get("status"));
        assertEquals("low", i.get("urgency"));
        assertEquals(serviceId, Api.map(i.get("service")).get("id"));
        List<Map<String, Object>> assignments = Api.maps(i.get("assignments"));
        assertEquals(patId, Api.map(assignments.get(0).get("assignee")).get("id"), "assigned through the policy's first rule");
        assertEquals("escalation_policy", i.get("assigned_via"));
        assertNotNull(i.get("first_trigger_log_entry"));
        assertEquals(Map.of("all", 0, "triggered", 0, "resolved", 0), i.get("alert_counts"));
        assertEquals(2, create("Second").get("incident_number"));
    }

    @Test
    void createValidates() {
        api.post("/incidents", obj("incident", obj("type", "incident", "service", ref(serviceId, "service_reference")))).expect(400);
        api.post("/incidents", obj("incident", obj("type", "incident", "title", "x", "service", ref("PNOSVC0", "service_reference"))))
                .expect(400);
        api.post("/incidents", obj("incident", obj("type", "nope", "title", "x", "service", ref(serviceId, "service_reference"))))
                .expect(400);
    }

    @Test
    void aDuplicateOpenIncidentKeyIs400UntilItIsResolved() {
        Map<String, Object> first = create("Disk", "incident_key", "disk-1");
        Api.Res dup = api.post("/incidents", obj("incident", obj("type", "incident", "title", "Disk again",
                "incident_key", "disk-1", "service", ref(serviceId, "service_reference")))).expect(400);
        assertEquals(2001, dup.obj("error").get("code"));
        api.put("/incidents/" + first.get("id"), obj("incident", obj("type", "incident_reference", "status", "resolved"))).expect(200);
        create("Disk again", "incident_key", "disk-1");
    }

    @Test
    void assigningToYourselfCreatesItAcknowledged() {
        Map<String, Object> i = create("Mine", "assignments", List.of(obj("assignee", ref(patId, "user_reference"))));
        assertEquals("acknowledged", i.get("status"));
        assertEquals("direct_assignment", i.get("assigned_via"));
    }

    @Test
    void showTakesTheIdOrTheNumber() {
        Map<String, Object> i = create("Numbered");
        assertEquals(i.get("id"), api.get("/incidents/" + i.get("id")).expect(200).obj("incident").get("id"));
        assertEquals(i.get("id"), api.get("/incidents/1").expect(200).obj("incident").get("id"));
        api.get("/incidents/99").expect(404);
    }

    @Test
    void acknowledgeThenResolveWithLogEntries() {
        String id = Api.id(create("Lifecycle"));
        Map<String, Object> acked = api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference",
                "status", "acknowledged"))).expect(200).obj("incident");
        assertEquals("acknowledged", acked.get("status"));
        assertEquals(patId, Api.map(Api.maps(acked.get("acknowledgements")).get(0).get("acknowledger")).get("id"));
        assertEquals(patId, Api.map(acked.get("last_status_change_by")).get("id"));
        // Acknowledging again changes nothing.
        api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference", "status", "acknowledged"))).expect(200);

        Map<String, Object> resolved = api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference",
                "status", "resolved", "resolution", "Rebooted"))).expect(200).obj("incident");
        assertEquals("resolved", resolved.get("status"));
        assertNotNull(resolved.get("resolved_at"));
        assertEquals(List.of(), resolved.get("assignments"));

        List<Map<String, Object>> entries = api.get("/incidents/" + id + "/log_entries").expect(200).list("log_entries");
        assertEquals(List.of("resolve_log_entry", "acknowledge_log_entry", "trigger_log_entry"),
                entries.stream().map(e -> e.get("type")).toList(), "newest first");
        assertEquals("Rebooted", entries.get(0).get("note"));
        assertEquals(patId, Api.map(entries.get(0).get("agent")).get("id"));
        String entryId = Api.id(entries.get(0));
        assertTrue(entryId.matches("Q[A-Z0-9]{13}"), entryId);
        assertEquals(entryId, api.get("/log_entries/" + entryId).expect(200).obj("log_entry").get("id"));
        assertEquals(3, api.get("/log_entries?is_overview=true").list("log_entries").size());
        Map<String, Object> withIncident = api.get("/log_entries/" + entryId + "?include%5B%5D=incidents").obj("log_entry");
        assertEquals("incident", Api.map(withIncident.get("incident")).get("type"));
        api.put("/incidents/" + id, obj("incident", obj("status", "closed"))).expect(400);
    }

    @Test
    void multiUpdateIsAllOrNothingAndCappedAt250() {
        String a = Api.id(create("A"));
        String b = Api.id(create("B"));
        List<Map<String, Object>> updated = api.put("/incidents", obj("incidents", List.of(
                obj("id", a, "type", "incident_reference", "status", "acknowledged"),
                obj("id", b, "type", "incident_reference", "status", "resolved")))).expect(200).list("incidents");
        assertEquals(List.of("acknowledged", "resolved"), updated.stream().map(i -> i.get("status")).toList());

        String c = Api.id(create("C"));
        api.put("/incidents", obj("incidents", List.of(obj("id", c, "type", "incident_reference", "status", "resolved"),
                obj("id", "PMISSNG", "type", "incident_reference", "status", "resolved")))).expect(404);
        assertEquals("triggered", api.get("/incidents/" + c).obj("incident").get("status"), "nothing changed");

        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 251; i++) {
            many.add(obj("id", c, "type", "incident_reference", "status", "acknowledged"));
        }
        api.put("/incidents", obj("incidents", many)).expect(413);
        Api.account(pd).put("/incidents", obj("incidents", List.of())).expect(400); // From is required
    }

    @Test
    void notesAnswer200AndWriteAnAnnotateLogEntry() {
        String id = Api.id(create("Noted"));
        Map<String, Object> note = api.post("/incidents/" + id + "/notes", obj("note", obj("content", "Looking"))).expect(200).obj("note");
        assertEquals("Looking", note.get("content"));
        assertEquals(patId, Api.map(note.get("user")).get("id"));
        Map<String, Object> page = api.get("/incidents/" + id + "/notes").expect(200).json();
        assertEquals(List.of("notes"), List.copyOf(page.keySet()), "notes are not paginated");
        assertEquals("Found it", api.put("/incidents/" + id + "/notes/" + note.get("id"), obj("note", obj("content", "Found it")))
                .expect(200).obj("note").get("content"));
        assertTrue(api.get("/incidents/" + id + "/log_entries").list("log_entries").stream()
                .anyMatch(e -> "annotate_log_entry".equals(e.get("type"))));
        api.delete("/incidents/" + id + "/notes/" + note.get("id")).expect(204);
        assertEquals(0, api.get("/incidents/" + id + "/notes").list("notes").size());
        api.post("/incidents/" + id + "/notes", obj("note", obj("content", ""))).expect(400);
    }

    @Test
    void resolvingTheLastAlertResolvesTheIncident() {
        Map<String, Object> i = trigger("alert-1", "Queue backed up");
        String id = Api.id(i);
        List<Map<String, Object>> alerts = api.get("/incidents/" + id + "/alerts").expect(200).list("alerts");
        assertEquals(1, alerts.size());
        Map<String, Object> alert = alerts.get(0);
        assertEquals("alert-1", alert.get("alert_key"));
        assertEquals("critical", alert.get("severity"));
        assertEquals(pd.restUrl() + "/incidents/" + id + "/alerts/" + alert.get("id"), alert.get("self"));
        assertEquals(1, api.get("/incidents/" + id + "/alerts?statuses%5B%5D=triggered").list("alerts").size());

        Map<String, Object> resolved = api.put("/incidents/" + id + "/alerts/" + alert.get("id"),
                obj("alert", obj("type", "alert", "status", "resolved"))).expect(200).obj("alert");
        assertEquals("resolved", resolved.get("status"));
        assertEquals("resolved", api.get("/incidents/" + id).obj("incident").get("status"));
        assertEquals(0, api.get("/incidents/" + id + "/alerts?statuses%5B%5D=triggered").list("alerts").size());
    }

    @Test
    void bulkAlertUpdate() {
        String id = Api.id(trigger("bulk-1", "Bulk"));
        String alertId = Api.id(api.get("/incidents/" + id + "/alerts").list("alerts").get(0));
        List<Map<String, Object>> out = api.put("/incidents/" + id + "/alerts", obj("alerts", List.of(
                obj("id", alertId, "type", "alert", "status", "resolved")))).expect(200).list("alerts");
        assertEquals("resolved", out.get(0).get("status"));
    }

    @Test
    void mergeMovesAlertsAndResolvesTheSources() {
        String target = Api.id(trigger("m-1", "Target"));
        String source = Api.id(trigger("m-2", "Source"));
        String restSource = Api.id(create("No alerts"));
        Map<String, Object> merged = api.put("/incidents/" + target + "/merge", obj("source_incidents", List.of(
                ref(source, "incident_reference"), ref(restSource, "incident_reference")))).expect(200).obj("incident");
        assertEquals(target, merged.get("id"));
        assertEquals(3, Api.map(merged.get("alert_counts")).get("all"));
        Map<String, Object> src = api.get("/incidents/" + source).obj("incident");
        assertEquals("resolved", src.get("status"));
        assertEquals("merge_resolve_reason", Api.map(src.get("resolve_reason")).get("type"));
        assertEquals(3, api.get("/incidents/" + target + "/alerts").list("alerts").size());
        // An Events API resolve for the moved alert's key now acts on the target's alert.
        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", pd.routingKey(), "event_action", "resolve", "dedup_key", "m-2"))
                .expect(202);
        assertEquals(2, api.get("/incidents/" + target + "/alerts?statuses%5B%5D=triggered").list("alerts").size());
        api.put("/incidents/" + source + "/merge", obj("source_incidents", List.of(ref(target, "incident_reference")))).expect(400);
    }

    @Test
    void snoozeNeedsAnAcknowledgedIncidentAndAValidDuration() {
        String id = Api.id(create("Sleepy"));
        Api.Res notAcked = api.post("/incidents/" + id + "/snooze", obj("duration", 3600)).expect(400);
        assertEquals(1012, notAcked.obj("error").get("code"));
        api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference", "status", "acknowledged"))).expect(200);
        assertEquals(1013, api.post("/incidents/" + id + "/snooze", obj("duration", 0)).expect(400).obj("error").get("code"));
        Map<String, Object> snoozed = api.post("/incidents/" + id + "/snooze", obj("duration", 3600)).expect(201).obj("incident");
        assertEquals("unacknowledge", Api.maps(snoozed.get("pending_actions")).get(0).get("type"));
    }

    @Test
    void listFilters() {
        String otherService = Api.id(pd.seed().service("Other", Api.id(api.get("/escalation_policies").list("escalation_policies").get(0))));
        String a = Api.id(create("A", "urgency", "high"));
        Api.id(create("B", "urgency", "low"));
        api.post("/incidents", obj("incident", obj("type", "incident", "title", "C",
                "service", ref(otherService, "service_reference")))).expect(201);
        api.put("/incidents/" + a, obj("incident", obj("type", "incident_reference", "status", "resolved"))).expect(200);

        assertEquals(List.of("B", "C"), titles("/incidents?statuses%5B%5D=triggered&statuses%5B%5D=acknowledged"));
        assertEquals(List.of("A"), titles("/incidents?statuses%5B%5D=resolved"));
        assertEquals(List.of("C"), titles("/incidents?service_ids%5B%5D=" + otherService));
        assertEquals(List.of("B"), titles("/incidents?urgencies%5B%5D=low"));
        assertEquals(List.of("B", "C"), titles("/incidents?user_ids%5B%5D=" + patId), "resolved incidents have no assignees");
        assertEquals(List.of("C", "B", "A"), titles("/incidents?sort_by=incident_number:desc"));
        assertEquals(List.of(), titles("/incidents?since=2020-01-01T00:00:00Z&until=2020-02-01T00:00:00Z"));
        assertEquals(3, api.get("/incidents?date_range=all&total=true").json().get("total"));
        Map<String, Object> withAssignees = api.get("/incidents?include%5B%5D=assignees&statuses%5B%5D=triggered").list("incidents").get(0);
        Map<String, Object> assignee = Api.map(Api.maps(withAssignees.get("assignments")).get(0).get("assignee"));
        assertEquals("user", assignee.get("type"));
        assertEquals(pd.userEmail(), assignee.get("email"));
        assertNull(api.get("/incidents").list("incidents").get(0).get("body"), "the body appears on show only");
    }

    @Test
    void incidentKeyFilterAlsoMatchesAlertKeys() {
        String target = Api.id(trigger("k-1", "T"));
        String source = Api.id(trigger("k-2", "S"));
        api.put("/incidents/" + target + "/merge", obj("source_incidents", List.of(ref(source, "incident_reference")))).expect(200);
        assertTrue(titles("/incidents?incident_key=k-2").contains("T"));
    }

    @Test
    void reassignAndEscalate() {
        String samId = Api.id(api.get("/users?query=sam").list("users").get(0));
        String id = Api.id(create("Move me"));
        Map<String, Object> moved = api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference",
                "assignments", List.of(obj("assignee", ref(samId, "user_reference")))))).expect(200).obj("incident");
        assertEquals(samId, Api.map(Api.maps(moved.get("assignments")).get(0).get("assignee")).get("id"));
        Map<String, Object> p1 = api.get("/priorities").list("priorities").get(0);
        assertEquals(p1.get("id"), Api.map(api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference",
                "priority", ref(p1.get("id"), "priority_reference")))).expect(200).obj("incident").get("priority")).get("id"));
        assertEquals("P2", Api.map(api.put("/incidents/" + id, obj("incident", obj("type", "incident_reference",
                "priority", "P2"))).expect(200).obj("incident").get("priority")).get("summary"), "a priority by name");
        api.put("/incidents/" + id, obj("incident", obj("escalation_level", 5))).expect(400);
        api.put("/incidents/" + id, obj("incident", obj("escalation_level", 2))).expect(200);
    }

    List<Object> titles(String path) {
        return api.get(path).expect(200).list("incidents").stream().map(i -> i.get("title")).toList();
    }
}
