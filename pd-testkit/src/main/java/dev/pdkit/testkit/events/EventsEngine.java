package dev.pdkit.testkit.events;

import dev.pdkit.testkit.families.Families;
import dev.pdkit.testkit.families.Incidents;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events API v2. Processing is synchronous, so a test sees the incident as soon as the 202
 * arrives, but it keeps the API's asynchronous contract: an acknowledge or resolve for a key with
 * no open alert is accepted (202) and dropped.
 *
 * <p>Dedup: (routing key, dedup key) names at most one open alert. A trigger for an open alert
 * adds a trigger log entry and nothing else; acknowledge and resolve act on its incident; once
 * the alert is resolved, the same key opens a new alert and incident. A trigger without a dedup
 * key gets a generated one, returned in the reply. Triggers for a service in maintenance or
 * disabled are accepted and dropped.
 *
 * <p>Not thread-safe: the dispatcher calls it while holding the account's lock.
 *
 * <p>Validation answers 400 {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}}.
 * An unknown routing key of the right length is an error too ("Invalid routing key"): the real
 * synchronous answer is undocumented, and failing loudly helps tests. Change events with more than
 * 50 links answer 400 {@code {"error":["links should have at most 50 item(s)"]}}, the form the
 * real API was seen to use.
 */
public final class EventsEngine {

    /** PagerDuty's size limit for one event. */
    public static final int MAX_BYTES = 512 * 1024;
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final int MAX_LINKS = 50;

    private final Families f;
    private final Store store;
    /** "routingKey\0dedupKey" to the alert it opened (live map; follows the alert through merges). */
    private final Map<String, Map<String, Object>> openAlerts = new HashMap<>();

    /** An engine feeding these families. */
    public EventsEngine(Families f) {
        this.f = f;
        this.store = f.store();
    }

