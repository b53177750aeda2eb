package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Abilities: {@code GET /abilities} lists the enabled ones; {@code GET /abilities/{name}} answers
 * 204 for an enabled ability, 402 (code 2014) for a known one the account lacks, 404 for an
 * unknown name.
 */
public final class Abilities {

    private final Map<String, Boolean> abilities = new LinkedHashMap<>();

    Abilities() {
    }

    void register(Router r) {
        r.register("GET", "/abilities", call -> {
            List<String> enabled = new ArrayList<>();
            abilities.forEach((name, on) -> {
                if (on) {
                    enabled.add(name);
                }
            });
            return Reply.json(200, Json.obj("abilities", enabled));
        });
        r.register("GET", "/abilities/{id}", call -> {
            Boolean on = abilities.get(call.pathParam("id"));
            if (on == null) {
                throw ApiError.notFound();
            }
            if (!on) {
                throw new ApiError(402, 2014, "Missing Account Ability", List.of());
            }
            return Reply.empty(204);
        });
    }

    /** Makes an ability known, enabled or not. */
    public void set(String name, boolean enabled) {
        abilities.put(name, enabled);
    }
}
