package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import dev.pdkit.testkit.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Log entries: read-only records that incident actions write (trigger, acknowledge, resolve,
 * annotate, snooze, ...). Listed newest first, account-wide on {@code /log_entries} and per
 * incident on {@code /incidents/{id}/log_entries}; {@code is_overview=true} keeps the state
 * changes only.
 */
public final class LogEntries {

    static final String LOG_ENTRIES = "/log_entries";
    private static final Set<String> OVERVIEW = Set.of("trigger_log_entry", "acknowledge_log_entry",
            "resolve_log_entry", "assign_log_entry", "escalate_log_entry", "snooze_log_entry",
            "unacknowledge_log_entry");

    private final Families f;

    LogEntries(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", LOG_ENTRIES, call -> list(call, f.store().list(LOG_ENTRIES)));
        r.register("GET", "/log_entries/{id}", call -> Support.one(200, "log_entry",
                Includes.apply(f.store(), call, f.store().require(LOG_ENTRIES, call.pathParam("id")))));
        r.register("GET", "/incidents/{id}/log_entries", call -> {
            Object incidentId = f.incidents().require(call.pathParam("id")).get("id");
            return list(call, Filters.keep(f.store().list(LOG_ENTRIES),
                    e -> incidentId.equals(Json.id(e.get("incident")))));
        });
    }

    /**
     * Writes a log entry about an incident.
     *
     * @param incident the incident
     * @param type e.g. {@code trigger_log_entry}
     * @param agent the reference of who acted (a user or a service), or {@code null}
     * @param channelType the channel, e.g. {@code api}
     * @param summary the summary, e.g. "Triggered through the API"
     * @return the stored entry
     */
    public Map<String, Object> add(Map<String, Object> incident, String type, Map<String, Object> agent,
            String channelType, String summary) {
        Map<String, Object> e = f.store().insert(LOG_ENTRIES, type, Json.obj(
                "id", f.store().newLongId(),
                "summary", summary,
                "created_at", f.store().now(),
                "agent", agent,
                "channel", Json.obj("type", channelType),
                "service", incident.get("service"),
                "incident", Support.ref(incident),
                "teams", Json.copy(incident.get("teams")),
                "contexts", new ArrayList<>(),
                "event_details", Json.obj("description", incident.get("title"))));
        e.put("html_url", Store.WEB + "/incidents/" + incident.get("id") + "/log_entries/" + e.get("id"));
        return e;
    }

    private Reply list(Call call, List<Map<String, Object>> entries) {
        List<Map<String, Object>> items = new ArrayList<>(entries);
        Collections.reverse(items);
        Instant since = Filters.time(call, "since");
        Instant until = Filters.time(call, "until");
        items = Filters.window(items, "created_at", since, until);
        if (call.flag("is_overview")) {
            items = Filters.keep(items, e -> OVERVIEW.contains(e.get("type")));
        }
        items = Filters.anyOf(call, "team_ids", items, e -> Filters.refIds(e, "teams"));
        return Support.offsetPage(call, "log_entries", Includes.apply(f.store(), call, items));
    }
}
