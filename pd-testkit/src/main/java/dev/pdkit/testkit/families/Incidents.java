package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import dev.pdkit.testkit.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Incidents with their alerts and notes, and the actions on them.
 *
 * <ul>
 *   <li>Create ({@code POST /incidents}, {@code From} required): {@code title} and an existing
 *       {@code service} are required; an open incident on the same service with the same
 *       {@code incident_key} makes it a 400. Assignees come from {@code assignments}, else the
 *       given or the service's escalation policy (first rule: its users and the on-call users of
 *       its schedules). Assigned to the acting user alone, it starts acknowledged.</li>
 *   <li>States: triggered → acknowledged → resolved (and back: acknowledged → triggered, and
 *       re-opening a resolved incident, as the current spec allows). Acknowledging an acknowledged
 *       incident or resolving a resolved one changes nothing and answers 200. Every change writes a
 *       log entry with the acting user (or, for Events API actions, the service) as agent.
 *       Resolving resolves the alerts and clears assignments; resolving the last open alert
 *       resolves the incident.</li>
 *   <li>{@code GET /incidents/{id}} takes the id or the incident number. The list keeps
 *       PagerDuty's default window of one month unless {@code since}/{@code until} or
 *       {@code date_range=all} say otherwise.</li>
 *   <li>Multi-update {@code PUT /incidents}: at most 250 incidents (413 beyond), all or nothing.</li>
 *   <li>Merge moves the sources' alerts (an alert is made for a source without one) and resolves
 *       the sources with a {@code merge_resolve_reason}; snooze needs an acknowledged incident and
 *       1..604800 seconds (codes 1012 and 1013 otherwise); notes answer 200, at most 2000.</li>
 * </ul>
 */
public final class Incidents {

    static final String INCIDENTS = "/incidents";
    private static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");
    private static final Set<String> URGENCIES = Set.of("high", "low");
    private static final int MAX_BULK = 250;
    private static final int MAX_NOTES = 2000;
    private static final int MAX_SNOOZE = 604_800;
    private static final String STATUS_ERROR = "Status must be a list of triggered, acknowledged, or resolved.";

    private final Families f;

    Incidents(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", INCIDENTS, this::list);
        r.register("POST", INCIDENTS, this::create);
        r.register("PUT", INCIDENTS, this::updateMany);
        r.register("GET", "/incidents/{id}", call -> Support.one(200, "incident",
                Includes.apply(f.store(), call, require(call.pathParam("id")))));
        r.register("PUT", "/incidents/{id}", call -> {
            Map<String, Object> incident = require(call.pathParam("id"));
            Map<String, Object> changes = call.wrapped("incident");
            validate(changes, incident);
            apply(call, incident, changes);
            return Support.one(200, "incident", incident);
        });
        r.register("PUT", "/incidents/{id}/merge", this::merge);
        r.register("POST", "/incidents/{id}/snooze", this::snooze);
        r.register("GET", "/incidents/{id}/notes", call -> Reply.json(200,
                Json.obj("notes", f.store().list(notes(require(call.pathParam("id")))))));
        r.register("POST", "/incidents/{id}/notes", this::addNote);
        r.register("PUT", "/incidents/{id}/notes/{note_id}", call -> {
            Map<String, Object> note = f.store().require(notes(require(call.pathParam("id"))), call.pathParam("note_id"));
            note.put("content", Support.required(call.wrapped("note"), "content", "Content"));
            note.put("updated_at", f.store().now());
            return Support.one(200, "note", note);
        });
        r.register("DELETE", "/incidents/{id}/notes/{note_id}", call -> {
            if (f.store().remove(notes(require(call.pathParam("id"))), call.pathParam("note_id")) == null) {
                throw ApiError.notFound();
            }
            return Reply.empty(204);
        });
        r.register("GET", "/incidents/{id}/alerts", this::listAlerts);
        r.register("GET", "/incidents/{id}/alerts/{alert_id}", call -> Support.one(200, "alert",
                Includes.apply(f.store(), call, f.store().require(alerts(require(call.pathParam("id"))),
                        call.pathParam("alert_id")))));
        r.register("PUT", "/incidents/{id}/alerts/{alert_id}", call -> {
            Map<String, Object> incident = require(call.pathParam("id"));
            Map<String, Object> alert = f.store().require(alerts(incident), call.pathParam("alert_id"));
            return Support.one(200, "alert", updateAlert(call, alert, call.wrapped("alert")));
        });
        r.register("PUT", "/incidents/{id}/alerts", this::updateAlerts);
    }

