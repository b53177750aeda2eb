package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.routing.Router;
import java.util.Map;

/** Priorities, listed in the order they were created (seed them from most to least severe, as PagerDuty lists them). */
public final class Priorities {

    static final String PRIORITIES = "/priorities";

    private final Families f;

    Priorities(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", PRIORITIES, call -> Support.offsetPage(call, "priorities", f.store().list(PRIORITIES)));
    }

    /** Creates a priority; {@code name} is required. */
    public Map<String, Object> create(Map<String, Object> body) {
        String name = Support.required(body, "name", "Name");
        Map<String, Object> p = f.store().insert(PRIORITIES, "priority", Json.obj("id", body.get("id"),
                "name", name, "description", body.getOrDefault("description", name),
                "color", body.getOrDefault("color", "a8171c")));
        p.put("html_url", null);
        return p;
    }

    /** The most severe priority with this name, or {@code null}. */
    Map<String, Object> byName(String name) {
        for (Map<String, Object> p : f.store().list(PRIORITIES)) {
            if (name.equals(p.get("name"))) {
                return p;
            }
        }
        return null;
    }
}
