package dev.pdkit.testkit.store;

import dev.pdkit.testkit.rest.ApiError;
import dev.pdkit.testkit.rest.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The resources of one fake account. A collection is named by its API path, e.g. {@code /users}
 * or {@code /services/PABC123/integrations}; a resource's {@code self} is the fake's REST URL plus
 * that path plus its id, so a client can follow it back to the fake.
 *
 * <p>Ids look like PagerDuty's: {@code P} plus 6 upper-case letters and digits, or {@code Q} plus
 * 13 for log entries and overrides. They are unique within the store and never reused.
 *
 * <p>Thread-safe: every method locks the store, and callers that need several steps to be atomic
 * (all request handling does) hold {@code synchronized (store)} around them; the lock is reentrant.
 * Resource maps are live: change them only while holding the lock, and call {@link #touch()}
 * after changing one (request handling does that for every request but GET and HEAD).
 */
public final class Store {

    /** The web host of {@code html_url}s; pdpyras derives the subdomain {@code fake-subdomain} from it. */
    public static final String WEB = "https://fake-subdomain.pagerduty.com";

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final String restUrl;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<String, Map<String, Map<String, Object>>> collections = new HashMap<>();
    private final Map<String, Map<String, Object>> singletons = new HashMap<>();
    private final Set<String> issued = new HashSet<>();
    private int lastIncidentNumber;
    private long version;
    private final Map<String, Sorted> sorted = new HashMap<>();

    /** A collection's resources in some order, valid while the store's version doesn't change. */
    private record Sorted(long version, Comparator<Map<String, Object>> order, List<Map<String, Object>> items) {
    }

    /**
     * An empty store.
     *
     * @param restUrl the fake's REST base URL, without a trailing slash
     * @param clock the clock behind {@code created_at} and friends
     */
    public Store(String restUrl, Clock clock) {
        this.restUrl = restUrl;
        this.clock = clock;
    }

    /** The fake's REST base URL. */
    public String restUrl() {
        return restUrl;
    }

    /** The current instant, to the second (PagerDuty's timestamps carry no fractions). */
    public synchronized Instant instant() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The current time as PagerDuty writes it, e.g. {@code 2026-01-01T10:00:00Z}. */
    public String now() {
        return instant().toString();
    }

    /** A fresh id: {@code P} and 6 characters. */
    public synchronized String newId() {
        return newId('P', 6);
    }

    /** A fresh long id: {@code Q} and 13 characters, as PagerDuty gives log entries and overrides. */
    public synchronized String newLongId() {
        return newId('Q', 13);
    }

    private String newId(char first, int length) {
        while (true) {
            StringBuilder sb = new StringBuilder().append(first);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            if (issued.add(sb.toString())) {
                return sb.toString();
            }
        }
    }

    /** A random 32-character lower-case hex string (routing keys, dedup keys, request ids). */
    public synchronized String newHex32() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    /** The next incident number of the account, from 1. */
    public synchronized int nextIncidentNumber() {
        return ++lastIncidentNumber;
    }

    /**
     * Adds a resource. The stored map starts with {@code id} (the given one, else a new one),
     * {@code type}, {@code summary} (the given one, else the name, title or label), {@code self} and
     * {@code html_url}, followed by a deep copy of {@code fields}.
     *
     * @param collection the collection path, e.g. {@code /users}
     * @param type the resource type, e.g. {@code user}; {@code null} keeps {@code fields}' type
     * @param fields the resource's other members
     * @return the stored (live) map
     * @throws ApiError 400 when the id is taken in this collection
     */
    public synchronized Map<String, Object> insert(String collection, String type, Map<String, Object> fields) {
        version++;
        String id = Json.str(fields, "id");
        Map<String, Map<String, Object>> items = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        if (Json.blank(id)) {
            id = newId();
        } else if (items.containsKey(id)) {
            throw ApiError.invalid("A resource with id " + id + " already exists in " + collection);
        } else {
            issued.add(id);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("type", type != null ? type : Json.str(fields, "type"));
        r.put("summary", null);
        r.put("self", restUrl + collection + "/" + id);
        r.put("html_url", WEB + collection + "/" + id);
        fields.forEach((k, v) -> {
            if (!k.equals("id") && !k.equals("self") && !(k.equals("type") && type != null)) {
                r.put(k, Json.copy(v));
            }
        });
        if (r.get("summary") == null) {
            r.put("summary", summaryOf(r));
        }
        items.put(id, r);
        return r;
    }

    private static Object summaryOf(Map<String, Object> r) {
        for (String k : List.of("name", "title", "label", "description")) {
            if (r.get(k) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return r.get("type");
    }

    /** The resource, or {@code null}. */
    public synchronized Map<String, Object> get(String collection, String id) {
        Map<String, Map<String, Object>> items = collections.get(collection);
        return items == null || id == null ? null : items.get(id);
    }

    /** The resource; 404 when absent. */
    public synchronized Map<String, Object> require(String collection, String id) {
        Map<String, Object> r = get(collection, id);
        if (r == null) {
            throw ApiError.notFound();
        }
        return r;
    }

    /**
     * Records that a resource may have changed in place, so that no ordering computed before is
     * reused (see {@link #sorted}).
     */
    public synchronized void touch() {
        version++;
    }

    /**
     * The resources of a collection in {@code order} (a new list of the live maps). The order is
     * computed once and reused until the store changes, so paging through a collection of
     * 100,000s costs a copy per page, not a sort.
     */
    public synchronized List<Map<String, Object>> sorted(String collection, Comparator<Map<String, Object>> order) {
        Sorted cached = sorted.get(collection);
        if (cached == null || cached.version() != version || cached.order() != order) {
            List<Map<String, Object>> items = list(collection);
            items.sort(order);
            cached = new Sorted(version, order, items);
            sorted.put(collection, cached);
        }
        return new ArrayList<>(cached.items());
    }

    /** The resources of a collection in insertion order (a new list of the live maps). */
    public synchronized List<Map<String, Object>> list(String collection) {
        Map<String, Map<String, Object>> items = collections.get(collection);
        return items == null ? new ArrayList<>() : new ArrayList<>(items.values());
    }

    /** Removes a resource; returns it, or {@code null} when it was absent. */
    public synchronized Map<String, Object> remove(String collection, String id) {
        version++;
        Map<String, Map<String, Object>> items = collections.get(collection);
        return items == null ? null : items.remove(id);
    }

    /** Removes every resource of a collection. */
    public synchronized void clear(String collection) {
        version++;
        collections.remove(collection);
    }

    /** Moves a resource to another collection, updating its {@code self}. */
    public synchronized void move(Map<String, Object> resource, String from, String to) {
        version++;
        String id = (String) resource.get("id");
        remove(from, id);
        resource.put("self", restUrl + to + "/" + id);
        collections.computeIfAbsent(to, c -> new LinkedHashMap<>()).put(id, resource);
    }

    /** The resource a {@code self} URL points at, or {@code null}. */
    public synchronized Map<String, Object> bySelf(String self) {
        if (self == null || !self.startsWith(restUrl + "/")) {
            return null;
        }
        String path = self.substring(restUrl.length());
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : get(path.substring(0, slash), path.substring(slash + 1));
    }

    /** The singleton resource at a path (e.g. an orchestration's router), or {@code null}. */
    public synchronized Map<String, Object> singleton(String path) {
        return singletons.get(path);
    }

    /** Stores the singleton resource at a path. */
    public synchronized void putSingleton(String path, Map<String, Object> resource) {
        singletons.put(path, resource);
    }

    /** Removes the singleton resource at a path; returns it or {@code null}. */
    public synchronized Map<String, Object> removeSingleton(String path) {
        return singletons.remove(path);
    }

    /**
     * A reference to a resource: {@code {id, type:"<type>_reference", summary, self, html_url}}.
     */
    public static Map<String, Object> reference(Map<String, Object> resource) {
        String type = String.valueOf(resource.get("type"));
        return Json.obj("id", resource.get("id"), "type", type.endsWith("_reference") ? type : type + "_reference",
                "summary", resource.get("summary"), "self", resource.get("self"), "html_url", resource.get("html_url"));
    }
}