    // ---- lookups ----

    /** The incident with this id or incident number, or {@code null}. */
    public Map<String, Object> find(String idOrNumber) {
        Map<String, Object> byId = f.store().get(INCIDENTS, idOrNumber);
        if (byId != null || idOrNumber == null || !idOrNumber.chars().allMatch(Character::isDigit)) {
            return byId;
        }
        for (Map<String, Object> i : f.store().list(INCIDENTS)) {
            if (idOrNumber.equals(String.valueOf(i.get("incident_number")))) {
                return i;
            }
        }
        return null;
    }

    /** The incident with this id or number; 404 otherwise. */
    public Map<String, Object> require(String idOrNumber) {
        Map<String, Object> i = find(idOrNumber);
        if (i == null) {
            throw ApiError.notFound();
        }
        return i;
    }

    /** The incident an alert belongs to. */
    public Map<String, Object> incidentOf(Map<String, Object> alert) {
        return f.store().get(INCIDENTS, Json.id(alert.get("incident")));
    }

    static String alerts(Map<String, Object> incident) {
        return INCIDENTS + "/" + incident.get("id") + "/alerts";
    }

    static String notes(Map<String, Object> incident) {
        return INCIDENTS + "/" + incident.get("id") + "/notes";
    }

    // ---- domain operations (shared with the Events API engine) ----

    /**
     * Opens an incident on a service and writes its trigger log entry.
     *
     * @param service the service
     * @param title the title
     * @param key the incident key, or {@code null}
     * @param urgency {@code high} or {@code low}
     * @param details the body details, or {@code null}
     * @param agent who triggered it (a user or service reference)
     * @param assignees user references to assign, or {@code null} to assign through the policy
     * @param policy the escalation policy, or {@code null} for the service's
     * @param priority the priority reference, or {@code null}
     * @return the stored incident
     */
    public Map<String, Object> open(Map<String, Object> service, String title, String key, String urgency,
            Object details, Map<String, Object> agent, List<Map<String, Object>> assignees,
            Map<String, Object> policy, Map<String, Object> priority) {
        Map<String, Object> ep = policy != null ? policy
                : f.store().get(EscalationPolicies.EPS, Json.id(service.get("escalation_policy")));
        String now = f.store().now();
        int number = f.store().nextIncidentNumber();
        List<Map<String, Object>> who = assignees != null ? assignees : policyAssignees(ep);
        List<Object> assignments = new ArrayList<>();
        for (Map<String, Object> u : who) {
            assignments.add(Json.obj("at", now, "assignee", u));
        }
        Map<String, Object> incident = f.store().insert(INCIDENTS, "incident", Json.obj(
                "summary", "[#" + number + "] " + title,
                "incident_number", number,
                "title", title,
                "description", title,
                "created_at", now,
                "updated_at", now,
                "status", "triggered",
                "incident_key", key,
                "service", Support.ref(service),
                "assignments", assignments,
                "assigned_via", assignees != null ? "direct_assignment" : "escalation_policy",
                "acknowledgements", new ArrayList<>(),
                "last_status_change_at", now,
                "last_status_change_by", agent,
                "resolved_at", null,
                "first_trigger_log_entry", null,
                "alert_counts", Json.obj("all", 0, "triggered", 0, "resolved", 0),
                "is_mergeable", true,
                "incident_type", Json.obj("name", "incident_default"),
                "escalation_policy", ep == null ? null : Support.ref(ep),
                "teams", Json.copy(service.getOrDefault("teams", List.of())),
                "pending_actions", new ArrayList<>(),
                "priority", priority,
                "urgency", urgency,
                "resolve_reason", null,
                "conference_bridge", null,
                "incidents_responders", new ArrayList<>(),
                "responder_requests", new ArrayList<>(),
                "body", Json.obj("type", "incident_body", "details", details)));
        Map<String, Object> entry = f.logEntries().add(incident, "trigger_log_entry", agent, "api",
                "Triggered through the API");
        incident.put("first_trigger_log_entry", Support.ref(entry));
        service.put("last_incident_timestamp", now);
        return incident;
    }