    /** Handles {@code POST /v2/enqueue}. */
    public Reply enqueue(Call call) {
        List<String> errors = new ArrayList<>();
        Map<String, Object> event = parse(call, errors);
        if (event == null) {
            return invalid(errors);
        }
        Map<String, Object> integration = routingKey(event, errors);
        String action = Json.str(event, "event_action");
        if (Json.blank(action)) {
            errors.add("'event_action' is missing or blank");
        } else if (!ACTIONS.contains(action)) {
            errors.add("'event_action' is invalid (must be one of trigger, acknowledge, resolve)");
        }
        Object dedupRaw = event.get("dedup_key");
        String dedup = dedupRaw == null ? null : String.valueOf(dedupRaw);
        if (dedup != null && dedup.length() > 255) {
            errors.add("Length of 'dedup_key' is too long (max 255 characters)");
        }
        if (("acknowledge".equals(action) || "resolve".equals(action)) && Json.blank(dedup)) {
            errors.add("'dedup_key' is missing or blank");
        }
        Map<String, Object> payload = Json.map(event.get("payload"));
        if ("trigger".equals(action)) {
            validatePayload(payload, errors);
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        if (Json.blank(dedup)) {
            dedup = store.newHex32();
        }
        String key = integration.get("integration_key") + "\0" + dedup;
        switch (action) {
            case "trigger" -> trigger(key, dedup, integration, event, payload);
            case "acknowledge" -> acknowledge(key, integration);
            default -> resolve(key, integration);
        }
        return Reply.json(202, Json.obj("status", "success", "message", "Event processed", "dedup_key", dedup));
    }

    /** Handles {@code POST /v2/change/enqueue}. */
    public Reply changeEnqueue(Call call) {
        List<String> errors = new ArrayList<>();
        Map<String, Object> event = parse(call, errors);
        if (event == null) {
            return invalid(errors);
        }
        Map<String, Object> integration = routingKey(event, errors);
        Map<String, Object> payload = Json.map(event.get("payload"));
        if (payload == null) {
            errors.add("'payload' is missing or not an object");
        } else {
            String summary = Json.str(payload, "summary");
            if (Json.blank(summary)) {
                errors.add("'payload.summary' is missing or blank");
            } else if (summary.length() > 1024) {
                errors.add("Length of 'payload.summary' is too long (max 1024 characters)");
            }
            if (payload.get("timestamp") != null && Filters.parseOrNull(Json.str(payload, "timestamp")) == null) {
                errors.add("'payload.timestamp' is not a valid ISO 8601 date-time");
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        List<Object> links = Json.list(event.get("links"));
        if (links.size() > MAX_LINKS) {
            return Reply.json(400, Json.obj("error", List.of("links should have at most " + MAX_LINKS + " item(s)")));
        }
        f.changeEvents().record(integration, payload, links, Json.list(event.get("images")));
        return Reply.json(202, Json.obj("status", "success", "message", "Change event processed"));
    }

    private Map<String, Object> parse(Call call, List<String> errors) {
        if (call.body().length > MAX_BYTES) {
            errors.add("Event object is larger than the maximum of 512 KB");
            return null;
        }
        Map<String, Object> event;
        try {
            event = Json.map(Json.read(call.body()));
        } catch (RuntimeException e) {
            event = null;
        }
        if (event == null) {
            errors.add("The request body must be a JSON object");
        }
        return event;
    }

    private Map<String, Object> routingKey(Map<String, Object> event, List<String> errors) {
        String key = Json.str(event, "routing_key");
        if (Json.blank(key)) {
            errors.add("'routing_key' is missing or blank");
            return null;
        }
        if (key.length() != 32) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
            return null;
        }
        Map<String, Object> integration = f.services().integrationForKey(key);
        if (integration == null) {
            errors.add("Invalid routing key");
        }
        return integration;
    }

    private static void validatePayload(Map<String, Object> payload, List<String> errors) {
        if (payload == null) {
            errors.add("'payload' is missing or not an object");
            return;
        }
        String summary = Json.str(payload, "summary");
        if (Json.blank(summary)) {
            errors.add("'payload.summary' is missing or blank");
        } else if (summary.length() > 1024) {
            errors.add("Length of 'payload.summary' is too long (max 1024 characters)");
        }
        if (Json.blank(Json.str(payload, "source"))) {
            errors.add("'payload.source' is missing or blank");
        }
        String severity = Json.str(payload, "severity");
        if (Json.blank(severity)) {
            errors.add("'payload.severity' is missing or blank");
        } else if (!SEVERITIES.contains(severity)) {
            errors.add("'payload.severity' is invalid (must be one of critical, error, warning, info)");
        }
        if (payload.get("timestamp") != null && Filters.parseOrNull(Json.str(payload, "timestamp")) == null) {
            errors.add("'payload.timestamp' is not a valid ISO 8601 date-time");
        }
    }

    private static Reply invalid(List<String> errors) {
        return Reply.json(400, Json.obj("status", "invalid event", "message", "Event object is invalid", "errors", errors));
    }

    /** The open alert for this key, or {@code null} (a resolved alert no longer counts). */
    private Map<String, Object> open(String key) {
        Map<String, Object> alert = openAlerts.get(key);
        if (alert != null && !"triggered".equals(alert.get("status"))) {
            openAlerts.remove(key);
            return null;
        }
        return alert;
    }

    private void trigger(String key, String dedup, Map<String, Object> integration, Map<String, Object> event,
            Map<String, Object> payload) {
        Map<String, Object> service = f.services().serviceOf(integration);
        Map<String, Object> agent = Store.reference(service);
        Map<String, Object> alert = open(key);
        if (alert != null) {
            f.incidents().retriggered(alert, agent);
            return;
        }
        if ("disabled".equals(service.get("status")) || f.maintenanceWindows().inMaintenance((String) service.get("id"))) {
            return;
        }
        Incidents incidents = f.incidents();
        String severity = Json.str(payload, "severity");
        String summary = Json.str(payload, "summary");
        Map<String, Object> incident = incidents.open(service, summary, dedup, incidents.urgencyFor(service, severity),
                payload.get("custom_details"), agent, null, null, null);
        List<Object> contexts = new ArrayList<>();
        contexts.addAll(Json.list(event.get("links")));
        contexts.addAll(Json.list(event.get("images")));
        Map<String, Object> details = Json.obj("custom_details", payload.get("custom_details"),
                "source", payload.get("source"), "component", payload.get("component"), "group", payload.get("group"),
                "class", payload.get("class"), "timestamp", payload.get("timestamp"));
        alert = incidents.addAlert(incident, Json.obj("summary", summary, "alert_key", dedup, "severity", severity,
                "integration", Store.reference(integration), "details", details, "contexts", contexts));
        openAlerts.put(key, alert);
    }

    private void acknowledge(String key, Map<String, Object> integration) {
        Map<String, Object> alert = open(key);
        if (alert != null) {
            Map<String, Object> service = f.services().serviceOf(integration);
            f.incidents().acknowledge(f.incidents().incidentOf(alert), Store.reference(service), "api");
        }
    }

    private void resolve(String key, Map<String, Object> integration) {
        Map<String, Object> alert = open(key);
        if (alert != null) {
            Map<String, Object> service = f.services().serviceOf(integration);
            f.incidents().resolveAlert(alert, Store.reference(service), "api");
            openAlerts.remove(key);
        }
    }
}
