package dev.pdkit.internal.wrapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * PagerDuty's entity wrapping: which key wraps a request body and which key to unwrap from a
 * response, for any method and path, including paths the endpoint table doesn't know yet.
 *
 * <p>The order of authority is: the endpoint table (derived from PagerDuty's OpenAPI document),
 * then pdpyras' naming rule ({@link #infer}). Request bodies are wrapped only for POST, PUT and
 * PATCH when the answer is a guess, as pdpyras does; the table may also wrap other methods (one
 * DELETE takes a wrapped body).
 *
 * <p>All methods are pure functions of their arguments and of the immutable default table.
 */
public final class EntityWrapping {

    private EntityWrapping() {
    }

    /**
     * Decides the wrappers for a request.
     *
     * @param method HTTP method, any case
     * @param path the actual path relative to the API root, starting with {@code /}, without query
     *     string, e.g. {@code /users/PABC123}
     */
    public static WrapperDecision decide(String method, String path) {
        return decide(EndpointTable.defaultTable(), method, path);
    }

    static WrapperDecision decide(EndpointTable table, String method, String path) {
        Objects.requireNonNull(path, "path");
        String m = method.toUpperCase(Locale.ROOT);
        String pattern = table.paths().match(path);
        if (pattern != null) {
            Endpoint e = table.find(m, pattern);
            if (e != null) {
                return new WrapperDecision(m, path, pattern, WrapperDecision.Source.TABLE,
                        resolve(e.requestWrapper(), path), resolve(e.responseWrapper(), path),
                        e.pagination(), e.requestExtraKeys());
            }
        }
        // A guess. A pattern's {param} markers say which nodes are ids; an unknown path has none,
        // so a node that doesn't look like a PagerDuty collection name (lower case, digits,
        // underscores) is taken for an id: PUT /widgets/PXYZ123 wraps in "widget", not "PXYZ123".
        String inferred = infer(m, pattern != null ? pattern : idsAsParameters(path));
        String request = sendsBody(m) ? inferred : null;
        return new WrapperDecision(m, path, pattern,
                pattern != null ? WrapperDecision.Source.INFERRED : WrapperDecision.Source.UNKNOWN_PATH,
                request, inferred, Pagination.NONE, Set.of());
    }

    /** Replaces each node that is not a collection-like name with {@code {id}}. */
    static String idsAsParameters(String path) {
        String[] nodes = path.split("/", -1);
        for (int i = 0; i < nodes.length; i++) {
            if (!nodes[i].isEmpty() && !looksLikeName(nodes[i])) {
                nodes[i] = "{id}";
            }
        }
        return String.join("/", nodes);
    }

    private static boolean looksLikeName(String node) {
        if (node.charAt(0) < 'a' || node.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < node.length(); i++) {
            char c = node.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean sendsBody(String upperMethod) {
        return upperMethod.equals("POST") || upperMethod.equals("PUT") || upperMethod.equals("PATCH");
    }

    private static String resolve(String wrapper, String path) {
        // Only GET /tags/{id}/{entity_type} uses this: the collection named in the path wraps the answer.
        return Endpoint.ENTITY_TYPE.equals(wrapper) ? path.substring(path.lastIndexOf('/') + 1) : wrapper;
    }

    /**
     * pdpyras' rule for the wrapper of a path it has no entry for: if the last node is a
     * {@code {param}}, the singular of the node before it ({@code /users/{id}} gives {@code user});
     * else for POST the singular of the last node ({@code POST /users} gives {@code user}); else the
     * last node as it is ({@code GET /users} gives {@code users}).
     *
     * @param method HTTP method, any case
     * @param pathOrPattern a pattern, or an actual path (whose ids then look like names)
     * @return the wrapper, or {@code null} when the rule would produce an empty name or a
     *     {@code {param}} (pdpyras answers {@code {type}} for {@code /users/{id}/sessions/{type}/{session_id}})
     */
    public static String infer(String method, String pathOrPattern) {
        int start = pathOrPattern.lastIndexOf('/') + 1;
        String last = pathOrPattern.substring(start);
        String name;
        if (CanonicalPaths.isParameter(last)) {
            if (start == 0) {
                return null;
            }
            int before = pathOrPattern.lastIndexOf('/', start - 2) + 1;
            name = singular(pathOrPattern.substring(before, start - 1));
        } else if (method.equalsIgnoreCase("POST")) {
            name = singular(last);
        } else {
            name = last;
        }
        return name.isEmpty() || CanonicalPaths.isParameter(name) ? null : name;
    }

    /**
     * The singular of a collection name, e.g. {@code escalation_policies} to
     * {@code escalation_policy}.
     *
     * <p>pdpyras uses {@code r[:-3]+'y' if r.endswith('ies') else r.rstrip('s')}, and
     * {@code rstrip} removes <em>every</em> trailing s: {@code status} becomes {@code statu},
     * {@code addresses} {@code addresse}, {@code statuses} {@code statuse}, which breaks
     * {@code GET /status_pages/{id}/statuses/{status_id}} (wrapper {@code status}). The fixed rules,
     * first match wins:
     * <ol>
     * <li>{@code ies} to {@code y} ({@code policies}, {@code entries});
     * <li>{@code sses} and {@code xes} drop {@code es} ({@code addresses}, {@code boxes});
     * <li>consonant + {@code uses} drops {@code es} ({@code statuses}, {@code bonuses}), while a
     *     vowel before it keeps the e ({@code causes} to {@code cause});
     * <li>a word ending in {@code ss} or {@code us} is already singular ({@code address},
     *     {@code status});
     * <li>otherwise one trailing {@code s} is dropped ({@code services}, {@code responses}).
     * </ol>
     * English has words these rules get wrong ({@code aliases}, {@code movies}); none is a
     * PagerDuty collection name, and the endpoint table is consulted before this rule anyway.
     */
    public static String singular(String plural) {
        int n = plural.length();
        if (n > 3 && plural.endsWith("ies")) {
            return plural.substring(0, n - 3) + "y";
        }
        if (plural.endsWith("sses") || plural.endsWith("xes")) {
            return plural.substring(0, n - 2);
        }
        if (n > 4 && plural.endsWith("uses") && isConsonant(plural.charAt(n - 5))) {
            return plural.substring(0, n - 2);
        }
        if (plural.endsWith("ss") || plural.endsWith("us")) {
            return plural;
        }
        return plural.endsWith("s") ? plural.substring(0, n - 1) : plural;
    }

    /**
     * The collection name of a resource type, e.g. {@code escalation_policy} or
     * {@code escalation_policy_reference} to {@code escalation_policies}: a {@code _reference}
     * suffix is dropped; consonant + {@code y} becomes {@code ies}; a word ending in {@code s} or
     * {@code x} takes {@code es} ({@code status} to {@code statuses}, which pdpyras spells
     * {@code statuss}); anything else takes {@code s} ({@code survey} to {@code surveys}, which
     * pdpyras spells {@code surveies}). {@link #singular} inverts it for PagerDuty's names.
     */
    public static String plural(String singular) {
        String word = singular.endsWith("_reference")
                ? singular.substring(0, singular.length() - "_reference".length())
                : singular;
        int n = word.length();
        if (n > 1 && word.endsWith("y") && isConsonant(word.charAt(n - 2))) {
            return word.substring(0, n - 1) + "ies";
        }
        if (word.endsWith("s") || word.endsWith("x")) {
            return word + "es";
        }
        return word + "s";
    }

    /**
     * The request body to send: {@code {wrapper: entity}} when the decision names a request
     * wrapper, else {@code entity} itself.
     *
     * <p>A map that already is a wrapped body — it holds the wrapper key and nothing else but the
     * endpoint's allowed extra keys — is returned as is, so both bare and pre-wrapped entities are
     * accepted. Unlike pdpyras, a bare entity that merely has a property named like the wrapper is
     * still wrapped. A list (multi-update) is always wrapped. {@code null} (no body) stays
     * {@code null}. The input is never modified; the result shares the entity, not a copy.
     */
    public static Object wrap(Object entity, WrapperDecision decision) {
        String wrapper = decision.requestWrapper();
        if (wrapper == null || entity == null) {
            return entity;
        }
        if (entity instanceof Map<?, ?> map && isWrapped(map, wrapper, decision.requestExtraKeys())) {
            return entity;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>(2);
        wrapped.put(wrapper, entity);
        return wrapped;
    }

    private static boolean isWrapped(Map<?, ?> body, String wrapper, Set<String> extraKeys) {
        if (!body.containsKey(wrapper)) {
            return false;
        }
        for (Object key : body.keySet()) {
            if (!(key instanceof String k && (k.equals(wrapper) || extraKeys.contains(k)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isConsonant(char c) {
        return "bcdfghjklmnpqrstvwxyz".indexOf(c) >= 0;
    }
}