    /** The users a policy's first rule puts on an incident now. */
    private List<Map<String, Object>> policyAssignees(Map<String, Object> ep) {
        List<Object> rules = ep == null ? List.of() : Json.list(ep.get("escalation_rules"));
        if (rules.isEmpty()) {
            return List.of();
        }
        Map<Object, Map<String, Object>> unique = new LinkedHashMap<>();
        for (Map<String, Object> u : f.schedules().usersOnCall(Json.map(rules.get(0)), f.store().instant())) {
            unique.putIfAbsent(u.get("id"), u);
        }
        return new ArrayList<>(unique.values());
    }

    /** Adds an alert to an incident; returns the stored alert. */
    public Map<String, Object> addAlert(Map<String, Object> incident, Map<String, Object> fields) {
        Map<String, Object> alert = f.store().insert(alerts(incident), "alert", Json.obj(
                "summary", fields.get("summary"),
                "created_at", f.store().now(),
                "status", fields.getOrDefault("status", "triggered"),
                "alert_key", fields.get("alert_key"),
                "service", incident.get("service"),
                "first_trigger_log_entry", incident.get("first_trigger_log_entry"),
                "incident", Support.ref(incident),
                "suppressed", false,
                "severity", fields.getOrDefault("severity", "critical"),
                "integration", fields.get("integration"),
                "body", Json.obj("type", "alert_body", "contexts", fields.getOrDefault("contexts", new ArrayList<>()),
                        "details", fields.get("details"))));
        alert.put("html_url", Store.WEB + "/alerts/" + alert.get("id"));
        countAlerts(incident);
        return alert;
    }

    private void countAlerts(Map<String, Object> incident) {
        int all = 0;
        int triggered = 0;
        for (Map<String, Object> a : f.store().list(alerts(incident))) {
            all++;
            if ("triggered".equals(a.get("status"))) {
                triggered++;
            }
        }
        incident.put("alert_counts", Json.obj("all", all, "triggered", triggered, "resolved", all - triggered));
    }

    /** Acknowledges a triggered incident; does nothing to an acknowledged or resolved one. */
    public void acknowledge(Map<String, Object> incident, Map<String, Object> agent, String channel) {
        if (!"triggered".equals(incident.get("status"))) {
            return;
        }
        String now = f.store().now();
        incident.put("status", "acknowledged");
        addTo(incident, "acknowledgements", Json.obj("at", now, "acknowledger", agent));
        changed(incident, agent, now);
        f.logEntries().add(incident, "acknowledge_log_entry", agent, channel, "Acknowledged by " + name(agent));
    }

    /** Resolves an open incident and its alerts; does nothing to a resolved one. */
    public void resolve(Map<String, Object> incident, Map<String, Object> agent, String channel, String note,
            Map<String, Object> resolveReason) {
        if ("resolved".equals(incident.get("status"))) {
            return;
        }
        String now = f.store().now();
        incident.put("status", "resolved");
        incident.put("resolved_at", now);
        incident.put("assignments", new ArrayList<>());
        incident.put("pending_actions", new ArrayList<>());
        incident.put("resolve_reason", resolveReason);
        for (Map<String, Object> a : f.store().list(alerts(incident))) {
            a.put("status", "resolved");
        }
        countAlerts(incident);
        changed(incident, agent, now);
        Map<String, Object> e = f.logEntries().add(incident, "resolve_log_entry", agent, channel,
                "Resolved by " + name(agent));
        if (note != null) {
            e.put("note", note);
        }
    }

