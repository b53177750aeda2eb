package dev.pdkit.testkit.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the pattern a concrete path belongs to, with path parameters. A literal segment beats a
 * parameter at the same position, with backtracking when the literal branch dead-ends: so
 * {@code /users/me} is {@code /users/me}, {@code /users/PX/tags} is {@code /{entity_type}/{id}/tags}
 * and {@code /tags/PX/users} is {@code /tags/{id}/{entity_type}}. Immutable after construction.
 */
public final class PathPatterns {

    private final Node root = new Node();

    /** An index of these patterns. */
    public PathPatterns(Iterable<String> patterns) {
        for (String p : patterns) {
            Node n = root;
            for (String seg : split(p)) {
                n = isParam(seg) ? (n.param == null ? (n.param = new Node()) : n.param)
                        : n.literals.computeIfAbsent(seg, s -> new Node());
            }
            n.pattern = p;
        }
    }

    /** A match: the pattern and its parameters by name. */
    public record Match(String pattern, Map<String, String> params) {
    }

    /** The best match for these decoded segments, or {@code null}. */
    public Match match(List<String> segments) {
        String p = find(root, segments, 0);
        return p == null ? null : new Match(p, params(p, segments));
    }

    /** Whether a pattern segment is a parameter such as {@code {id}}. */
    public static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The segments of a pattern or path. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The parameters of {@code pattern} taken from {@code segments} (which must match it). */
    public static Map<String, String> params(String pattern, List<String> segments) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> ps = split(pattern);
        for (int i = 0; i < ps.size(); i++) {
            if (isParam(ps.get(i))) {
                params.put(ps.get(i).substring(1, ps.get(i).length() - 1), segments.get(i));
            }
        }
        return params;
    }

    private static String find(Node n, List<String> segs, int i) {
        if (i == segs.size()) {
            return n.pattern;
        }
        Node lit = n.literals.get(segs.get(i));
        if (lit != null) {
            String p = find(lit, segs, i + 1);
            if (p != null) {
                return p;
            }
        }
        return n.param == null ? null : find(n.param, segs, i + 1);
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        String pattern;
    }
}
