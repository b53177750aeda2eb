package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static dev.pdkit.testkit.Api.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Priorities, maintenance windows, tags, abilities, audit records and change events. */
class MoreFamiliesTest {

    static FakePagerDuty pd;
    Api api;
    String serviceId;

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
    }

    static String at(long secondsFromNow) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(secondsFromNow).toString();
    }

    @Test
    void prioritiesAreListedMostSevereFirst() {
        Map<String, Object> page = api.get("/priorities").expect(200).json();
        assertEquals(List.of("P1", "P2", "P3", "P4", "P5"), Api.maps(page.get("priorities")).stream().map(p -> p.get("name")).toList());
        assertEquals("priority", Api.maps(page.get("priorities")).get(0).get("type"));
        assertEquals(false, page.get("more"));
    }

    @Test
    void maintenanceWindows() {
        Map<String, Object> now = api.post("/maintenance_windows", obj("maintenance_window", obj("type", "maintenance_window",
                "start_time", at(-60), "end_time", at(3600), "description", "Deploy",
                "services", List.of(ref(serviceId, "service_reference"))))).expect(201).obj("maintenance_window");
        Map<String, Object> later = api.post("/maintenance_windows", obj("maintenance_window", obj("type", "maintenance_window",
                "start_time", at(86400), "end_time", at(90000), "services", List.of(ref(serviceId, "service_reference")))))
                .expect(201).obj("maintenance_window");
        assertEquals("Pat Oncall", Api.map(now.get("created_by")).get("summary"));
        assertEquals(List.of(now.get("id")), ids("/maintenance_windows?filter=ongoing", "maintenance_windows"));
        assertEquals(List.of(later.get("id")), ids("/maintenance_windows?filter=future", "maintenance_windows"));
        assertEquals(2, ids("/maintenance_windows?service_ids%5B%5D=" + serviceId, "maintenance_windows").size());

        Api.Res started = api.delete("/maintenance_windows/" + now.get("id")).expect(400);
        assertEquals(5003, started.obj("error").get("code"));
        api.delete("/maintenance_windows/" + later.get("id")).expect(204);

        // An Events API trigger for a service in maintenance is accepted and creates nothing.
        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", pd.routingKey(), "event_action", "trigger",
                "payload", obj("summary", "during maintenance", "source", "x", "severity", "info"))).expect(202);
        assertEquals(0, api.get("/incidents").list("incidents").size());

        api.put("/maintenance_windows/" + now.get("id"), obj("maintenance_window", obj("end_time", at(-1)))).expect(200);
        assertEquals(List.of(now.get("id")), ids("/maintenance_windows?filter=past", "maintenance_windows"));
        Api.account(pd).post("/maintenance_windows", obj("maintenance_window", obj("start_time", at(0), "end_time", at(60),
                "services", List.of(ref(serviceId, "service_reference"))))).expect(400); // From is required
        api.post("/maintenance_windows", obj("maintenance_window", obj("start_time", at(0), "end_time", at(60),
                "services", List.of()))).expect(400);
    }

    @Test
    void tagsAndTagging() {
        String userId = Api.id(api.get("/users?query=sam").list("users").get(0));
        Map<String, Object> tag = api.post("/tags", obj("tag", obj("type", "tag", "label", "payments"))).expect(201).obj("tag");
        api.post("/users/" + userId + "/change_tags", obj("add", List.of(ref(tag.get("id"), "tag_reference"),
                obj("type", "tag", "label", "brand-new")))).expect(200);
        assertEquals(List.of("payments", "brand-new"), api.get("/users/" + userId + "/tags").expect(200).list("tags")
                .stream().map(t -> t.get("label")).toList());
        assertEquals(List.of(userId), ids("/tags/" + tag.get("id") + "/users", "users"));
        assertEquals(List.of(), ids("/tags/" + tag.get("id") + "/teams", "teams"));
        assertEquals(List.of("brand-new"), api.get("/tags?query=NEW").list("tags").stream().map(t -> t.get("label")).toList());
        api.post("/users/" + userId + "/change_tags", obj("remove", List.of(ref(tag.get("id"), "tag_reference")))).expect(200);
        assertEquals(List.of(), ids("/tags/" + tag.get("id") + "/users", "users"));
        api.post("/services/" + serviceId + "/change_tags", obj("add", List.of())).expect(404);
        api.delete("/tags/" + tag.get("id")).expect(204);
        api.get("/tags/" + tag.get("id")).expect(404);
    }

    @Test
    void abilities() {
        assertEquals(List.of("teams", "read_only_users", "service_support_hours", "urgencies"),
                api.get("/abilities").expect(200).json().get("abilities"));
        assertEquals(0, api.get("/abilities/teams").expect(204).body().length);
        assertEquals(2014, api.get("/abilities/coordinated_responding").expect(402).obj("error").get("code"));
        assertEquals(2100, api.get("/abilities/time_travel").expect(404).obj("error").get("code"));
        pd.seed().ability("time_travel", true);
        api.get("/abilities/time_travel").expect(204);
    }

    @Test
    void auditRecordsArePaginatedByCursorNewestFirst() {
        List<String> teamIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            teamIds.add(Api.id(api.post("/teams", obj("team", obj("name", "Team " + i))).expect(201).obj("team")));
        }
        api.put("/teams/" + teamIds.get(0), obj("team", obj("description", "first"))).expect(200);

        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = api.get("/audit/records?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).expect(200).json();
            assertEquals(2, page.get("limit"));
            assertTrue(!page.containsKey("offset") && !page.containsKey("more"), "cursor pages have no offset or more");
            all.addAll(Api.maps(page.get("records")));
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(6, all.size());
        assertEquals("update", all.get(0).get("action"), "newest first");
        assertEquals(teamIds.get(0), Api.map(all.get(0).get("root_resource")).get("id"));
        assertEquals("user_reference", Api.maps(all.get(0).get("actors")).get(0).get("type"));
        assertNotNull(all.get(0).get("execution_time"));

        assertEquals(2, api.get("/teams/" + teamIds.get(0) + "/audit/records").list("records").size());
        assertEquals(1, api.get("/audit/records?actions%5B%5D=update").list("records").size());
        api.get("/audit/records?cursor=garbage").expect(400);
        api.get("/audit/records?since=2020-01-01T00:00:00Z&until=2020-03-01T00:00:00Z").expect(400); // more than 31 days
    }

    @Test
    void changeEventsAreStoredAndListed() {
        Api.Res r = Api.anonymous(pd).post("/v2/change/enqueue", obj("routing_key", pd.routingKey(),
                "payload", obj("summary", "Deployed v42", "source", "ci", "timestamp", "2026-01-01T10:00:00Z",
                        "custom_details", obj("build", 42)),
                "links", List.of(obj("href", "https://ci.example.com/42", "text", "Build")))).expect(202);
        assertEquals(Map.of("status", "success", "message", "Change event processed"), r.json());

        List<Map<String, Object>> events = api.get("/change_events").expect(200).list("change_events");
        assertEquals(1, events.size());
        Map<String, Object> e = events.get(0);
        assertEquals("Deployed v42", e.get("summary"));
        assertEquals("change_event", e.get("type"));
        assertEquals(serviceId, Api.maps(e.get("services")).get(0).get("id"));
        assertEquals(1, api.get("/services/" + serviceId + "/change_events").list("change_events").size());
        assertEquals(e.get("id"), api.get("/change_events/" + e.get("id")).expect(200).obj("change_event").get("id"));
        assertEquals(0, api.get("/incidents").list("incidents").size(), "change events never open incidents");
        api.get("/change_events?since=2026-01-01T00:00:00%2B01:00").expect(400); // not UTC
        assertEquals(1, api.get("/change_events?since=2025-12-31T00:00:00Z&until=2026-01-02T00:00:00Z").list("change_events").size());

        String incidentId = Api.id(api.post("/incidents", obj("incident", obj("type", "incident", "title", "After deploy",
                "service", ref(serviceId, "service_reference")))).expect(201).obj("incident"));
        assertEquals(1, api.get("/incidents/" + incidentId + "/related_change_events").expect(200).list("change_events").size());
        assertNull(api.get("/change_events").list("change_events").get(0).get("html_url"));
    }

    List<Object> ids(String path, String wrapper) {
        return api.get(path).expect(200).list(wrapper).stream().map(m -> m.get("id")).toList();
    }
}