    /** Resolves one alert, and the incident when it was its last open alert. */
    public void resolveAlert(Map<String, Object> alert, Map<String, Object> agent, String channel) {
        Map<String, Object> incident = incidentOf(alert);
        alert.put("status", "resolved");
        countAlerts(incident);
        if (((Number) Json.map(incident.get("alert_counts")).get("triggered")).intValue() == 0) {
            resolve(incident, agent, channel, null, null);
        }
    }

    /** Writes a trigger log entry for a repeated trigger of an open alert. */
    public void retriggered(Map<String, Object> alert, Map<String, Object> agent) {
        f.logEntries().add(incidentOf(alert), "trigger_log_entry", agent, "api", "Triggered through the API");
    }

    private void unacknowledge(Map<String, Object> incident, Map<String, Object> agent, String channel) {
        String now = f.store().now();
        incident.put("status", "triggered");
        incident.put("acknowledgements", new ArrayList<>());
        incident.put("pending_actions", new ArrayList<>());
        changed(incident, agent, now);
        f.logEntries().add(incident, "unacknowledge_log_entry", agent, channel, "Unacknowledged by " + name(agent));
    }

    private void reopen(Map<String, Object> incident, Map<String, Object> agent, String status) {
        String now = f.store().now();
        incident.put("status", "triggered");
        incident.put("resolved_at", null);
        incident.put("resolve_reason", null);
        List<Map<String, Object>> who = "acknowledged".equals(status) && agent != null ? List.of(agent)
                : policyAssignees(f.store().get(EscalationPolicies.EPS, Json.id(incident.get("escalation_policy"))));
        assign(incident, who, now);
        changed(incident, agent, now);
        f.logEntries().add(incident, "trigger_log_entry", agent, "api", "Reopened by " + name(agent));
        if ("acknowledged".equals(status)) {
            acknowledge(incident, agent, "api");
        }
    }

    private void assign(Map<String, Object> incident, List<Map<String, Object>> users, String now) {
        List<Object> assignments = new ArrayList<>();
        for (Map<String, Object> u : users) {
            assignments.add(Json.obj("at", now, "assignee", u));
        }
        incident.put("assignments", assignments);
    }

    private static void changed(Map<String, Object> incident, Map<String, Object> agent, String now) {
        incident.put("last_status_change_at", now);
        incident.put("last_status_change_by", agent);
        incident.put("updated_at", now);
    }

    @SuppressWarnings("unchecked")
    private static void addTo(Map<String, Object> m, String key, Object value) {
        ((List<Object>) m.computeIfAbsent(key, k -> new ArrayList<>())).add(value);
    }

    private static String name(Map<String, Object> agent) {
        return agent == null ? "the API" : String.valueOf(agent.get("summary"));
    }

    /** The urgency a service gives an incident of this severity ({@code null}: no severity). */
    public String urgencyFor(Map<String, Object> service, String severity) {
        Map<String, Object> rule = Json.map(service.get("incident_urgency_rule"));
        if (rule != null && "use_support_hours".equals(rule.get("type"))) {
            rule = Json.map(rule.get("during_support_hours"));
        }
        String urgency = rule == null ? "high" : String.valueOf(rule.get("urgency"));
        if ("severity_based".equals(urgency)) {
            return "warning".equals(severity) || "info".equals(severity) ? "low" : "high";
        }
        return "low".equals(urgency) ? "low" : "high";
    }

    // ---- handlers ----

