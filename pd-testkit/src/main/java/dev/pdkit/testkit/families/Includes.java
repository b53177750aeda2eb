package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code include[]}: replaces references by the full objects they point at, found through their
 * {@code self} link. The included object's {@code type} loses {@code _reference}, as in the real
 * API. Covers the common values ({@code services}, {@code escalation_policies}, {@code teams},
 * {@code users}, {@code schedules}, {@code priorities}, {@code assignees}, {@code acknowledgers},
 * {@code contact_methods}, {@code notification_rules}, {@code integrations}, {@code incidents},
 * {@code first_trigger_log_entries}, {@code targets}); others are ignored.
 */
final class Includes {

    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("services", List.of("service", "services")),
            Map.entry("escalation_policies", List.of("escalation_policy", "escalation_policies")),
            Map.entry("teams", List.of("team", "teams")),
            Map.entry("users", List.of("user", "users")),
            Map.entry("schedules", List.of("schedule", "schedules")),
            Map.entry("priorities", List.of("priority")),
            Map.entry("assignees", List.of("assignments.assignee")),
            Map.entry("acknowledgers", List.of("acknowledgements.acknowledger")),
            Map.entry("contact_methods", List.of("contact_methods")),
            Map.entry("notification_rules", List.of("notification_rules")),
            Map.entry("integrations", List.of("integrations")),
            Map.entry("incidents", List.of("incident")),
            Map.entry("first_trigger_log_entries", List.of("first_trigger_log_entry")),
            Map.entry("targets", List.of("escalation_rules.targets")));

    private Includes() {
    }

    /** The items with the request's includes applied (copies when there is anything to include). */
    static List<Map<String, Object>> apply(Store store, Call call, List<Map<String, Object>> items) {
        List<String> includes = call.params("include");
        if (includes.isEmpty()) {
            return items;
        }
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            out.add(apply(store, includes, item));
        }
        return out;
    }

    /** One item with the request's includes applied. */
    static Map<String, Object> apply(Store store, Call call, Map<String, Object> item) {
        List<String> includes = call.params("include");
        return includes.isEmpty() ? item : apply(store, includes, item);
    }

    private static Map<String, Object> apply(Store store, List<String> includes, Map<String, Object> item) {
        Map<String, Object> copy = Json.copy(item);
        for (String inc : includes) {
            for (String path : FIELDS.getOrDefault(inc, List.of())) {
                expand(store, copy, path.split("\\."), 0);
            }
        }
        return copy;
    }

    private static void expand(Store store, Map<String, Object> obj, String[] path, int i) {
        Object v = obj.get(path[i]);
        if (i < path.length - 1) {
            if (v instanceof Map<?, ?>) {
                expand(store, Json.map(v), path, i + 1);
            } else {
                for (Object o : Json.list(v)) {
                    if (Json.map(o) != null) {
                        expand(store, Json.map(o), path, i + 1);
                    }
                }
            }
            return;
        }
        if (v instanceof Map<?, ?>) {
            obj.put(path[i], full(store, Json.map(v)));
        } else if (v instanceof List<?>) {
            List<Object> expanded = new ArrayList<>();
            for (Object o : Json.list(v)) {
                expanded.add(Json.map(o) == null ? o : full(store, Json.map(o)));
            }
            obj.put(path[i], expanded);
        }
    }

    private static Map<String, Object> full(Store store, Map<String, Object> ref) {
        Map<String, Object> target = store.bySelf(Json.str(ref, "self"));
        return target == null ? ref : Json.copy(target);
    }
}
