package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Escalation policies. Rules need at least one target, a user or a schedule that exists; each rule
 * gets an id. {@code services} is kept up to date as services are created, moved and deleted, and
 * a policy still used by a service cannot be deleted.
 */
public final class EscalationPolicies {

    static final String EPS = "/escalation_policies";

    private final Families f;

    EscalationPolicies(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", EPS, this::list);
        r.register("POST", EPS, call -> {
            Map<String, Object> ep = create(call.wrapped("escalation_policy"));
            f.audit().record(call, ep, "create");
            return Support.one(201, "escalation_policy", ep);
        });
        r.register("GET", "/escalation_policies/{id}", call -> Support.one(200, "escalation_policy",
                Includes.apply(f.store(), call, f.store().require(EPS, call.pathParam("id")))));
        r.register("PUT", "/escalation_policies/{id}", this::update);
        r.register("DELETE", "/escalation_policies/{id}", this::delete);
    }

    /** Creates a policy; {@code name} and at least one rule with a target are required. */
    public Map<String, Object> create(Map<String, Object> body) {
        String name = Support.required(body, "name", "Name");
        List<Object> rules = rules(body.get("escalation_rules"));
        Map<String, Object> ep = f.store().insert(EPS, "escalation_policy", Json.obj("id", body.get("id"),
                "name", name,
                "description", body.get("description"),
                "num_loops", body.getOrDefault("num_loops", 0),
                "on_call_handoff_notifications", Support.oneOf(body, "on_call_handoff_notifications",
                        Set.of("if_has_services", "always"), "if_has_services"),
                "escalation_rules", rules,
                "services", new ArrayList<>(),
                "teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team")));
        return ep;
    }

    private List<Object> rules(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw ApiError.invalid("Escalation rules cannot be empty");
        }
        List<Object> rules = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> in = Json.map(o);
            if (in == null) {
                throw ApiError.invalid("Each escalation rule must be an object");
            }
            List<Object> targets = new ArrayList<>();
            for (Object t : Json.list(in.get("targets"))) {
                targets.add(target(Json.map(t)));
            }
            if (targets.isEmpty()) {
                throw ApiError.invalid("Escalation rule targets cannot be empty");
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", Json.blank(Json.str(in, "id")) ? f.store().newId() : Json.str(in, "id"));
            rule.put("escalation_delay_in_minutes", in.getOrDefault("escalation_delay_in_minutes", 30));
            rule.put("targets", targets);
            if (in.containsKey("escalation_rule_assignment_strategy")) {
                rule.put("escalation_rule_assignment_strategy", in.get("escalation_rule_assignment_strategy"));
            }
            rules.add(rule);
        }
        return rules;
    }

    private Map<String, Object> target(Map<String, Object> t) {
        String type = Json.str(t, "type");
        if (type != null && type.startsWith("schedule")) {
            return Support.ref(Support.resolve(f.store(), Schedules.SCHEDULES, t, "Schedule"));
        }
        if (type != null && type.startsWith("user")) {
            return Support.ref(Support.resolve(f.store(), Users.USERS, t, "User"));
        }
        throw ApiError.invalid("Escalation rule target type must be user_reference or schedule_reference");
    }

    private Reply list(Call call) {
        List<Map<String, Object>> eps = Support.byName(f.store(), EPS);
        eps = Filters.query(call, eps, "name");
        eps = Filters.anyOf(call, "team_ids", eps, ep -> Filters.refIds(ep, "teams"));
        eps = Filters.anyOf(call, "user_ids", eps, this::targetUserIds);
        return Support.offsetPage(call, "escalation_policies", Includes.apply(f.store(), call, eps));
    }

    /** The user ids an escalation policy targets directly. */
    List<String> targetUserIds(Map<String, Object> ep) {
        List<String> ids = new ArrayList<>();
        for (Object rule : Json.list(ep.get("escalation_rules"))) {
            for (Object t : Json.list(Json.map(rule).get("targets"))) {
                if (String.valueOf(Json.map(t).get("type")).startsWith("user")) {
                    ids.add(Json.id(t));
                }
            }
        }
        return ids;
    }

    private Reply update(Call call) {
        Map<String, Object> ep = f.store().require(EPS, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("escalation_policy");
        if (body.containsKey("name")) {
            ep.put("name", Support.required(body, "name", "Name"));
            ep.put("summary", ep.get("name"));
        }
        if (body.containsKey("escalation_rules")) {
            ep.put("escalation_rules", rules(body.get("escalation_rules")));
        }
        if (body.containsKey("teams")) {
            ep.put("teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team"));
        }
        Support.copyPresent(body, ep, "description", "num_loops", "on_call_handoff_notifications");
        f.audit().record(call, ep, "update");
        return Support.one(200, "escalation_policy", ep);
    }

    private Reply delete(Call call) {
        Map<String, Object> ep = f.store().require(EPS, call.pathParam("id"));
        if (!Json.list(ep.get("services")).isEmpty()) {
            throw ApiError.invalid("This escalation policy is in use by one or more services and cannot be deleted");
        }
        f.store().remove(EPS, (String) ep.get("id"));
        f.audit().record(call, ep, "delete");
        return Reply.empty(204);
    }
}
