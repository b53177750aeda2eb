package dev.pdkit.testkit.generic;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Handler;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Paging;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.EndpointTable;
import dev.pdkit.testkit.routing.Operation;
import dev.pdkit.testkit.routing.PathPatterns;
import dev.pdkit.testkit.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers any operation of the endpoint table with the wrapper, status and pagination the table
 * names, keeping what it is sent in the store so that a create can be read back.
 *
 * <ul>
 *   <li>A path ending in a parameter addresses an item of the collection before it, when the
 *       response wrapper names that collection's items (its singular, or what the collection's
 *       create returns): show answers it or 404, update merges the request's entity into it,
 *       delete removes it. Otherwise the path addresses one object (e.g.
 *       {@code /event_orchestrations/services/{service_id}}), made on first read and replaced by
 *       an update.</li>
 *   <li>A path ending in a literal is a collection: POST creates in it (an array entity creates
 *       one item each), GET lists it (paginated as the table says) when the wrapper is plural, and
 *       reads or writes the object at that path when it is singular (e.g. {@code /users/{id}/license}).</li>
 *   <li>Bodies follow the response notation: {@code key} and {@code key(+a|b)} wrap (siblings
 *       {@code null}), {@code (raw:k1|k2)} gives an object with exactly those keys,
 *       {@code (raw:array)} an array, {@code (raw)} an object, {@code -} no body.</li>
 *   <li>A path under a family's resource ({@code /users/{id}/...}, {@code /services/{id}/...},
 *       ...) answers 404 when that resource doesn't exist; other parents are not checked.</li>
 * </ul>
 */
public final class GenericEngine implements Handler {

    private static final Set<String> CHECKED_PARENTS = Set.of("users", "teams", "services", "escalation_policies",
            "schedules", "incidents", "priorities", "maintenance_windows", "tags", "change_events", "log_entries");

    private final Store store;
    private final EndpointTable table;

    /** An engine over this store and table. */
    public GenericEngine(Store store, EndpointTable table) {
        this.store = store;
        this.table = table;
    }

    @Override
    public Reply handle(Call call) {
        Operation op = table.find(call.method(), call.pattern());
        if (op == null) {
            throw ApiError.notFound();
        }
        checkParent(call);
        List<String> pattern = PathPatterns.split(op.pattern());
        boolean itemPath = PathPatterns.isParam(pattern.get(pattern.size() - 1));
        String key = responseKey(op, call);
        return switch (call.method()) {
            case "GET" -> read(call, op, key, itemPath);
            case "POST" -> create(call, op, key, itemPath);
            case "DELETE" -> delete(call, op, key, itemPath);
            default -> update(call, op, key, itemPath);
        };
    }

    private void checkParent(Call call) {
        List<String> segs = call.segments();
        if (segs.size() > 2 && CHECKED_PARENTS.contains(segs.get(0))
                && PathPatterns.isParam(PathPatterns.split(call.pattern()).get(1))
                && store.get("/" + segs.get(0), segs.get(1)) == null) {
            boolean incidentNumber = segs.get(0).equals("incidents") && segs.get(1).chars().allMatch(Character::isDigit);
            if (!incidentNumber) {
                throw ApiError.notFound();
            }
        }
    }

    private static String responseKey(Operation op, Call call) {
        if (op.responseWrapper().equals("{entity_type}")) {
            return call.segments().get(call.segments().size() - 1);
        }
        return Operation.key(op.responseWrapper());
    }

    private Reply read(Call call, Operation op, String key, boolean itemPath) {
        String pagination = op.pagination();
        if (!pagination.equals("none") && key != null) {
            Map<String, Object> page = Paging.page(call, pagination, key, store.list(call.path()));
            siblings(op.responseWrapper(), page);
            return Reply.json(op.successStatus(), page);
        }
        if (itemPath && key != null && isItem(op, key)) {
            Map<String, Object> item = item(call);
            if (item == null) {
                throw ApiError.notFound();
            }
            return answer(op, key, item, call);
        }
        if (!itemPath && key != null && isPlural(key)) {
            return answer(op, key, store.list(call.path()), call);
        }
        return answer(op, key, singletonAt(call.path(), key), call);
    }

    private Reply create(Call call, Operation op, String key, boolean itemPath) {
        Object entity = requestEntity(call, op);
        if (op.pagination().equals("analytics")) {
            return answer(op, key, Json.map(entity) == null ? Json.obj() : entity, call);
        }
        if (entity instanceof List<?> list) {
            List<Object> created = new ArrayList<>();
            for (Object o : list) {
                created.add(insert(call.path(), key, Json.map(o) == null ? Json.obj("value", o) : Json.map(o)));
            }
            return answer(op, key, created, call);
        }
        Map<String, Object> fields = Json.map(entity) == null ? Json.obj() : Json.map(entity);
        if (itemPath) {
            // A POST to an item path is an action on that item: answer with the (merged) object.
            Map<String, Object> target = singletonAt(call.path(), key);
            target.putAll(Json.copy(withoutIdentity(fields)));
            return answer(op, key, target, call);
        }
        return answer(op, key, insert(call.path(), key, fields), call);
    }

    private Reply update(Call call, Operation op, String key, boolean itemPath) {
        Object entity = requestEntity(call, op);
        Map<String, Object> fields = Json.map(entity);
        if (entity instanceof List<?> list) {
            return answer(op, key, new ArrayList<>(list), call);
        }
        Map<String, Object> target;
        if (itemPath && key != null && isItem(op, key)) {
            target = item(call);
            if (target == null) {
                throw ApiError.notFound();
            }
        } else {
            target = singletonAt(call.path(), key);
        }
        if (fields != null) {
            target.putAll(Json.copy(withoutIdentity(fields)));
        }
        return answer(op, key, target, call);
    }

