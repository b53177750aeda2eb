package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Paging;
import dev.pdkit.testkit.rest.Principal;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Audit records ({@code GET /audit/records} and {@code /{resource}/{id}/audit/records}, cursor
 * paginated, newest first). A record is written for each create, update and delete of a user,
 * team, service, escalation policy or schedule made over REST; seeding writes none. The window
 * defaults to the last 24 hours and may span at most 31 days, as in the real API.
 */
final class AuditTrail {

    private static final Duration MAX_RANGE = Duration.ofDays(31);

    private final Families f;
    private final List<Map<String, Object>> records = new ArrayList<>();

    AuditTrail(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", "/audit/records", call -> list(call, null));
        for (String root : List.of("users", "teams", "services", "escalation_policies", "schedules")) {
            r.register("GET", "/" + root + "/{id}/audit/records", call -> {
                f.store().require("/" + root, call.pathParam("id"));
                return list(call, call.pathParam("id"));
            });
        }
    }

    /** Records that a request created, updated or deleted a resource. */
    void record(Call call, Map<String, Object> resource, String action) {
        Principal p = call.principal();
        List<Object> actors = new ArrayList<>();
        if (call.actor() != null) {
            actors.add(Json.obj("id", call.actor().get("id"), "type", "user_reference",
                    "summary", call.actor().get("summary")));
        } else {
            actors.add(Json.obj("id", p == null ? null : p.truncatedToken(), "type", "api_key_reference",
                    "summary", "API key"));
        }
        records.add(Json.obj(
                "id", f.store().newLongId(),
                "self", null,
                "execution_time", f.store().now(),
                "execution_context", Json.obj("request_id", call.requestId(), "remote_address", null),
                "actors", actors,
                "method", Json.obj("type", p != null && p.kind() == Principal.Kind.OAUTH ? "oauth" : "api_token",
                        "truncated_token", p == null ? null : p.truncatedToken()),
                "root_resource", Support.ref(resource),
                "action", action,
                "details", null));
    }

    private Reply list(Call call, String rootId) {
        Instant until = Filters.time(call, "until");
        Instant since = Filters.time(call, "since");
        Instant end = until != null ? until : f.store().instant().plusSeconds(1);
        Instant start = since != null ? since : end.minus(Duration.ofHours(24));
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ApiError.invalid("The time range between since and until may be at most 31 days");
        }
        List<Map<String, Object>> items = new ArrayList<>(records);
        Collections.reverse(items);
        items = Filters.window(items, "execution_time", start, end);
        if (rootId != null) {
            items = Filters.keep(items, r -> rootId.equals(Json.id(r.get("root_resource"))));
        }
        items = Filters.anyOf(call, "root_resource_types", items, r -> {
            String type = String.valueOf(Json.map(r.get("root_resource")).get("type"));
            String plural = type.replace("_reference", "").replace("policy", "policie") + "s";
            return List.of(type, plural);
        });
        items = Filters.anyOf(call, "actions", items, r -> List.of(String.valueOf(r.get("action"))));
        String actorType = call.param("actor_type");
        String actorId = call.param("actor_id");
        items = Filters.keep(items, r -> Json.list(r.get("actors")).stream().map(Json::map).anyMatch(a ->
                (actorType == null || actorType.equals(a.get("type"))) && (actorId == null || actorId.equals(a.get("id")))));
        return Reply.json(200, Paging.cursor(call, "records", items));
    }
}