    private Reply create(Call call) {
        Map<String, Object> body = call.wrapped("incident");
        if (!"incident".equals(body.get("type"))) {
            throw ApiError.invalid("Incident type must be 'incident'");
        }
        String title = Support.required(body, "title", "Title");
        Map<String, Object> service = Support.resolve(f.store(), Services.SERVICES, body.get("service"), "Service");
        if (body.get("assignments") != null && body.get("escalation_policy") != null) {
            throw ApiError.invalid("Specify either assignments or an escalation policy, not both");
        }
        String key = Json.str(body, "incident_key");
        if (key != null) {
            for (Map<String, Object> i : f.store().list(INCIDENTS)) {
                if (key.equals(i.get("incident_key")) && !"resolved".equals(i.get("status"))
                        && service.get("id").equals(Json.id(i.get("service")))) {
                    throw ApiError.invalid("Open incident with matching dedup key already exists on this service");
                }
            }
        }
        String urgency = body.containsKey("urgency") ? Support.oneOf(body, "urgency", URGENCIES, "high")
                : urgencyFor(service, null);
        Map<String, Object> priority = body.get("priority") == null ? null
                : Support.ref(Support.resolve(f.store(), Priorities.PRIORITIES, body.get("priority"), "Priority"));
        Map<String, Object> policy = body.get("escalation_policy") == null ? null
                : Support.resolve(f.store(), EscalationPolicies.EPS, body.get("escalation_policy"), "Escalation policy");
        List<Map<String, Object>> assignees = null;
        if (body.get("assignments") != null) {
            assignees = new ArrayList<>();
            for (Object a : Json.list(body.get("assignments"))) {
                Object assignee = Json.map(a) == null ? null : Json.map(a).get("assignee");
                assignees.add(Support.ref(Support.resolve(f.store(), Users.USERS, assignee, "Assignee")));
            }
        }
        Map<String, Object> details = Json.map(body.get("body"));
        Map<String, Object> actor = Support.actorRef(call);
        Map<String, Object> incident = open(service, title, key, urgency, details == null ? null : details.get("details"),
                actor, assignees, policy, priority);
        Support.copyPresent(body, incident, "conference_bridge", "incident_type");
        if (assignees != null && assignees.size() == 1 && actor != null && actor.get("id").equals(assignees.get(0).get("id"))) {
            acknowledge(incident, actor, "api");
        }
        return Support.one(201, "incident", incident);
    }

    /** Checks an update before anything changes, so a multi-update is all or nothing. */
    private void validate(Map<String, Object> changes, Map<String, Object> incident) {
        Object type = changes.get("type");
        if (type != null && !"incident".equals(type) && !"incident_reference".equals(type)) {
            throw ApiError.invalid("Incident type must be 'incident' or 'incident_reference'");
        }
        if (changes.containsKey("status") && !STATUSES.contains(String.valueOf(changes.get("status")))) {
            throw new ApiError(400, 1003, "Invalid Status Provided", List.of(STATUS_ERROR));
        }
        if (changes.containsKey("urgency")) {
            Support.oneOf(changes, "urgency", URGENCIES, "high");
        }
        if (changes.get("priority") != null) {
            priority(changes.get("priority"));
        }
        if (changes.get("escalation_policy") != null) {
            Support.resolve(f.store(), EscalationPolicies.EPS, changes.get("escalation_policy"), "Escalation policy");
        }
        if (changes.get("service") != null) {
            Support.resolve(f.store(), Services.SERVICES, changes.get("service"), "Service");
        }
        for (Object a : Json.list(changes.get("assignments"))) {
            Support.resolve(f.store(), Users.USERS, Json.map(a) == null ? null : Json.map(a).get("assignee"), "Assignee");
        }
    }

    private Map<String, Object> priority(Object value) {
        if (value instanceof String name) {
            Map<String, Object> p = f.priorities().byName(name);
            if (p == null) {
                throw new ApiError(400, 1020, "Invalid Priority", List.of("No priority named " + name));
            }
            return Support.ref(p);
        }
        return Support.ref(Support.resolve(f.store(), Priorities.PRIORITIES, value, "Priority"));
    }