    private Reply delete(Call call, Operation op, String key, boolean itemPath) {
        if (itemPath) {
            String parent = parentPath(call);
            String id = last(call);
            if (store.remove(parent, id) == null && store.removeSingleton(call.path()) == null) {
                throw ApiError.notFound();
            }
        } else {
            store.clear(call.path());
            store.removeSingleton(call.path());
        }
        return op.responseWrapper().equals("-") ? Reply.empty(op.successStatus()) : answer(op, key, Json.obj(), call);
    }

    /** The stored item an item path names: by id, else by {@code name} (e.g. {@code /incidents/types/{type_id_or_name}}). */
    private Map<String, Object> item(Call call) {
        String parent = parentPath(call);
        String id = last(call);
        Map<String, Object> item = store.get(parent, id);
        if (item == null) {
            for (Map<String, Object> m : store.list(parent)) {
                if (id.equals(m.get("name"))) {
                    return m;
                }
            }
        }
        return item;
    }

    /**
     * Whether the wrapper names the items of the collection before the last parameter: the
     * collection's singular, or what the table's create or list on that collection returns.
     */
    private boolean isItem(Operation op, String key) {
        List<String> segs = PathPatterns.split(op.pattern());
        String collection = segs.get(segs.size() - 2);
        if (PathPatterns.isParam(collection)) {
            return false;
        }
        if (singular(collection).equals(key) || collection.equals(key)) {
            return true;
        }
        String collectionPattern = "/" + String.join("/", segs.subList(0, segs.size() - 1));
        Operation post = table.find("POST", collectionPattern);
        Operation list = table.find("GET", collectionPattern);
        return (post != null && key.equals(Operation.key(post.responseWrapper())))
                || (list != null && (key + "s").equals(Operation.key(list.responseWrapper())));
    }

    private Map<String, Object> singletonAt(String path, String key) {
        Map<String, Object> s = store.singleton(path);
        if (s == null) {
            List<String> segs = PathPatterns.split(path);
            String id = segs.isEmpty() ? store.newId() : segs.get(segs.size() - 1);
            String type = key != null ? key : singular(segs.isEmpty() ? "object" : segs.get(segs.size() - 1));
            s = Json.obj("id", id, "type", type, "summary", type, "self", store.restUrl() + path);
            store.putSingleton(path, s);
        }
        return s;
    }

    private Map<String, Object> insert(String collection, String key, Map<String, Object> fields) {
        List<String> segs = PathPatterns.split(collection);
        String type = Json.str(fields, "type");
        if (type == null) {
            type = key != null && !isPlural(key) ? key : singular(segs.get(segs.size() - 1));
        }
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.remove("type");
        if (!f.containsKey("created_at")) {
            f.put("created_at", store.now());
        }
        return store.insert(collection, type, f);
    }

    private static Map<String, Object> withoutIdentity(Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.remove("id");
        f.remove("self");
        return f;
    }

    /** The request's entity: the wrapped value, or the whole body for raw notations; {@code null} when none. */
    private static Object requestEntity(Call call, Operation op) {
        String notation = op.requestWrapper();
        if (notation.equals("-") || notation.startsWith("(multipart")) {
            return null;
        }
        Object json = call.json();
        String key = Operation.key(notation);
        if (key == null) {
            return json;
        }
        Map<String, Object> body = Json.map(json);
        if (body == null) {
            return json;
        }
        return body.containsKey(key) ? body.get(key) : body;
    }

    /** A reply in the shape the response notation names. */
    private Reply answer(Operation op, String key, Object entity, Call call) {
        String notation = op.responseWrapper();
        int status = op.successStatus();
        if (notation.equals("-")) {
            return Reply.empty(status);
        }
        if (notation.equals("(raw:array)")) {
            return Reply.json(status, entity instanceof List<?> ? entity : new ArrayList<>(List.of(entity)));
        }
        if (notation.startsWith("(raw:")) {
            Map<String, Object> source = Json.map(entity) == null ? Json.obj() : Json.map(entity);
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : Operation.extraKeys(notation)) {
                out.put(k, source.containsKey(k) ? source.get(k) : defaultFor(k, call));
            }
            return Reply.json(status, out);
        }
        if (notation.startsWith("(")) {
            return Reply.json(status, Json.map(entity) == null ? Json.obj() : entity);
        }
        Object value = entity;
        String reqKey = Operation.key(op.requestWrapper());
        if (!(entity instanceof List<?>) && key.equals(reqKey + "s")) {
            value = new ArrayList<>(List.of(entity));
        }
        Map<String, Object> out = Json.obj(key, value);
        siblings(notation, out);
        return Reply.json(status, out);
    }

    private static void siblings(String notation, Map<String, Object> body) {
        if (!notation.startsWith("(")) {
            for (String k : Operation.extraKeys(notation)) {
                body.putIfAbsent(k, null);
            }
        }
    }

    private static Object defaultFor(String key, Call call) {
        return switch (key) {
            case "data" -> new ArrayList<>();
            case "more" -> false;
            case "filters" -> Json.obj();
            case "limit" -> Paging.limit(call);
            default -> null;
        };
    }

    private static String parentPath(Call call) {
        List<String> segs = call.segments();
        return "/" + String.join("/", segs.subList(0, segs.size() - 1));
    }

    private static String last(Call call) {
        return call.segments().get(call.segments().size() - 1);
    }

    private static boolean isPlural(String key) {
        return key.endsWith("s") && !key.endsWith("ss") && !key.endsWith("status");
    }

    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
