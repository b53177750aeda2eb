package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static dev.pdkit.testkit.Api.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Services, their integrations, and escalation policies. */
class ServicesAndPoliciesTest {

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
        api = Api.account(pd);
    }

    String userId() {
        return Api.id(api.get("/users?query=pat").list("users").get(0));
    }

    @Test
    void escalationPolicyLifecycle() {
        Map<String, Object> ep = api.post("/escalation_policies", obj("escalation_policy", obj("type", "escalation_policy",
                "name", "Night", "escalation_rules", List.of(obj("escalation_delay_in_minutes", 10,
                        "targets", List.of(ref(userId(), "user_reference"))))))).expect(201).obj("escalation_policy");
        Map<String, Object> rule = Api.maps(ep.get("escalation_rules")).get(0);
        assertTrue(((String) rule.get("id")).matches("P[A-Z0-9]{6}"));
        assertEquals("user_reference", Api.maps(rule.get("targets")).get(0).get("type"));
        assertEquals("Pat Oncall", Api.maps(rule.get("targets")).get(0).get("summary"));
        assertEquals(0, ep.get("num_loops"));

        String id = Api.id(ep);
        assertEquals(2, api.put("/escalation_policies/" + id, obj("escalation_policy", obj("num_loops", 2)))
                .expect(200).obj("escalation_policy").get("num_loops"));
        assertEquals(List.of("Night"), api.get("/escalation_policies?query=nig").list("escalation_policies")
                .stream().map(m -> m.get("name")).toList());
        assertEquals(2, api.get("/escalation_policies?user_ids%5B%5D=" + userId()).list("escalation_policies").size());
        api.delete("/escalation_policies/" + id).expect(204);
        api.get("/escalation_policies/" + id).expect(404);
    }

    @Test
    void escalationPolicyValidation() {
        api.post("/escalation_policies", obj("escalation_policy", obj("name", "No rules"))).expect(400);
        api.post("/escalation_policies", obj("escalation_policy", obj("name", "Ghost", "escalation_rules",
                List.of(obj("targets", List.of(ref("PGHOST01", "user_reference"))))))).expect(400);
    }

    @Test
    void serviceLifecycleKeepsThePolicysServicesUpToDate() {
        String epId = Api.id(api.get("/escalation_policies").list("escalation_policies").get(0));
        Map<String, Object> svc = api.post("/services", obj("service", obj("type", "service", "name", "Search",
                "escalation_policy", ref(epId, "escalation_policy_reference")))).expect(201).obj("service");
        String id = Api.id(svc);
        assertEquals("active", svc.get("status"));
        assertEquals("https://fake-subdomain.pagerduty.com/service-directory/" + id, svc.get("html_url"));
        assertEquals(List.of(), svc.get("integrations"), "REST creates no integration by itself");
        assertTrue(api.get("/escalation_policies/" + epId).obj("escalation_policy").get("services").toString().contains(id));

        api.delete("/escalation_policies/" + epId).expect(400); // still in use

        assertEquals("disabled", api.put("/services/" + id, obj("service", obj("status", "disabled")))
                .expect(200).obj("service").get("status"));
        assertEquals(List.of("Search"), api.get("/services?query=SEAR").list("services").stream().map(m -> m.get("name")).toList());
        api.delete("/services/" + id).expect(204);
        api.get("/services/" + id).expect(404);
        assertTrue(!api.get("/escalation_policies/" + epId).obj("escalation_policy").get("services").toString().contains(id));
    }

    @Test
    void aServiceNeedsAnExistingPolicy() {
        api.post("/services", obj("service", obj("name", "Orphan"))).expect(400);
        api.post("/services", obj("service", obj("name", "Orphan", "escalation_policy", ref("PNOPE00", "escalation_policy_reference"))))
                .expect(400);
    }

    @Test
    void anEventsIntegrationHasARoutingKeyThatWorks() {
        String serviceId = Api.id(api.get("/services").list("services").get(0));
        Map<String, Object> integration = api.post("/services/" + serviceId + "/integrations", obj("integration",
                obj("type", "events_api_v2_inbound_integration", "name", "Alertmanager"))).expect(201).obj("integration");
        String key = (String) integration.get("integration_key");
        assertTrue(key.matches("[0-9a-f]{32}"), key);
        assertEquals(pd.restUrl() + "/services/" + serviceId + "/integrations/" + integration.get("id"), integration.get("self"));
        assertEquals(integration, api.get("/services/" + serviceId + "/integrations/" + integration.get("id")).expect(200).obj("integration"));
        assertEquals("Renamed", api.put("/services/" + serviceId + "/integrations/" + integration.get("id"),
                obj("integration", obj("name", "Renamed"))).expect(200).obj("integration").get("name"));

        Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", key, "event_action", "trigger",
                "payload", obj("summary", "via new key", "source", "test", "severity", "error"))).expect(202);
        Map<String, Object> incident = api.get("/incidents").list("incidents").get(0);
        assertEquals(serviceId, Api.map(incident.get("service")).get("id"));

        Map<String, Object> svc = api.get("/services/" + serviceId + "?include%5B%5D=integrations").obj("service");
        assertTrue(Api.maps(svc.get("integrations")).stream().anyMatch(i -> key.equals(i.get("integration_key"))));
    }

    @Test
    void anEmailIntegrationHasNoRoutingKey() {
        String serviceId = Api.id(api.get("/services").list("services").get(0));
        Map<String, Object> i = api.post("/services/" + serviceId + "/integrations", obj("integration",
                obj("type", "generic_email_inbound_integration"))).expect(201).obj("integration");
        assertNull(i.get("integration_key"));
        assertTrue(String.valueOf(i.get("integration_email")).endsWith("@fake-subdomain.pagerduty.com"));
    }

    @Test
    void includeEscalationPoliciesOnServices() {
        Map<String, Object> svc = api.get("/services?include%5B%5D=escalation_policies").list("services").get(0);
        Map<String, Object> ep = Api.map(svc.get("escalation_policy"));
        assertEquals("escalation_policy", ep.get("type"));
        assertTrue(ep.containsKey("escalation_rules"));
    }
}
