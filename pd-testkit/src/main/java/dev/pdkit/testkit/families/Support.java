package dev.pdkit.testkit.families;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Json;
import dev.pdkit.testkit.rest.Paging;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small helpers the families share: replies, references, validation and sorting. */
final class Support {

    private Support() {
    }

    /** {@code {wrapper: resource}} with the given status. */
    static Reply one(int status, String wrapper, Map<String, Object> resource) {
        return Reply.json(status, Json.obj(wrapper, resource));
    }

    /** An offset page of {@code items} under {@code wrapper}. */
    static Reply offsetPage(Call call, String wrapper, List<Map<String, Object>> items) {
        return Reply.json(200, Paging.offset(call, wrapper, items));
    }

    /** A reference to a stored resource. */
    static Map<String, Object> ref(Map<String, Object> resource) {
        return Store.reference(resource);
    }

    /**
     * The stored resource a request's reference points at: {@code value} is an object with an
     * {@code id} (a reference) or an id string; 400 naming {@code what} when it is missing or unknown.
     */
    static Map<String, Object> resolve(Store store, String collection, Object value, String what) {
        String id = Json.id(value);
        if (Json.blank(id)) {
            throw ApiError.invalid(what + " must be a reference with an id");
        }
        Map<String, Object> r = store.get(collection, id);
        if (r == null) {
            throw ApiError.invalid(what + " " + id + " not found");
        }
        return r;
    }

    /** References to the stored resources an array of references names (400 for unknown ones). */
    static List<Object> resolveAll(Store store, String collection, Object array, String what) {
        List<Object> refs = new ArrayList<>();
        if (array != null && !(array instanceof List<?>)) {
            throw ApiError.invalid(what + " must be an array");
        }
        for (Object o : Json.list(array)) {
            refs.add(ref(resolve(store, collection, o, what)));
        }
        return refs;
    }

    /** A required non-blank string member; 400 otherwise. */
    static String required(Map<String, Object> body, String key, String what) {
        String v = Json.str(body, key);
        if (Json.blank(v)) {
            throw ApiError.invalid(what + " cannot be empty");
        }
        return v;
    }

    /** A string member that must be one of {@code allowed} when present; returns it or {@code dflt}. */
    static String oneOf(Map<String, Object> body, String key, Set<String> allowed, String dflt) {
        Object v = body.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw ApiError.invalid(key + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return s;
    }

    /** Copies the members named in {@code keys} from {@code from} to {@code to}, when present. */
    static void copyPresent(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String k : keys) {
            if (from.containsKey(k)) {
                to.put(k, Json.copy(from.get(k)));
            }
        }
    }

    /** By {@code name} ignoring case, then id: the stable order PagerDuty's indexes use for named things. */
    static final Comparator<Map<String, Object>> BY_NAME = Comparator
            .comparing((Map<String, Object> m) -> String.valueOf(m.get("name")), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(m -> String.valueOf(m.get("id")));

    /** A whole collection by {@link #BY_NAME}, sorted once until the store changes. */
    static List<Map<String, Object>> byName(Store store, String collection) {
        return store.sorted(collection, BY_NAME);
    }

    /** Adds a reference to an array member unless one with the same id is there. */
    @SuppressWarnings("unchecked")
    static void addRef(Map<String, Object> owner, String arrayField, Map<String, Object> ref) {
        List<Object> list = owner.get(arrayField) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
        owner.put(arrayField, list);
        for (Object o : list) {
            if (ref.get("id").equals(Json.id(o))) {
                return;
            }
        }
        list.add(ref);
    }

    /** Removes references with this id from an array member. */
    @SuppressWarnings("unchecked")
    static void removeRef(Map<String, Object> owner, String arrayField, String id) {
        if (owner != null && owner.get(arrayField) instanceof List<?> l) {
            ((List<Object>) l).removeIf(o -> id.equals(Json.id(o)));
        }
    }

    /** The acting user's reference, or {@code null} when the request acts for nobody. */
    static Map<String, Object> actorRef(Call call) {
        return call.actor() == null ? null : ref(call.actor());
    }
}
