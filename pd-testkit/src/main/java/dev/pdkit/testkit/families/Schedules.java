package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Schedules, their overrides and the on-calls they produce.
 *
 * <p>Who is on call at an instant: the most recently created override covering it, else the
 * layers from last to first (a later layer sits on top), each covering {@code [start, end)} and
 * rotating through its users every {@code rotation_turn_length_seconds} from
 * {@code rotation_virtual_start}. Restrictions are kept but not applied. {@code final_schedule}
 * on {@code GET /schedules/{id}} is rendered from this rule for {@code since}..{@code until}
 * (default: the next 7 days).
 *
 * <p>{@code POST /schedules/{id}/overrides} answers 201 with a bare array: one
 * {@code {status, override}} or {@code {status:400, errors, override}} per submitted override.
 * {@code DELETE} of an override answers 204, or 200 when the override is running and is cut short
 * to end now.
 */
public final class Schedules {

    static final String SCHEDULES = "/schedules";
    private static final Duration MAX_RENDER = Duration.ofDays(90);

    private final Families f;

    Schedules(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", SCHEDULES, call -> {
            List<Map<String, Object>> list = Filters.query(call, Support.byName(f.store(), SCHEDULES), "name");
            List<Map<String, Object>> shown = new ArrayList<>();
            for (Map<String, Object> s : list) {
                shown.add(withPolicies(s));
            }
            return Support.offsetPage(call, "schedules", Includes.apply(f.store(), call, shown));
        });
        r.register("POST", SCHEDULES, call -> {
            Map<String, Object> s = create(call.wrapped("schedule"));
            f.audit().record(call, s, "create");
            return Support.one(201, "schedule", withPolicies(s));
        });
        r.register("GET", "/schedules/{id}", this::show);
        r.register("PUT", "/schedules/{id}", this::update);
        r.register("DELETE", "/schedules/{id}", call -> {
            Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
            f.store().remove(SCHEDULES, (String) s.get("id"));
            f.audit().record(call, s, "delete");
            return Reply.empty(204);
        });
        r.register("GET", "/schedules/{id}/overrides", this::listOverrides);
        r.register("POST", "/schedules/{id}/overrides", this::createOverrides);
        r.register("DELETE", "/schedules/{id}/overrides/{override_id}", this::deleteOverride);
        r.register("GET", "/schedules/{id}/users", this::users);
        r.register("GET", "/oncalls", this::oncalls);
    }

    /** Creates a schedule; {@code time_zone} is required; layers need users that exist. */
    public Map<String, Object> create(Map<String, Object> body) {
        String tz = Support.required(body, "time_zone", "Time zone");
        List<Object> layers = layers(body.get("schedule_layers"));
        return f.store().insert(SCHEDULES, "schedule", Json.obj("id", body.get("id"),
                "name", body.getOrDefault("name", "Schedule"),
                "description", body.get("description"),
                "time_zone", tz,
                "schedule_layers", layers,
                "users", layerUsers(layers),
                "teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team")));
    }

    private List<Object> layers(Object raw) {
        if (raw != null && !(raw instanceof List<?>)) {
            throw ApiError.invalid("schedule_layers must be an array");
        }
        List<Object> layers = new ArrayList<>();
        int n = 0;
        for (Object o : Json.list(raw)) {
            n++;
            Map<String, Object> in = Json.map(o);
            if (in == null) {
                throw ApiError.invalid("Each schedule layer must be an object");
            }
            String start = Json.str(in, "start");
            Instant startAt = start == null ? f.store().instant() : parse(start, "start");
            String vstart = Json.str(in, "rotation_virtual_start");
            Instant vstartAt = vstart == null ? startAt : parse(vstart, "rotation_virtual_start");
            Object turn = in.getOrDefault("rotation_turn_length_seconds", 86400);
            if (!(turn instanceof Number t) || t.longValue() <= 0) {
                throw ApiError.invalid("rotation_turn_length_seconds must be a positive integer");
            }
            List<Object> users = new ArrayList<>();
            for (Object u : Json.list(in.get("users"))) {
                Map<String, Object> entry = Json.map(u);
                Object userRef = entry != null && entry.containsKey("user") ? entry.get("user") : u;
                users.add(Json.obj("user", Support.ref(Support.resolve(f.store(), Users.USERS, userRef, "User"))));
            }
            String end = Json.str(in, "end");
            layers.add(Json.obj("id", Json.blank(Json.str(in, "id")) ? f.store().newId() : Json.str(in, "id"),
                    "name", in.getOrDefault("name", "Layer " + n),
                    "start", startAt.toString(),
                    "end", end == null ? null : parse(end, "end").toString(),
                    "rotation_virtual_start", vstartAt.toString(),
                    "rotation_turn_length_seconds", ((Number) turn).longValue(),
                    "users", users,
                    "restrictions", in.getOrDefault("restrictions", new ArrayList<>()),
                    "rendered_schedule_entries", new ArrayList<>(),
                    "rendered_coverage_percentage", null));
        }
        return layers;
    }

    private static Instant parse(String s, String what) {
        Instant t = Filters.parseOrNull(s);
        if (t == null) {
            throw ApiError.invalid(what + " is not a valid date-time: " + s);
        }
        return t;
    }

    private static List<Object> layerUsers(List<Object> layers) {
        Map<Object, Object> users = new LinkedHashMap<>();
        for (Object l : layers) {
            for (Object u : Json.list(Json.map(l).get("users"))) {
                Map<String, Object> ref = Json.map(Json.map(u).get("user"));
                users.putIfAbsent(ref.get("id"), ref);
            }
        }
        return new ArrayList<>(users.values());
    }

    /** A copy of the schedule with {@code escalation_policies}: the policies that target it. */
    private Map<String, Object> withPolicies(Map<String, Object> schedule) {
        Map<String, Object> copy = Json.copy(schedule);
        List<Object> eps = new ArrayList<>();
        for (Map<String, Object> ep : f.store().list(EscalationPolicies.EPS)) {
            if (targets(ep).contains(schedule.get("id"))) {
                eps.add(Support.ref(ep));
            }
        }
        copy.put("escalation_policies", eps);
        return copy;
    }

    private static List<String> targets(Map<String, Object> ep) {
        List<String> ids = new ArrayList<>();
        for (Object rule : Json.list(ep.get("escalation_rules"))) {
            for (Object t : Json.list(Json.map(rule).get("targets"))) {
                ids.add(Json.id(t));
            }
        }
        return ids;
    }

    private Reply show(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Instant since = Filters.time(call, "since");
        Instant until = Filters.time(call, "until");
        since = since != null ? since : f.store().instant();
        until = until != null ? until : since.plus(Duration.ofDays(7));
        if (until.isBefore(since)) {
            throw ApiError.invalid("until must not be before since");
        }
        if (Duration.between(since, until).compareTo(MAX_RENDER) > 0) {
            until = since.plus(MAX_RENDER);
        }
        Map<String, Object> copy = withPolicies(s);
        copy.put("final_schedule", render("Final Schedule", s, since, until, true));
        copy.put("overrides_subschedule", render("Overrides", s, since, until, false));
        return Support.one(200, "schedule", Includes.apply(f.store(), call, copy));
    }

    private Map<String, Object> render(String name, Map<String, Object> s, Instant since, Instant until, boolean layersToo) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(since);
        points.add(until);
        for (Map<String, Object> o : overrides(s)) {
            addIfInside(points, Filters.parseOrNull(Json.str(o, "start")), since, until);
            addIfInside(points, Filters.parseOrNull(Json.str(o, "end")), since, until);
        }
        if (layersToo) {
            for (Object l : Json.list(s.get("schedule_layers"))) {
                Map<String, Object> layer = Json.map(l);
                addIfInside(points, Filters.parseOrNull(Json.str(layer, "start")), since, until);
                addIfInside(points, Filters.parseOrNull(Json.str(layer, "end")), since, until);
                long turn = ((Number) layer.get("rotation_turn_length_seconds")).longValue();
                Instant v = Filters.parseOrNull(Json.str(layer, "rotation_virtual_start"));
                long k = Math.floorDiv(Duration.between(v, since).getSeconds(), turn);
                for (int i = 0; i < 5000; i++, k++) {
                    Instant b = v.plusSeconds(k * turn);
                    if (!b.isBefore(until)) {
                        break;
                    }
                    addIfInside(points, b, since, until);
                }
            }
        }
        List<Object> entries = new ArrayList<>();
        long covered = 0;
        Instant prev = null;
        for (Instant p : points) {
            if (prev != null) {
                Shift shift = layersToo ? shiftAt(s, prev) : overrideAt(s, prev);
                if (shift != null) {
                    covered += Duration.between(prev, p).getSeconds();
                    Map<String, Object> last = entries.isEmpty() ? null : Json.map(entries.get(entries.size() - 1));
                    if (last != null && last.get("end").equals(prev.toString())
                            && Json.id(last.get("user")).equals(shift.user().get("id"))) {
                        last.put("end", p.toString());
                    } else {
                        entries.add(Json.obj("start", prev.toString(), "end", p.toString(), "user", shift.user()));
                    }
                }
            }
            prev = p;
        }
        long total = Math.max(1, Duration.between(since, until).getSeconds());
        return Json.obj("name", name, "rendered_schedule_entries", entries,
                "rendered_coverage_percentage", Math.round(covered * 10000.0 / total) / 100.0);
    }

    private static void addIfInside(TreeSet<Instant> points, Instant t, Instant since, Instant until) {
        if (t != null && t.isAfter(since) && t.isBefore(until)) {
            points.add(t);
        }
    }

    /** An on-call shift: the user and the bounds of the turn or override that puts them on call. */
    record Shift(Map<String, Object> user, Instant start, Instant end) {
    }

    /** Who is on call at {@code t}, or {@code null}. */
    Shift shiftAt(Map<String, Object> schedule, Instant t) {
        Shift override = overrideAt(schedule, t);
        if (override != null) {
            return override;
        }
        List<Object> layers = Json.list(schedule.get("schedule_layers"));
        for (int i = layers.size() - 1; i >= 0; i--) {
            Map<String, Object> layer = Json.map(layers.get(i));
            Instant start = Filters.parseOrNull(Json.str(layer, "start"));
            Instant end = Filters.parseOrNull(Json.str(layer, "end"));
            List<Object> users = Json.list(layer.get("users"));
            if (users.isEmpty() || (start != null && t.isBefore(start)) || (end != null && !t.isBefore(end))) {
                continue;
            }
            long turn = ((Number) layer.get("rotation_turn_length_seconds")).longValue();
            Instant v = Filters.parseOrNull(Json.str(layer, "rotation_virtual_start"));
            long k = Math.floorDiv(Duration.between(v, t).getSeconds(), turn);
            Map<String, Object> user = Json.map(Json.map(users.get((int) Math.floorMod(k, (long) users.size()))).get("user"));
            Instant turnEnd = v.plusSeconds((k + 1) * turn);
            return new Shift(user, v.plusSeconds(k * turn), end != null && end.isBefore(turnEnd) ? end : turnEnd);
        }
        return null;
    }

    private Shift overrideAt(Map<String, Object> schedule, Instant t) {
        List<Map<String, Object>> overrides = overrides(schedule);
        for (int i = overrides.size() - 1; i >= 0; i--) {
            Map<String, Object> o = overrides.get(i);
            Instant start = Filters.parseOrNull(Json.str(o, "start"));
            Instant end = Filters.parseOrNull(Json.str(o, "end"));
            if (!t.isBefore(start) && t.isBefore(end)) {
                return new Shift(Json.map(o.get("user")), start, end);
            }
        }
        return null;
    }

    private List<Map<String, Object>> overrides(Map<String, Object> schedule) {
        return f.store().list(overridesOf(schedule));
    }

    private static String overridesOf(Map<String, Object> schedule) {
        return SCHEDULES + "/" + schedule.get("id") + "/overrides";
    }

    private Reply update(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("schedule");
        if (body.containsKey("schedule_layers")) {
            List<Object> layers = layers(body.get("schedule_layers"));
            s.put("schedule_layers", layers);
            s.put("users", layerUsers(layers));
        }
        if (body.containsKey("time_zone")) {
            s.put("time_zone", Support.required(body, "time_zone", "Time zone"));
        }
        if (body.containsKey("teams")) {
            s.put("teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team"));
        }
        Support.copyPresent(body, s, "name", "description");
        s.put("summary", s.get("name"));
        f.audit().record(call, s, "update");
        return Support.one(200, "schedule", withPolicies(s));
    }

    private Reply listOverrides(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Instant since = Filters.time(call, "since");
        Instant until = Filters.time(call, "until");
        if (since == null || until == null) {
            throw ApiError.invalid("since and until are required");
        }
        List<Map<String, Object>> list = Filters.keep(overrides(s), o ->
                Filters.parseOrNull(Json.str(o, "start")).isBefore(until)
                        && Filters.parseOrNull(Json.str(o, "end")).isAfter(since));
        // The spec declares 201 for this GET, a spec bug; the live API answers 200.
        return Reply.json(200, Json.obj("overrides", Includes.apply(f.store(), call, list)));
    }

    private Reply createOverrides(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Map<String, Object> body = call.object();
        List<Object> submitted = body.get("overrides") instanceof List<?> l ? Json.list(l)
                : body.get("override") instanceof Map<?, ?> one ? List.of(one) : null;
        if (submitted == null) {
            throw ApiError.invalid("The request body must contain an 'overrides' array");
        }
        List<Object> results = new ArrayList<>();
        for (Object o : submitted) {
            results.add(createOverride(s, Json.map(o)));
        }
        return Reply.json(201, results);
    }

    /** Validates and stores one override; returns its per-item result. */
    Map<String, Object> createOverride(Map<String, Object> schedule, Map<String, Object> in) {
        if (in == null) {
            return Json.obj("status", 400, "errors", List.of("Override must be an object"), "override", null);
        }
        List<String> errors = new ArrayList<>();
        Instant start = Filters.parseOrNull(Json.str(in, "start"));
        Instant end = Filters.parseOrNull(Json.str(in, "end"));
        if (start == null) {
            errors.add("Override must have a valid start");
        }
        if (end == null) {
            errors.add("Override must have a valid end");
        }
        if (end != null && !end.isAfter(f.store().instant())) {
            errors.add("Override must end in the future");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add("Override must end after its start");
        }
        String userId = Json.id(in.get("user"));
        Map<String, Object> user = userId == null ? null : f.store().get(Users.USERS, userId);
        if (user == null) {
            errors.add("Override must name a user that exists");
        }
        if (!errors.isEmpty()) {
            return Json.obj("status", 400, "errors", errors, "override", Json.copy(in));
        }
        Map<String, Object> stored = f.store().insert(overridesOf(schedule), "override", Json.obj(
                "id", f.store().newLongId(), "start", start.toString(), "end", end.toString(),
                "user", Support.ref(user), "time_zone", in.get("time_zone")));
        return Json.obj("status", 201, "override", stored);
    }

    private Reply deleteOverride(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Map<String, Object> o = f.store().require(overridesOf(s), call.pathParam("override_id"));
        Instant now = f.store().instant();
        Instant start = Filters.parseOrNull(Json.str(o, "start"));
        Instant end = Filters.parseOrNull(Json.str(o, "end"));
        if (!now.isBefore(start) && now.isBefore(end)) {
            o.put("end", now.toString());
            return Reply.empty(200);
        }
        f.store().remove(overridesOf(s), (String) o.get("id"));
        return Reply.empty(204);
    }

    private Reply users(Call call) {
        Map<String, Object> s = f.store().require(SCHEDULES, call.pathParam("id"));
        Map<Object, Object> ids = new LinkedHashMap<>();
        for (Object ref : Json.list(s.get("users"))) {
            ids.putIfAbsent(Json.id(ref), ref);
        }
        for (Map<String, Object> o : overrides(s)) {
            ids.putIfAbsent(Json.id(o.get("user")), o.get("user"));
        }
        List<Object> users = new ArrayList<>();
        for (Object id : ids.keySet()) {
            Map<String, Object> u = f.store().get(Users.USERS, (String) id);
            if (u != null) {
                users.add(u);
            }
        }
        return Reply.json(200, Json.obj("users", users));
    }

    /** The users a policy's rule targets now: user targets and the on-call users of schedule targets. */
    List<Map<String, Object>> usersOnCall(Map<String, Object> rule, Instant t) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (Object target : Json.list(rule.get("targets"))) {
            Map<String, Object> ref = Json.map(target);
            if (String.valueOf(ref.get("type")).startsWith("schedule")) {
                Map<String, Object> schedule = f.store().get(SCHEDULES, Json.id(ref));
                Shift shift = schedule == null ? null : shiftAt(schedule, t);
                if (shift != null) {
                    users.add(shift.user());
                }
            } else {
                users.add(ref);
            }
        }
        return users;
    }

    private Reply oncalls(Call call) {
        Instant now = f.store().instant();
        List<Map<String, Object>> oncalls = new ArrayList<>();
        for (Map<String, Object> ep : Support.byName(f.store(), EscalationPolicies.EPS)) {
            int level = 0;
            for (Object r : Json.list(ep.get("escalation_rules"))) {
                level++;
                for (Object target : Json.list(Json.map(r).get("targets"))) {
                    Map<String, Object> ref = Json.map(target);
                    if (String.valueOf(ref.get("type")).startsWith("schedule")) {
                        Map<String, Object> schedule = f.store().get(SCHEDULES, Json.id(ref));
                        Shift shift = schedule == null ? null : shiftAt(schedule, now);
                        if (shift != null) {
                            oncalls.add(Json.obj("escalation_policy", Support.ref(ep), "escalation_level", level,
                                    "schedule", Support.ref(schedule), "user", shift.user(),
                                    "start", shift.start().toString(), "end", shift.end().toString()));
                        }
                    } else {
                        oncalls.add(Json.obj("escalation_policy", Support.ref(ep), "escalation_level", level,
                                "schedule", null, "user", ref, "start", null, "end", null));
                    }
                }
            }
        }
        oncalls = Filters.anyOf(call, "user_ids", oncalls, o -> Filters.refId(o, "user"));
        oncalls = Filters.anyOf(call, "escalation_policy_ids", oncalls, o -> Filters.refId(o, "escalation_policy"));
        oncalls = Filters.anyOf(call, "schedule_ids", oncalls, o -> Filters.refId(o, "schedule"));
        return Support.offsetPage(call, "oncalls", Includes.apply(f.store(), call, oncalls));
    }
}