    private void apply(Call call, Map<String, Object> incident, Map<String, Object> changes) {
        Map<String, Object> actor = Support.actorRef(call);
        String now = f.store().now();
        if (changes.get("title") instanceof String title && !title.isBlank()) {
            incident.put("title", title);
            incident.put("summary", "[#" + incident.get("incident_number") + "] " + title);
        }
        if (changes.containsKey("urgency")) {
            incident.put("urgency", changes.get("urgency"));
        }
        if (changes.containsKey("priority")) {
            incident.put("priority", changes.get("priority") == null ? null : priority(changes.get("priority")));
        }
        if (changes.get("service") != null) {
            incident.put("service", Support.ref(f.store().get(Services.SERVICES, Json.id(changes.get("service")))));
        }
        Support.copyPresent(changes, incident, "conference_bridge", "incident_type", "description");
        if (changes.get("escalation_policy") != null) {
            Map<String, Object> ep = f.store().get(EscalationPolicies.EPS, Json.id(changes.get("escalation_policy")));
            incident.put("escalation_policy", Support.ref(ep));
            incident.put("assigned_via", "escalation_policy");
            assign(incident, policyAssignees(ep), now);
        }
        if (changes.get("assignments") instanceof List<?> list) {
            List<Map<String, Object>> users = new ArrayList<>();
            for (Object a : list) {
                users.add(Support.ref(f.store().get(Users.USERS, Json.id(Json.map(a).get("assignee")))));
            }
            incident.put("assigned_via", "direct_assignment");
            assign(incident, users, now);
            f.logEntries().add(incident, "assign_log_entry", actor, "api", "Reassigned by " + name(actor));
        }
        if (changes.get("escalation_level") instanceof Number level) {
            Map<String, Object> ep = f.store().get(EscalationPolicies.EPS, Json.id(incident.get("escalation_policy")));
            List<Object> rules = ep == null ? List.of() : Json.list(ep.get("escalation_rules"));
            int i = level.intValue() - 1;
            if (i < 0 || i >= rules.size()) {
                throw new ApiError(400, 1006, "Cannot Escalate", List.of("No escalation rule at level " + level));
            }
            assign(incident, f.schedules().usersOnCall(Json.map(rules.get(i)), f.store().instant()), now);
            f.logEntries().add(incident, "escalate_log_entry", actor, "api", "Escalated by " + name(actor));
        }
        if (changes.get("status") instanceof String status) {
            String current = (String) incident.get("status");
            if (!status.equals(current)) {
                if ("resolved".equals(current)) {
                    reopen(incident, actor, status);
                } else if ("resolved".equals(status)) {
                    resolve(incident, actor, "api", Json.str(changes, "resolution"), null);
                } else if ("acknowledged".equals(status)) {
                    acknowledge(incident, actor, "api");
                } else {
                    unacknowledge(incident, actor, "api");
                }
            }
        }
        incident.put("updated_at", now);
    }

