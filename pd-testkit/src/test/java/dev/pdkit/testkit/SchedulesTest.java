package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static dev.pdkit.testkit.Api.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules, overrides (the bare-array answer) and on-calls. */
class SchedulesTest {

    static FakePagerDuty pd;
    Api api;
    String scheduleId;
    String patId;
    String samId;

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
        api = Api.account(pd);
        scheduleId = Api.id(api.get("/schedules").list("schedules").get(0));
        patId = Api.id(api.get("/users?query=pat").list("users").get(0));
        samId = Api.id(api.get("/users?query=sam").list("users").get(0));
    }

    static String at(long secondsFromNow) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(secondsFromNow).toString();
    }

    @Test
    void createAndReadASchedule() {
        Map<String, Object> s = api.post("/schedules", obj("schedule", obj("type", "schedule", "name", "Weekend",
                "time_zone", "America/Lima", "schedule_layers", List.of(obj("start", "2025-01-01T00:00:00Z",
                        "rotation_virtual_start", "2025-01-01T00:00:00Z", "rotation_turn_length_seconds", 86400,
                        "users", List.of(obj("user", ref(samId, "user_reference")))))))).expect(201).obj("schedule");
        assertEquals("America/Lima", s.get("time_zone"));
        assertEquals(List.of(samId), Api.maps(s.get("users")).stream().map(Api::id).toList());
        Map<String, Object> shown = api.get("/schedules/" + Api.id(s)).expect(200).obj("schedule");
        Map<String, Object> fin = Api.map(shown.get("final_schedule"));
        List<Map<String, Object>> entries = Api.maps(fin.get("rendered_schedule_entries"));
        assertTrue(!entries.isEmpty());
        assertTrue(entries.stream().allMatch(e -> samId.equals(Api.map(e.get("user")).get("id"))));
        assertEquals(100.0, ((Number) fin.get("rendered_coverage_percentage")).doubleValue());
        api.post("/schedules", obj("schedule", obj("name", "No zone"))).expect(400);
        assertEquals("Renamed", api.put("/schedules/" + Api.id(s), obj("schedule", obj("name", "Renamed")))
                .expect(200).obj("schedule").get("name"));
        api.delete("/schedules/" + Api.id(s)).expect(204);
        api.get("/schedules/" + Api.id(s)).expect(404);
    }

    @Test
    void overridesAnswerABareArrayWithAStatusPerItem() {
        Api.Res r = api.post("/schedules/" + scheduleId + "/overrides", obj("overrides", List.of(
                obj("start", at(-60), "end", at(3600), "user", ref(samId, "user_reference"), "time_zone", "UTC"),
                obj("start", at(7200), "end", at(3600), "user", ref(samId, "user_reference")),
                obj("start", at(100), "end", at(200), "user", ref("PNOBODY", "user_reference"))))).expect(201);
        List<Map<String, Object>> items = Api.maps(r.tree());
        assertEquals(3, items.size());
        assertEquals(201, items.get(0).get("status"));
        Map<String, Object> created = Api.map(items.get(0).get("override"));
        assertTrue(((String) created.get("id")).matches("Q[A-Z0-9]{13}"), String.valueOf(created.get("id")));
        assertEquals(400, items.get(1).get("status"));
        assertEquals(List.of("Override must end after its start"), items.get(1).get("errors"));
        assertEquals(400, items.get(2).get("status"));

        List<Map<String, Object>> listed = api.get("/schedules/" + scheduleId + "/overrides?since=" + at(-3600)
                + "&until=" + at(86400)).expect(200).list("overrides");
        assertEquals(List.of(created.get("id")), listed.stream().map(Api::id).toList());
        api.get("/schedules/" + scheduleId + "/overrides").expect(400); // since and until are required
    }

    @Test
    void anOverrideDecidesWhoIsOnCall() {
        String end = at(3600);
        api.post("/schedules/" + scheduleId + "/overrides", obj("overrides", List.of(
                obj("start", at(-60), "end", end, "user", ref(samId, "user_reference"))))).expect(201);
        List<Map<String, Object>> oncalls = api.get("/oncalls?schedule_ids%5B%5D=" + scheduleId).expect(200).list("oncalls");
        assertEquals(1, oncalls.size());
        assertEquals(samId, Api.map(oncalls.get(0).get("user")).get("id"));
        assertEquals(2, oncalls.get(0).get("escalation_level"));
        assertEquals(end, oncalls.get(0).get("end"));

        List<Map<String, Object>> level1 = api.get("/oncalls?user_ids%5B%5D=" + patId).list("oncalls");
        assertEquals(1, level1.size());
        assertEquals(1, level1.get(0).get("escalation_level"));
        assertNull(level1.get(0).get("schedule"));

        Map<String, Object> withUsers = api.get("/oncalls?user_ids%5B%5D=" + patId + "&include%5B%5D=users").list("oncalls").get(0);
        assertEquals(pd.userEmail(), Api.map(withUsers.get("user")).get("email"));
        assertEquals(List.of(patId, samId), api.get("/schedules/" + scheduleId + "/users").expect(200).list("users")
                .stream().map(Api::id).toList());
    }

    @Test
    void deletingAFutureOverrideIs204AndARunningOne200() {
        List<Map<String, Object>> items = Api.maps(api.post("/schedules/" + scheduleId + "/overrides", obj("overrides", List.of(
                obj("start", at(3600), "end", at(7200), "user", ref(samId, "user_reference")),
                obj("start", at(-3600), "end", at(3600), "user", ref(samId, "user_reference"))))).expect(201).tree());
        String future = Api.id(Api.map(items.get(0).get("override")));
        String running = Api.id(Api.map(items.get(1).get("override")));
        api.delete("/schedules/" + scheduleId + "/overrides/" + future).expect(204);
        api.delete("/schedules/" + scheduleId + "/overrides/" + running).expect(200);
        api.delete("/schedules/" + scheduleId + "/overrides/QNOTHERE0000000").expect(404);
        List<Map<String, Object>> left = api.get("/schedules/" + scheduleId + "/overrides?since=" + at(-7200)
                + "&until=" + at(7200)).list("overrides");
        assertEquals(List.of(running), left.stream().map(Api::id).toList(), "the running one was cut short, not removed");
    }

    @Test
    void schedulesIncludeThePoliciesThatTargetThem() {
        Map<String, Object> s = api.get("/schedules/" + scheduleId).obj("schedule");
        assertEquals("Platform Escalation", Api.maps(s.get("escalation_policies")).get(0).get("summary"));
    }
}
