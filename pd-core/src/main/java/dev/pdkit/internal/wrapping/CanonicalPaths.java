package dev.pdkit.internal.wrapping;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps an actual request path to the path pattern it instantiates, such as {@code /users/PABC123}
 * to {@code /users/{id}}. Patterns are paths whose {@code {name}} segments are parameters.
 *
 * <p>Matching is segment by segment over a trie. Where a path fits several patterns, a literal
 * segment beats a parameter, decided from left to right; a literal branch that leads nowhere is
 * abandoned for the parameter branch (backtracking). So {@code /users/me} gives {@code /users/me}
 * and {@code /services/P1/change_tags} gives {@code /{entity_type}/{id}/change_tags} although
 * {@code /services} is a literal. Unlike pdpyras, an overlap never raises: the rule above decides
 * it, and the only true ambiguity (two patterns identical up to parameter names) is refused when
 * the instance is built.
 *
 * <p>Instances are immutable and safe to share between threads. {@link #match} runs on every
 * request: it uses no regular expressions and allocates nothing but the segment strings.
 */
public final class CanonicalPaths {

    private final Node root;
    private final Set<String> patterns;

    /**
     * Builds the trie.
     *
     * @param patterns path patterns, each starting with {@code /}; duplicates are ignored
     * @throws IllegalArgumentException if a pattern is malformed (no leading slash, an empty
     *     segment, a query string, a brace that doesn't enclose a whole segment)
     * @throws IllegalStateException if two patterns differ only in parameter names, such as
     *     {@code /a/{id}} and {@code /a/{a_id}}: no request could tell them apart
     */
    public CanonicalPaths(Collection<String> patterns) {
        Builder rootBuilder = new Builder();
        Set<String> all = new TreeSet<>();
        for (String pattern : patterns) {
            if (all.add(pattern)) {
                rootBuilder.insert(pattern);
            }
        }
        this.root = rootBuilder.freeze();
        this.patterns = Collections.unmodifiableSet(all);
    }

    /**
     * Finds the pattern that {@code path} instantiates.
     *
     * @param path a path relative to the API root, starting with {@code /}, without query string
     *     and not percent-decoded (parameter values are opaque; literals compare exactly)
     * @return the pattern, or {@code null} if none fits, the path doesn't start with {@code /}, or
     *     it has an empty segment (trailing slash, {@code //}), which no PagerDuty URL has
     */
    public String match(String path) {
        String[] segments = split(path);
        return segments == null ? null : find(root, segments, 0);
    }

    /** All patterns, sorted. */
    Set<String> patterns() {
        return patterns;
    }

    private static String find(Node node, String[] segments, int i) {
        if (i == segments.length) {
            return node.pattern;
        }
        Node literal = node.literals.get(segments[i]);
        if (literal != null) {
            String found = find(literal, segments, i + 1);
            if (found != null) {
                return found;
            }
        }
        return node.param == null ? null : find(node.param, segments, i + 1);
    }

    /** Splits after the leading slash; {@code null} when malformed, so match() can just say no. */
    private static String[] split(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                n++;
            }
        }
        String[] segments = new String[n];
        int start = 1;
        for (int k = 0; k < n; k++) {
            // The last segment runs to the end of the path; each other one to the next slash.
            int end = k == n - 1 ? path.length() : path.indexOf('/', start);
            if (end == start) {
                return null;
            }
            segments[k] = path.substring(start, end);
            start = end + 1;
        }
        return segments;
    }

    static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    /** A frozen trie node; its maps are never modified after construction. */
    private static final class Node {
        final Map<String, Node> literals;
        final Node param;
        final String pattern;

        Node(Map<String, Node> literals, Node param, String pattern) {
            this.literals = literals;
            this.param = param;
            this.pattern = pattern;
        }
    }

    /** The mutable form used while inserting; frozen into {@link Node}s at the end. */
    private static final class Builder {
        final Map<String, Builder> literals = new HashMap<>();
        Builder param;
        String pattern;

        void insert(String pattern) {
            String[] segments = split(pattern);
            if (segments == null || pattern.contains("?")) {
                throw new IllegalArgumentException("malformed path pattern: " + pattern);
            }
            Builder node = this;
            for (String segment : segments) {
                if (isParameter(segment)) {
                    String name = segment.substring(1, segment.length() - 1);
                    if (name.contains("{") || name.contains("}")) {
                        throw new IllegalArgumentException("malformed parameter in " + pattern + ": " + segment);
                    }
                    if (node.param == null) {
                        node.param = new Builder();
                    }
                    node = node.param;
                } else {
                    if (segment.contains("{") || segment.contains("}")) {
                        throw new IllegalArgumentException("malformed parameter in " + pattern + ": " + segment);
                    }
                    node = node.literals.computeIfAbsent(segment, s -> new Builder());
                }
            }
            if (node.pattern != null) {
                throw new IllegalStateException("path patterns " + node.pattern + " and " + pattern
                        + " are identical up to parameter names; no request path can tell them apart");
            }
            node.pattern = pattern;
        }

        Node freeze() {
            Map<String, Node> frozen = new HashMap<>();
            literals.forEach((segment, child) -> frozen.put(segment, child.freeze()));
            return new Node(Map.copyOf(frozen), param == null ? null : param.freeze(), pattern);
        }
    }
}
