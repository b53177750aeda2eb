package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Filters;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags and tagging of users, teams and escalation policies: {@code POST /{entity_type}/{id}/change_tags}
 * with {@code add} (tag references, or {@code {type:"tag", label}} which creates the tag when
 * needed) and {@code remove}; {@code GET /{entity_type}/{id}/tags}; {@code GET /tags/{id}/{entity_type}}.
 */
public final class Tags {

    static final String TAGS = "/tags";
    private static final Set<String> TAGGABLE = Set.of("users", "teams", "escalation_policies");

    private final Families f;
    /** Tag id to the tagged entities as "entity_type/id", in tagging order. */
    private final Map<String, Set<String>> tagged = new HashMap<>();

    Tags(Families f) {
        this.f = f;
    }

    void register(Router r) {
        r.register("GET", TAGS, call -> Support.offsetPage(call, "tags",
                Filters.query(call, f.store().list(TAGS), "label")));
        r.register("POST", TAGS, call -> Support.one(201, "tag", create(call.wrapped("tag"))));
        r.register("GET", "/tags/{id}", call -> Support.one(200, "tag", f.store().require(TAGS, call.pathParam("id"))));
        r.register("DELETE", "/tags/{id}", call -> {
            Map<String, Object> tag = f.store().require(TAGS, call.pathParam("id"));
            f.store().remove(TAGS, (String) tag.get("id"));
            tagged.remove(tag.get("id"));
            return Reply.empty(204);
        });
        r.register("GET", "/tags/{id}/{entity_type}", call -> {
            Map<String, Object> tag = f.store().require(TAGS, call.pathParam("id"));
            String type = taggable(call.pathParam("entity_type"));
            List<Map<String, Object>> entities = new ArrayList<>();
            for (String key : tagged.getOrDefault(tag.get("id"), Set.of())) {
                String[] parts = key.split("/");
                Map<String, Object> e = parts[0].equals(type) ? f.store().get("/" + type, parts[1]) : null;
                if (e != null) {
                    entities.add(e);
                }
            }
            return Support.offsetPage(call, type, entities);
        });
        r.register("GET", "/{entity_type}/{id}/tags", call -> {
            String key = entityKey(call);
            List<Map<String, Object>> tags = Filters.keep(f.store().list(TAGS),
                    t -> tagged.getOrDefault(t.get("id"), Set.of()).contains(key));
            return Support.offsetPage(call, "tags", tags);
        });
        r.register("POST", "/{entity_type}/{id}/change_tags", this::changeTags);
    }

    /** Creates a tag; {@code label} is required and unique. */
    public Map<String, Object> create(Map<String, Object> body) {
        String label = Support.required(body, "label", "Label");
        if (byLabel(label) != null) {
            throw ApiError.invalid("Label has already been taken");
        }
        Map<String, Object> tag = f.store().insert(TAGS, "tag", Json.obj("id", body.get("id"), "label", label));
        tag.put("html_url", null);
        return tag;
    }

    private Map<String, Object> byLabel(String label) {
        for (Map<String, Object> t : f.store().list(TAGS)) {
            if (label.equals(t.get("label"))) {
                return t;
            }
        }
        return null;
    }

    private static String taggable(String entityType) {
        if (!TAGGABLE.contains(entityType)) {
            throw ApiError.notFound();
        }
        return entityType;
    }

    private String entityKey(Call call) {
        String type = taggable(call.pathParam("entity_type"));
        Map<String, Object> entity = f.store().require("/" + type, call.pathParam("id"));
        return type + "/" + entity.get("id");
    }

    private Reply changeTags(Call call) {
        String key = entityKey(call);
        Map<String, Object> body = call.object();
        List<String> add = new ArrayList<>();
        for (Object o : Json.list(body.get("add"))) {
            Map<String, Object> item = Json.map(o);
            if (item != null && "tag".equals(item.get("type"))) {
                Map<String, Object> existing = byLabel(Support.required(item, "label", "Label"));
                add.add((String) (existing != null ? existing : create(item)).get("id"));
            } else {
                add.add((String) Support.resolve(f.store(), TAGS, item, "Tag").get("id"));
            }
        }
        for (String id : add) {
            tagged.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(key);
        }
        for (Object o : Json.list(body.get("remove"))) {
            Set<String> s = tagged.get(Json.id(o));
            if (s != null) {
                s.remove(key);
            }
        }
        return Reply.json(200, Json.obj());
    }
}
