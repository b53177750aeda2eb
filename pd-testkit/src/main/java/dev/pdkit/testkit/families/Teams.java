package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Teams, their members ({@code PUT /teams/{id}/users/{user_id}} answers 204, {@code GET
 * /teams/{id}/members} lists {@code {user, role}}) and their escalation policies. A member's
 * user gets the team in its {@code teams}; an associated escalation policy likewise.
 */
public final class Teams {

    static final String TEAMS = "/teams";
    static final Set<String> MEMBER_ROLES = Set.of("observer", "responder", "manager");

    private final Families f;
    /** Team id to (user id to role), in the order members were added. */
    private final Map<String, Map<String, String>> members = new HashMap<>();

    Teams(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", TEAMS, call -> {
            List<Map<String, Object>> teams = Filters.query(call, Support.byName(f.store(), TEAMS), "name");
            return Support.offsetPage(call, "teams", Includes.apply(f.store(), call, teams));
        });
        r.register("POST", TEAMS, call -> {
            Map<String, Object> team = create(call.wrapped("team"));
            f.audit().record(call, team, "create");
            return Support.one(201, "team", team);
        });
        r.register("GET", "/teams/{id}", call -> Support.one(200, "team", f.store().require(TEAMS, call.pathParam("id"))));
        r.register("PUT", "/teams/{id}", this::update);
        r.register("DELETE", "/teams/{id}", this::delete);
        r.register("PUT", "/teams/{id}/users/{user_id}", this::addMember);
        r.register("DELETE", "/teams/{id}/users/{user_id}", this::removeMember);
        r.register("GET", "/teams/{id}/members", this::listMembers);
        r.register("PUT", "/teams/{id}/escalation_policies/{escalation_policy_id}", call -> {
            Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
            Map<String, Object> ep = f.store().require(EscalationPolicies.EPS, call.pathParam("escalation_policy_id"));
            Support.addRef(ep, "teams", Support.ref(team));
            return Reply.empty(204);
        });
        r.register("DELETE", "/teams/{id}/escalation_policies/{escalation_policy_id}", call -> {
            Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
            Map<String, Object> ep = f.store().require(EscalationPolicies.EPS, call.pathParam("escalation_policy_id"));
            Support.removeRef(ep, "teams", (String) team.get("id"));
            return Reply.empty(204);
        });
    }

    /** Creates a team; {@code name} is required. */
    public Map<String, Object> create(Map<String, Object> body) {
        String name = Support.required(body, "name", "Name");
        Map<String, Object> team = f.store().insert(TEAMS, "team", Json.obj("id", body.get("id"), "name", name,
                "description", body.get("description"),
                "default_role", Support.oneOf(body, "default_role", Set.of("manager", "none"), "manager"),
                "parent", body.get("parent")));
        members.put((String) team.get("id"), new LinkedHashMap<>());
        return team;
    }

    /** Adds (or re-roles) a member. */
    public void addMember(Map<String, Object> team, Map<String, Object> user, String role) {
        if (!MEMBER_ROLES.contains(role)) {
            throw ApiError.invalid("role must be one of observer, responder, manager");
        }
        if ("read_only_user".equals(user.get("role"))) {
            throw ApiError.invalid("A user with the read_only_user role cannot be added to a team");
        }
        members.computeIfAbsent((String) team.get("id"), k -> new LinkedHashMap<>()).put((String) user.get("id"), role);
        Support.addRef(user, "teams", Support.ref(team));
    }

    /** Removes a user from every team's member list (the user is being deleted). */
    void forgetUser(String userId) {
        members.values().forEach(m -> m.remove(userId));
    }

    private Reply update(Call call) {
        Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("team");
        if (body.containsKey("name")) {
            team.put("name", Support.required(body, "name", "Name"));
            team.put("summary", team.get("name"));
        }
        Support.copyPresent(body, team, "description", "parent");
        if (body.containsKey("default_role")) {
            team.put("default_role", Support.oneOf(body, "default_role", Set.of("manager", "none"), "manager"));
        }
        f.audit().record(call, team, "update");
        return Support.one(200, "team", team);
    }

    private Reply delete(Call call) {
        Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
        String id = (String) team.get("id");
        Map<String, String> gone = members.remove(id);
        if (gone != null) {
            gone.keySet().forEach(uid -> Support.removeRef(f.store().get(Users.USERS, uid), "teams", id));
        }
        f.store().remove(TEAMS, id);
        f.audit().record(call, team, "delete");
        return Reply.empty(204);
    }

    private Reply addMember(Call call) {
        Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
        Map<String, Object> user = f.store().require(Users.USERS, call.pathParam("user_id"));
        String dflt = "none".equals(team.get("default_role")) ? "responder" : "manager";
        String role = call.json() == null ? dflt : Support.oneOf(call.object(), "role", MEMBER_ROLES, dflt);
        addMember(team, user, role);
        return Reply.empty(204);
    }

    private Reply removeMember(Call call) {
        Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
        Map<String, Object> user = f.store().require(Users.USERS, call.pathParam("user_id"));
        Map<String, String> m = members.get(team.get("id"));
        if (m != null) {
            m.remove(user.get("id"));
        }
        Support.removeRef(user, "teams", (String) team.get("id"));
        return Reply.empty(204);
    }

    private Reply listMembers(Call call) {
        Map<String, Object> team = f.store().require(TEAMS, call.pathParam("id"));
        List<Map<String, Object>> list = new ArrayList<>();
        members.getOrDefault(team.get("id"), Map.of()).forEach((uid, role) -> {
            Map<String, Object> user = f.store().get(Users.USERS, uid);
            if (user != null) {
                list.add(Json.obj("user", Support.ref(user), "role", role));
            }
        });
        return Support.offsetPage(call, "members", Includes.apply(f.store(), call, list));
    }
}
