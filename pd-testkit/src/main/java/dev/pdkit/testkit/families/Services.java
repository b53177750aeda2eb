package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import dev.pdkit.testkit.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services and their integrations. An Events API integration ({@code events_api_v2_inbound_integration}
 * or {@code generic_events_api_inbound_integration}) gets a 32-character {@code integration_key}:
 * the routing key {@code /v2/enqueue} accepts for the service. The escalation policy's
 * {@code services} follows the service when it is created, moved or deleted.
 */
public final class Services {

    static final String SERVICES = "/services";
    /** The integration type whose key works as an Events API v2 routing key. */
    public static final String EVENTS_V2 = "events_api_v2_inbound_integration";
    private static final Set<String> KEYED = Set.of(EVENTS_V2, "generic_events_api_inbound_integration");
    private static final Set<String> STATUSES = Set.of("active", "warning", "critical", "maintenance", "disabled");

    private final Families f;
    /** Routing key to integration (live map). */
    private final Map<String, Map<String, Object>> byKey = new HashMap<>();

    Services(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", SERVICES, this::list);
        r.register("POST", SERVICES, call -> {
            Map<String, Object> s = create(call.wrapped("service"));
            f.audit().record(call, s, "create");
            return Support.one(201, "service", s);
        });
        r.register("GET", "/services/{id}", call -> Support.one(200, "service",
                Includes.apply(f.store(), call, f.store().require(SERVICES, call.pathParam("id")))));
        r.register("PUT", "/services/{id}", this::update);
        r.register("DELETE", "/services/{id}", this::delete);
        r.register("POST", "/services/{id}/integrations", call -> {
            Map<String, Object> s = f.store().require(SERVICES, call.pathParam("id"));
            return Support.one(201, "integration", addIntegration(s, call.wrapped("integration")));
        });
        r.register("GET", "/services/{id}/integrations/{integration_id}", call -> {
            Map<String, Object> s = f.store().require(SERVICES, call.pathParam("id"));
            return Support.one(200, "integration", Includes.apply(f.store(), call,
                    f.store().require(integrations(s), call.pathParam("integration_id"))));
        });
        r.register("PUT", "/services/{id}/integrations/{integration_id}", call -> {
            Map<String, Object> s = f.store().require(SERVICES, call.pathParam("id"));
            Map<String, Object> i = f.store().require(integrations(s), call.pathParam("integration_id"));
            Support.copyPresent(call.wrapped("integration"), i, "name", "integration_email", "email_filter_mode",
                    "email_incident_creation", "email_parsing_fallback", "email_filters", "email_parsers");
            i.put("summary", i.get("name"));
            return Support.one(200, "integration", i);
        });
    }

    /**
     * Creates a service; {@code name} and an existing {@code escalation_policy} are required.
     *
     * @param withEventsIntegration whether to add an Events API v2 integration (seeding does, REST doesn't)
     */
    public Map<String, Object> create(Map<String, Object> body, boolean withEventsIntegration) {
        Map<String, Object> s = create(body);
        if (withEventsIntegration) {
            addIntegration(s, Json.obj("type", EVENTS_V2, "name", "Events API V2"));
        }
        return s;
    }

