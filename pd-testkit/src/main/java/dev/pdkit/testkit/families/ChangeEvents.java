package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Change events: stored from {@code /v2/change/enqueue} (or REST {@code POST /change_events}) and
 * listed newest first under {@code /change_events}, {@code /services/{id}/change_events} and
 * {@code /incidents/{id}/related_change_events} (the events of the incident's service). They
 * never create incidents. {@code since}/{@code until} must be UTC ({@code ...Z}), as the real API
 * requires.
 */
public final class ChangeEvents {

    static final String CHANGE_EVENTS = "/change_events";

    private final Families f;

    ChangeEvents(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", CHANGE_EVENTS, call -> list(call, f.store().list(CHANGE_EVENTS)));
        r.register("GET", "/change_events/{id}", call -> Support.one(200, "change_event",
                Includes.apply(f.store(), call, f.store().require(CHANGE_EVENTS, call.pathParam("id")))));
        r.register("PUT", "/change_events/{id}", call -> {
            Map<String, Object> e = f.store().require(CHANGE_EVENTS, call.pathParam("id"));
            Support.copyPresent(call.wrapped("change_event"), e, "custom_details");
            return Support.one(200, "change_event", e);
        });
        r.register("POST", CHANGE_EVENTS, call -> {
            Map<String, Object> body = call.object();
            Map<String, Object> integration = f.services().integrationForKey(Json.str(body, "routing_key"));
            Map<String, Object> payload = Json.map(body.get("payload"));
            if (integration == null || payload == null || Json.blank(Json.str(payload, "summary"))) {
                throw ApiError.invalid("A change event needs a known routing_key and a payload with a summary");
            }
            record(integration, payload, Json.list(body.get("links")), Json.list(body.get("images")));
            return Reply.empty(202);
        });
        r.register("GET", "/services/{id}/change_events", call -> {
            Object id = f.store().require(Services.SERVICES, call.pathParam("id")).get("id");
            return list(call, Filters.keep(f.store().list(CHANGE_EVENTS), e -> Filters.refIds(e, "services").contains(id)));
        });
        r.register("GET", "/incidents/{id}/related_change_events", call -> {
            String serviceId = Json.id(f.incidents().require(call.pathParam("id")).get("service"));
            List<Map<String, Object>> items = Filters.keep(f.store().list(CHANGE_EVENTS),
                    e -> Filters.refIds(e, "services").contains(serviceId));
            Collections.reverse(items);
            return Reply.json(200, Json.obj("change_events", items));
        });
    }

    /** Stores a change event received for an integration. */
    public Map<String, Object> record(Map<String, Object> integration, Map<String, Object> payload, List<Object> links,
            List<Object> images) {
        Map<String, Object> service = f.services().serviceOf(integration);
        String timestamp = Json.str(payload, "timestamp");
        Map<String, Object> e = f.store().insert(CHANGE_EVENTS, "change_event", Json.obj(
                "summary", payload.get("summary"),
                "timestamp", timestamp != null && Filters.parseOrNull(timestamp) != null
                        ? Filters.parseOrNull(timestamp).toString() : f.store().now(),
                "source", payload.get("source"),
                "custom_details", payload.get("custom_details"),
                "links", new ArrayList<>(links),
                "images", new ArrayList<>(images),
                "services", new ArrayList<>(List.of(Support.ref(service))),
                "integration", Support.ref(integration),
                "routing_key", integration.get("integration_key")));
        e.put("html_url", null);
        return e;
    }

    private Reply list(Call call, List<Map<String, Object>> events) {
        List<Map<String, Object>> items = new ArrayList<>(events);
        Collections.reverse(items);
        for (String p : List.of("since", "until")) {
            String v = call.param(p);
            if (v != null && !v.endsWith("Z")) {
                throw ApiError.invalid(p + " must be a UTC date-time ending in Z");
            }
        }
        Instant since = Filters.time(call, "since");
        Instant until = Filters.time(call, "until");
        items = Filters.window(items, "timestamp", since, until);
        items = Filters.anyOf(call, "team_ids", items, e -> {
            List<String> teams = new ArrayList<>();
            for (String sid : Filters.refIds(e, "services")) {
                Map<String, Object> s = f.store().get(Services.SERVICES, sid);
                if (s != null) {
                    teams.addAll(Filters.refIds(s, "teams"));
                }
            }
            return teams;
        });
        items = Filters.anyOf(call, "integration_ids", items, e -> Filters.refId(e, "integration"));
        return Support.offsetPage(call, "change_events", Includes.apply(f.store(), call, items));
    }
}