    private Reply updateMany(Call call) {
        Object raw = call.object().get("incidents");
        if (!(raw instanceof List<?> list)) {
            throw ApiError.invalid("The request body must contain an 'incidents' array");
        }
        if (list.size() > MAX_BULK) {
            throw new ApiError(413, 2001, "Request Entity Too Large",
                    List.of("At most " + MAX_BULK + " incidents can be updated at once"));
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> changes = Json.map(o);
            if (changes == null) {
                throw ApiError.invalid("Each incident must be an object");
            }
            Map<String, Object> incident = require(Json.str(changes, "id"));
            validate(changes, incident);
            targets.add(incident);
        }
        List<Object> updated = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            apply(call, targets.get(i), Json.map(list.get(i)));
            updated.add(targets.get(i));
        }
        return Reply.json(200, Json.obj("incidents", updated));
    }

    private Reply merge(Call call) {
        Map<String, Object> target = require(call.pathParam("id"));
        Object raw = call.object().get("source_incidents");
        if (!(raw instanceof List<?> sources) || sources.isEmpty()) {
            throw ApiError.invalid("source_incidents must be a non-empty array of incident references");
        }
        if ("resolved".equals(target.get("status"))) {
            throw new ApiError(400, 1001, "Incident Already Resolved", List.of("The target incident is resolved"));
        }
        List<Map<String, Object>> from = new ArrayList<>();
        for (Object s : sources) {
            Map<String, Object> source = require(Json.id(s));
            if (source == target) {
                throw ApiError.invalid("An incident cannot be merged into itself");
            }
            from.add(source);
        }
        Map<String, Object> actor = Support.actorRef(call);
        for (Map<String, Object> source : from) {
            List<Map<String, Object>> moving = f.store().list(alerts(source));
            if (moving.isEmpty()) {
                addAlert(target, Json.obj("summary", source.get("title"), "alert_key", source.get("incident_key"),
                        "status", "resolved".equals(source.get("status")) ? "resolved" : "triggered"));
            }
            for (Map<String, Object> alert : moving) {
                f.store().move(alert, alerts(source), alerts(target));
                alert.put("incident", Support.ref(target));
            }
            countAlerts(source);
            countAlerts(target);
            source.put("is_mergeable", false);
            resolve(source, actor, "api", null, Json.obj("type", "merge_resolve_reason", "incident", Support.ref(target)));
        }
        target.put("updated_at", f.store().now());
        return Support.one(200, "incident", target);
    }

    private Reply snooze(Call call) {
        Map<String, Object> incident = require(call.pathParam("id"));
        Object duration = call.object().get("duration");
        if (!(duration instanceof Number d) || d.longValue() < 1 || d.longValue() > MAX_SNOOZE) {
            throw new ApiError(400, 1013, "Snooze Duration is Invalid",
                    List.of("duration must be between 1 and " + MAX_SNOOZE + " seconds"));
        }
        if (!"acknowledged".equals(incident.get("status"))) {
            throw new ApiError(400, 1012, "Incident is not Acknowledged", List.of());
        }
        Map<String, Object> actor = Support.actorRef(call);
        Instant until = f.store().instant().plus(Duration.ofSeconds(((Number) duration).longValue()));
        incident.put("pending_actions", new ArrayList<>(List.of(Json.obj("type", "unacknowledge", "at", until.toString()))));
        incident.put("updated_at", f.store().now());
        f.logEntries().add(incident, "snooze_log_entry", actor, "api", "Snoozed by " + name(actor));
        return Support.one(201, "incident", incident);
    }

    private Reply addNote(Call call) {
        Map<String, Object> incident = require(call.pathParam("id"));
        String content = Support.required(call.wrapped("note"), "content", "Content");
        if (f.store().list(notes(incident)).size() >= MAX_NOTES) {
            throw ApiError.invalid("An incident can have at most " + MAX_NOTES + " notes");
        }
        String now = f.store().now();
        Map<String, Object> note = f.store().insert(notes(incident), "note", Json.obj(
                "user", Support.actorRef(call),
                "channel", Json.obj("summary", "The PagerDuty website or APIs"),
                "content", content,
                "created_at", now,
                "updated_at", now));
        note.put("summary", content);
        Map<String, Object> entry = f.logEntries().add(incident, "annotate_log_entry", Support.actorRef(call), "note",
                "Note added");
        entry.put("note", content);
        return Support.one(200, "note", note);
    }

    private Reply listAlerts(Call call) {
        Map<String, Object> incident = require(call.pathParam("id"));
        List<Map<String, Object>> items = f.store().list(alerts(incident));
        for (String s : call.params("statuses")) {
            if (!s.equals("triggered") && !s.equals("resolved")) {
                throw ApiError.invalid("Status must be a list of triggered or resolved.");
            }
        }
        items = Filters.anyOf(call, "statuses", items, a -> List.of(String.valueOf(a.get("status"))));
        String key = call.param("alert_key");
        if (key != null) {
            items = Filters.keep(items, a -> key.equals(a.get("alert_key")));
        }
        return Support.offsetPage(call, "alerts", Includes.apply(f.store(), call, items));
    }

    private Map<String, Object> updateAlert(Call call, Map<String, Object> alert, Map<String, Object> changes) {
        Map<String, Object> actor = Support.actorRef(call);
        if (changes.get("incident") != null) {
            Map<String, Object> to = require(Json.id(changes.get("incident")));
            Map<String, Object> from = incidentOf(alert);
            if (to != from) {
                f.store().move(alert, alerts(from), alerts(to));
                alert.put("incident", Support.ref(to));
                countAlerts(from);
                countAlerts(to);
            }
        }
        Object status = changes.get("status");
        if ("resolved".equals(status) && "triggered".equals(alert.get("status"))) {
            resolveAlert(alert, actor, "api");
        } else if ("triggered".equals(status) && "resolved".equals(alert.get("status"))) {
            alert.put("status", "triggered");
            Map<String, Object> incident = incidentOf(alert);
            countAlerts(incident);
            if ("resolved".equals(incident.get("status"))) {
                reopen(incident, actor, "triggered");
            }
        } else if (status != null && !"resolved".equals(status) && !"triggered".equals(status)) {
            throw ApiError.invalid("Alert status must be triggered or resolved");
        }
        return alert;
    }

    private Reply updateAlerts(Call call) {
        Map<String, Object> incident = require(call.pathParam("id"));
        Object raw = call.object().get("alerts");
        if (!(raw instanceof List<?> list)) {
            throw ApiError.invalid("The request body must contain an 'alerts' array");
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Object o : list) {
            targets.add(f.store().require(alerts(incident), Json.id(o)));
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            out.add(updateAlert(call, targets.get(i), Json.map(list.get(i))));
        }
        return Reply.json(200, Json.obj("alerts", out));
    }

    private Reply list(Call call) {
        List<Map<String, Object>> items = f.store().list(INCIDENTS);
        for (String s : call.params("statuses")) {
            if (!STATUSES.contains(s)) {
                throw ApiError.invalid(STATUS_ERROR);
            }
        }
        items = Filters.anyOf(call, "statuses", items, i -> List.of(String.valueOf(i.get("status"))));
        items = Filters.anyOf(call, "service_ids", items, i -> Filters.refId(i, "service"));
        items = Filters.anyOf(call, "team_ids", items, i -> Filters.refIds(i, "teams"));
        items = Filters.anyOf(call, "urgencies", items, i -> List.of(String.valueOf(i.get("urgency"))));
        items = Filters.anyOf(call, "user_ids", items, i -> {
            List<String> ids = new ArrayList<>();
            for (Object a : Json.list(i.get("assignments"))) {
                ids.add(Json.id(Json.map(a).get("assignee")));
            }
            return ids;
        });
        String key = call.param("incident_key");
        if (key != null) {
            items = Filters.keep(items, i -> key.equals(i.get("incident_key"))
                    || f.store().list(alerts(i)).stream().anyMatch(a -> key.equals(a.get("alert_key"))));
        }
        if (!"all".equals(call.param("date_range"))) {
            Instant since = Filters.time(call, "since");
            Instant until = Filters.time(call, "until");
            if (since == null) {
                // PagerDuty's default window: the last month.
                since = (until != null ? until : f.store().instant()).minus(Duration.ofDays(30));
            }
            items = Filters.window(items, "created_at", since, until);
        }
        items = sorted(call, items);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> i : Includes.apply(f.store(), call, items)) {
            Map<String, Object> copy = new LinkedHashMap<>(i);
            copy.remove("body"); // the body appears on show only
            shown.add(copy);
        }
        return Support.offsetPage(call, "incidents", shown);
    }

    private static List<Map<String, Object>> sorted(Call call, List<Map<String, Object>> items) {
        Comparator<Map<String, Object>> order = null;
        for (String spec : call.params("sort_by")) {
            for (String part : spec.split(",")) {
                String[] fieldDir = part.trim().split(":");
                String field = fieldDir[0];
                if (!Set.of("incident_number", "created_at", "resolved_at", "urgency").contains(field)) {
                    throw ApiError.invalid("sort_by must use incident_number, created_at, resolved_at or urgency");
                }
                Comparator<Map<String, Object>> c = Comparator.comparing(
                        (Map<String, Object> m) -> field.equals("incident_number")
                                ? String.format("%012d", ((Number) m.get(field)).longValue())
                                : String.valueOf(m.get(field)).toLowerCase(Locale.ROOT));
                if (fieldDir.length > 1 && fieldDir[1].equalsIgnoreCase("desc")) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
        }
        if (order == null) {
            return items;
        }
        List<Map<String, Object>> out = new ArrayList<>(items);
        out.sort(order);
        return out;
    }
}
