package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users (with contact methods and /users/me), teams and memberships. */
class UsersAndTeamsTest {

    static FakePagerDuty pd;
    Api api;

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
    }

    @Test
    void userLifecycle() {
        Map<String, Object> created = api.post("/users", obj("user", obj("type", "user", "name", "Ann Lee",
                "email", "ann@example.com", "role", "limited_user"))).expect(201).obj("user");
        String id = Api.id(created);
        assertEquals("user", created.get("type"));
        assertEquals("Ann Lee", created.get("summary"));
        assertEquals("limited_user", created.get("role"));
        assertEquals(List.of(), created.get("teams"), "arrays are never null");
        assertEquals(1, ((List<?>) created.get("contact_methods")).size(), "a default email contact method");

        Map<String, Object> updated = api.put("/users/" + id, obj("user", obj("job_title", "SRE", "name", "Ann B. Lee")))
                .expect(200).obj("user");
        assertEquals("SRE", updated.get("job_title"));
        assertEquals("Ann B. Lee", updated.get("summary"));
        assertEquals("ann@example.com", updated.get("email"), "unsent fields are kept");
        assertEquals("SRE", api.get("/users/" + id).expect(200).obj("user").get("job_title"));

        api.delete("/users/" + id).expect(204);
        api.get("/users/" + id).expect(404);
    }

    @Test
    void emailsAreUniqueAndRequired() {
        api.post("/users", obj("user", obj("name", "Dup", "email", pd.userEmail().toUpperCase()))).expect(400);
        api.post("/users", obj("user", obj("name", "No at", "email", "nope"))).expect(400);
        api.post("/users", obj("user", obj("email", "x@example.com"))).expect(400);
    }

    @Test
    void queryMatchesNameOrEmailIgnoringCase() {
        pd.seed().user("Zed Zulu", "zz@corp.example");
        assertEquals(List.of("Zed Zulu"), names(api.get("/users?query=zULu").list("users")));
        assertEquals(List.of("Zed Zulu"), names(api.get("/users?query=CORP.example").list("users")));
        assertEquals(List.of("Pat Oncall", "Sam Responder", "Zed Zulu"), names(api.get("/users").list("users")),
                "a stable order by name");
    }

    @Test
    void includeContactMethodsEmbedsTheObjects() {
        Map<String, Object> user = api.get("/users?query=pat&include%5B%5D=contact_methods").list("users").get(0);
        Map<String, Object> cm = Api.maps(user.get("contact_methods")).get(0);
        assertEquals("email_contact_method", cm.get("type"), "an included object loses _reference");
        assertEquals(pd.userEmail(), cm.get("address"));
        Map<String, Object> plain = api.get("/users?query=pat").list("users").get(0);
        assertEquals("email_contact_method_reference", Api.maps(plain.get("contact_methods")).get(0).get("type"));
    }

    @Test
    void contactMethods() {
        String userId = Api.id(pd.seed().user("Cy", "cy@example.com"));
        String base = "/users/" + userId + "/contact_methods";
        Map<String, Object> sms = api.post(base, obj("contact_method", obj("type", "sms_contact_method",
                "address", "5555550100", "label", "Mobile", "country_code", 1))).expect(201).obj("contact_method");
        assertEquals("sms_contact_method", sms.get("type"));
        assertEquals(2, api.get(base).expect(200).list("contact_methods").size());
        assertEquals("Work", api.put(base + "/" + Api.id(sms), obj("contact_method", obj("label", "Work")))
                .expect(200).obj("contact_method").get("label"));
        api.delete(base + "/" + Api.id(sms)).expect(204);
        api.get(base + "/" + Api.id(sms)).expect(404);
        assertEquals(1, ((List<?>) api.get("/users/" + userId).obj("user").get("contact_methods")).size());
        api.get("/users/PNOUSER/contact_methods").expect(404);
    }

    @Test
    void usersMeIsTheTokenOwner() {
        Map<String, Object> me = Api.user(pd).get("/users/me").expect(200).obj("user");
        assertEquals("Pat Oncall", me.get("name"));
    }

    @Test
    void teamsAndMembers() {
        Map<String, Object> team = api.post("/teams", obj("team", obj("type", "team", "name", "Payments",
                "description", "Money"))).expect(201).obj("team");
        String teamId = Api.id(team);
        String userId = Api.id(pd.seed().user("Dee", "dee@example.com"));

        Api.Res put = api.put("/teams/" + teamId + "/users/" + userId, obj("role", "responder")).expect(204);
        assertEquals(0, put.body().length);
        List<Map<String, Object>> members = api.get("/teams/" + teamId + "/members").expect(200).list("members");
        assertEquals(1, members.size());
        assertEquals("responder", members.get(0).get("role"));
        assertEquals(userId, Api.map(members.get(0).get("user")).get("id"));
        assertEquals("user_reference", Api.map(members.get(0).get("user")).get("type"));
        assertEquals(List.of("Dee"), names(api.get("/users?team_ids%5B%5D=" + teamId).list("users")));

        api.put("/teams/" + teamId + "/users/" + userId, obj("role", "boss")).expect(400);
        api.delete("/teams/" + teamId + "/users/" + userId).expect(204);
        assertEquals(0, api.get("/teams/" + teamId + "/members").list("members").size());

        assertEquals("Payments & Billing", api.put("/teams/" + teamId, obj("team", obj("name", "Payments & Billing")))
                .expect(200).obj("team").get("name"));
        assertEquals(List.of("Payments & Billing"), names(api.get("/teams?query=billing").list("teams")));
        api.delete("/teams/" + teamId).expect(204);
        api.get("/teams/" + teamId).expect(404);
    }

    @Test
    void teamEscalationPolicyAssociation() {
        String teamId = Api.id(pd.seed().team("Ops"));
        String epId = Api.id(api.get("/escalation_policies").list("escalation_policies").get(0));
        api.put("/teams/" + teamId + "/escalation_policies/" + epId, null).expect(204);
        assertTrue(api.get("/escalation_policies/" + epId).obj("escalation_policy").get("teams").toString().contains(teamId));
        assertEquals(1, api.get("/escalation_policies?team_ids%5B%5D=" + teamId).list("escalation_policies").size());
        api.delete("/teams/" + teamId + "/escalation_policies/" + epId).expect(204);
        assertEquals(0, api.get("/escalation_policies?team_ids%5B%5D=" + teamId).list("escalation_policies").size());
    }

    static List<Object> names(List<Map<String, Object>> items) {
        return items.stream().map(m -> m.get("name")).toList();
    }
}