    private Map<String, Object> create(Map<String, Object> body) {
        String name = Support.required(body, "name", "Name");
        Map<String, Object> ep = Support.resolve(f.store(), EscalationPolicies.EPS, body.get("escalation_policy"),
                "Escalation policy");
        String now = f.store().now();
        Map<String, Object> s = f.store().insert(SERVICES, "service", Json.obj("id", body.get("id"), "name", name,
                "description", body.get("description"),
                "auto_resolve_timeout", body.getOrDefault("auto_resolve_timeout", 14400),
                "acknowledgement_timeout", body.getOrDefault("acknowledgement_timeout", 1800),
                "created_at", now,
                "updated_at", now,
                "status", Support.oneOf(body, "status", STATUSES, "active"),
                "last_incident_timestamp", null,
                "escalation_policy", Support.ref(ep),
                "teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team"),
                "integrations", new ArrayList<>(),
                "incident_urgency_rule", body.getOrDefault("incident_urgency_rule",
                        Json.obj("type", "constant", "urgency", "high")),
                "support_hours", body.get("support_hours"),
                "scheduled_actions", body.getOrDefault("scheduled_actions", new ArrayList<>()),
                "addons", new ArrayList<>(),
                "alert_creation", body.getOrDefault("alert_creation", "create_alerts_and_incidents"),
                "alert_grouping_parameters", body.getOrDefault("alert_grouping_parameters", Json.obj("type", null)),
                "auto_pause_notifications_parameters", body.getOrDefault("auto_pause_notifications_parameters",
                        Json.obj("enabled", false, "timeout", null))));
        s.put("html_url", Store.WEB + "/service-directory/" + s.get("id"));
        Support.addRef(ep, "services", Support.ref(s));
        for (Object i : Json.list(body.get("integrations"))) {
            if (Json.map(i) != null && Json.map(i).containsKey("type")) {
                addIntegration(s, Json.map(i));
            }
        }
        return s;
    }

    /** Adds an integration to a service; Events API integrations get an {@code integration_key}. */
    public Map<String, Object> addIntegration(Map<String, Object> service, Map<String, Object> body) {
        String type = Support.required(body, "type", "Integration type");
        String key = Json.str(body, "integration_key");
        if (key != null && (key.length() != 32 || byKey.containsKey(key))) {
            throw ApiError.invalid("integration_key must be 32 characters and unique");
        }
        Map<String, Object> fields = Json.obj("id", body.get("id"),
                "name", body.getOrDefault("name", type.equals(EVENTS_V2) ? "Events API V2" : type),
                "service", Support.ref(service),
                "created_at", f.store().now(),
                "vendor", body.get("vendor"));
        if (KEYED.contains(type) || body.get("vendor") != null) {
            fields.put("integration_key", key != null ? key : f.store().newHex32());
        }
        if (type.contains("email")) {
            fields.put("integration_email", body.getOrDefault("integration_email",
                    service.get("id").toString().toLowerCase() + "@fake-subdomain.pagerduty.com"));
        }
        Map<String, Object> i = f.store().insert(integrations(service), type, fields);
        i.put("html_url", Store.WEB + "/services/" + service.get("id") + "/integrations/" + i.get("id"));
        if (i.get("integration_key") != null) {
            byKey.put((String) i.get("integration_key"), i);
        }
        Support.addRef(service, "integrations", Support.ref(i));
        return i;
    }

    /** The integration whose key is this routing key, or {@code null} (also once its service is gone). */
    public Map<String, Object> integrationForKey(String routingKey) {
        Map<String, Object> i = routingKey == null ? null : byKey.get(routingKey);
        return i == null || serviceOf(i) == null ? null : i;
    }

    /** The service an integration belongs to, or {@code null}. */
    public Map<String, Object> serviceOf(Map<String, Object> integration) {
        return f.store().get(SERVICES, Json.id(integration.get("service")));
    }

    /** The routing key of the service's first Events API v2 integration, or {@code null}. */
    public String routingKey(Map<String, Object> service) {
        for (Map<String, Object> i : f.store().list(integrations(service))) {
            if (i.get("integration_key") != null) {
                return (String) i.get("integration_key");
            }
        }
        return null;
    }

    static String integrations(Map<String, Object> service) {
        return SERVICES + "/" + service.get("id") + "/integrations";
    }

    private Reply list(Call call) {
        List<Map<String, Object>> services = Support.byName(f.store(), SERVICES);
        services = Filters.query(call, services, "name");
        String exact = call.param("name");
        if (exact != null) {
            services = Filters.keep(services, s -> exact.equals(s.get("name")));
        }
        services = Filters.anyOf(call, "team_ids", services, s -> Filters.refIds(s, "teams"));
        return Support.offsetPage(call, "services", Includes.apply(f.store(), call, services));
    }

    private Reply update(Call call) {
        Map<String, Object> s = f.store().require(SERVICES, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("service");
        if (body.containsKey("name")) {
            s.put("name", Support.required(body, "name", "Name"));
            s.put("summary", s.get("name"));
        }
        if (body.containsKey("escalation_policy")) {
            Map<String, Object> ep = Support.resolve(f.store(), EscalationPolicies.EPS, body.get("escalation_policy"),
                    "Escalation policy");
            Support.removeRef(f.store().get(EscalationPolicies.EPS, Json.id(s.get("escalation_policy"))), "services",
                    (String) s.get("id"));
            s.put("escalation_policy", Support.ref(ep));
            Support.addRef(ep, "services", Support.ref(s));
        }
        if (body.containsKey("status")) {
            s.put("status", Support.oneOf(body, "status", STATUSES, "active"));
        }
        if (body.containsKey("teams")) {
            s.put("teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team"));
        }
        Support.copyPresent(body, s, "description", "auto_resolve_timeout", "acknowledgement_timeout",
                "incident_urgency_rule", "support_hours", "scheduled_actions", "alert_creation",
                "alert_grouping_parameters", "auto_pause_notifications_parameters");
        s.put("updated_at", f.store().now());
        f.audit().record(call, s, "update");
        return Support.one(200, "service", s);
    }

    private Reply delete(Call call) {
        Map<String, Object> s = f.store().require(SERVICES, call.pathParam("id"));
        Support.removeRef(f.store().get(EscalationPolicies.EPS, Json.id(s.get("escalation_policy"))), "services",
                (String) s.get("id"));
        f.store().remove(SERVICES, (String) s.get("id"));
        f.audit().record(call, s, "delete");
        return Reply.empty(204);
    }
}
