package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maintenance windows. Creating one needs {@code From}, times and at least one existing service. A
 * window that has started cannot be deleted (400, code 5003); end it by updating {@code end_time}.
 * Events API triggers for a service in an ongoing window are accepted and dropped, as PagerDuty
 * creates no incidents during maintenance.
 */
public final class MaintenanceWindows {

    static final String WINDOWS = "/maintenance_windows";

    private final Families f;
    private int sequence;

    MaintenanceWindows(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", WINDOWS, this::list);
        r.register("POST", WINDOWS, call -> Support.one(201, "maintenance_window",
                create(call.wrapped("maintenance_window"), Support.actorRef(call))));
        r.register("GET", "/maintenance_windows/{id}", call -> Support.one(200, "maintenance_window",
                Includes.apply(f.store(), call, f.store().require(WINDOWS, call.pathParam("id")))));
        r.register("PUT", "/maintenance_windows/{id}", this::update);
        r.register("DELETE", "/maintenance_windows/{id}", call -> {
            Map<String, Object> w = f.store().require(WINDOWS, call.pathParam("id"));
            if (!f.store().instant().isBefore(time(w, "start_time"))) {
                throw new ApiError(400, 5003, "Cannot cancel a maintenance window from the past",
                        List.of("A maintenance window that has started cannot be deleted; end it instead"));
            }
            f.store().remove(WINDOWS, (String) w.get("id"));
            return Reply.empty(204);
        });
    }

    /** Creates a window; {@code start_time}, {@code end_time} and {@code services} are required. */
    public Map<String, Object> create(Map<String, Object> body, Map<String, Object> createdBy) {
        Instant start = required(body, "start_time");
        Instant end = required(body, "end_time");
        if (!end.isAfter(start)) {
            throw ApiError.invalid("end_time must be after start_time");
        }
        List<Object> services = Support.resolveAll(f.store(), Services.SERVICES, body.get("services"), "Service");
        if (services.isEmpty()) {
            throw ApiError.invalid("services cannot be empty");
        }
        Map<String, Object> w = f.store().insert(WINDOWS, "maintenance_window", Json.obj("id", body.get("id"),
                "sequence_number", ++sequence,
                "start_time", start.toString(),
                "end_time", end.toString(),
                "description", body.get("description"),
                "created_by", createdBy,
                "services", services,
                "teams", Support.resolveAll(f.store(), Teams.TEAMS, body.get("teams"), "Team")));
        w.put("summary", w.get("description") != null ? w.get("description") : "Maintenance window");
        return w;
    }

    private static Instant required(Map<String, Object> body, String key) {
        Instant t = Filters.parseOrNull(Json.str(body, key));
        if (t == null) {
            throw ApiError.invalid(key + " must be a date-time");
        }
        return t;
    }

    private static Instant time(Map<String, Object> w, String key) {
        return Filters.parseOrNull(Json.str(w, key));
    }

    /** Whether a service is in an ongoing maintenance window. */
    public boolean inMaintenance(String serviceId) {
        Instant now = f.store().instant();
        for (Map<String, Object> w : f.store().list(WINDOWS)) {
            if (!now.isBefore(time(w, "start_time")) && now.isBefore(time(w, "end_time"))
                    && Filters.refIds(w, "services").contains(serviceId)) {
                return true;
            }
        }
        return false;
    }

    private Reply list(Call call) {
        List<Map<String, Object>> items = f.store().list(WINDOWS);
        items = Filters.query(call, items, "description");
        items = Filters.anyOf(call, "service_ids", items, w -> Filters.refIds(w, "services"));
        items = Filters.anyOf(call, "team_ids", items, w -> Filters.refIds(w, "teams"));
        String filter = call.param("filter");
        Instant now = f.store().instant();
        if (filter != null && !filter.equals("all")) {
            items = Filters.keep(items, w -> {
                boolean started = !now.isBefore(time(w, "start_time"));
                boolean ended = !now.isBefore(time(w, "end_time"));
                return switch (filter) {
                    case "past" -> ended;
                    case "future" -> !started;
                    case "ongoing" -> started && !ended;
                    case "open" -> !ended;
                    default -> throw ApiError.invalid("filter must be one of past, future, ongoing, open, all");
                };
            });
        }
        return Support.offsetPage(call, "maintenance_windows", Includes.apply(f.store(), call, items));
    }

    private Reply update(Call call) {
        Map<String, Object> w = f.store().require(WINDOWS, call.pathParam("id"));
        Map<String, Object> body = call.wrapped("maintenance_window");
        Instant start = body.containsKey("start_time") ? required(body, "start_time") : time(w, "start_time");
        Instant end = body.containsKey("end_time") ? required(body, "end_time") : time(w, "end_time");
        if (!end.isAfter(start)) {
            throw ApiError.invalid("end_time must be after start_time");
        }
        if (body.containsKey("services")) {
            w.put("services", Support.resolveAll(f.store(), Services.SERVICES, body.get("services"), "Service"));
        }
        w.put("start_time", start.toString());
        w.put("end_time", end.toString());
        if (body.containsKey("description")) {
            w.put("description", body.get("description"));
            w.put("summary", body.get("description"));
        }
        return Support.one(200, "maintenance_window", w);
    }
}
