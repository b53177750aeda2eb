package dev.pdkit.internal.wrapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty's REST operations with their wrappers, pagination and {@code From} requirement,
 * loaded from the {@code endpoints.tsv} resource beside this class. That file is derived from
 * PagerDuty's OpenAPI document by {@code pd-core/src/build/endpoints-from-tsv.py}; it replaces
 * pdpyras' hand-kept {@code CANONICAL_PATHS}, {@code ENTITY_WRAPPER_CONFIG} and
 * {@code CURSOR_BASED_PAGINATION_PATHS}.
 *
 * <p>Format: tab-separated columns method, path, pagination, request_wrapper, response_wrapper,
 * success_status, from_header; {@code #} lines are comments and the line starting with
 * {@code method} is the header. A method of {@code -} declares a path the spec lists without
 * operations: it is matched as a pattern but has no {@link Endpoint}. Any malformed cell, a repeated
 * (method, path) or two paths identical up to parameter names fail the load.
 *
 * <p>Instances are immutable and safe to share. {@link #defaultTable()} parses the resource once,
 * on first use.
 */
public final class EndpointTable {

    static final String RESOURCE = "endpoints.tsv";

    private final CanonicalPaths paths;
    private final Map<String, Map<String, Endpoint>> byPattern;
    private final List<Endpoint> endpoints;

    private EndpointTable(Collection<String> patterns, List<Endpoint> endpoints) {
        Map<String, Map<String, Endpoint>> index = new HashMap<>();
        for (Endpoint e : endpoints) {
            Map<String, Endpoint> methods = index.computeIfAbsent(e.pattern(), p -> new HashMap<>());
            if (methods.putIfAbsent(e.method(), e) != null) {
                throw new IllegalStateException("endpoint listed twice: " + e.method() + " " + e.pattern());
            }
        }
        // The inner maps are never modified after this point, and the final field publishes them.
        this.byPattern = Map.copyOf(index);
        this.paths = new CanonicalPaths(patterns);
        this.endpoints = List.copyOf(endpoints);
    }

    /** The table shipped with pdkit. */
    public static EndpointTable defaultTable() {
        return Holder.DEFAULT;
    }

    /** The patterns of every path in the table, operations or not. */
    public CanonicalPaths paths() {
        return paths;
    }

    /**
     * The operation {@code method} on {@code pattern}, or {@code null} if the table has none.
     *
     * @param method HTTP method, any case
     * @param pattern a pattern as {@link CanonicalPaths#match} returns it
     */
    public Endpoint find(String method, String pattern) {
        Map<String, Endpoint> methods = byPattern.get(pattern);
        // toUpperCase returns the same instance when nothing changes, so the usual call allocates nothing.
        return methods == null ? null : methods.get(method.toUpperCase(Locale.ROOT));
    }

    /** How {@code GET pattern} pages; {@link Pagination#NONE} if that operation doesn't exist. */
    public Pagination listPagination(String pattern) {
        Endpoint get = find("GET", pattern);
        return get == null ? Pagination.NONE : get.pagination();
    }

    /** Whether the spec marks the {@code From} header as required for this operation. */
    public boolean requiresFrom(String method, String pattern) {
        Endpoint e = find(method, pattern);
        return e != null && e.fromHeader() == Endpoint.FromHeader.REQUIRED;
    }

    /** Every operation, in file order. */
    List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Parses table text (see the class comment for the format). */
    static EndpointTable parse(List<String> lines) {
        Set<String> patterns = new LinkedHashSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("method\t")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            try {
                if (c.length != 7) {
                    throw new IllegalArgumentException("expected 7 columns, found " + c.length);
                }
                if (!c[1].startsWith("/")) {
                    throw new IllegalArgumentException("not a path: " + c[1]);
                }
                patterns.add(c[1]);
                if (!c[0].equals("-")) {
                    endpoints.add(new Endpoint(c[0], c[1], Pagination.fromWord(c[2]),
                            Endpoint.wrapperKey(c[3]), Endpoint.wrapperKey(c[4]), statuses(c[5]),
                            Endpoint.FromHeader.fromWord(c[6]), Endpoint.extraKeys(c[3])));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new EndpointTable(patterns, endpoints);
    }

    private static Set<Integer> statuses(String cell) {
        if (cell.equals("?")) {
            return Set.of();
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (String code : cell.split("\\|")) {
            codes.add(Integer.valueOf(code));
        }
        return Collections.unmodifiableSet(codes);
    }

    /** Lazy, once-only, lock-free loading: the JVM runs this class's initializer on first use. */
    private static final class Holder {
        static final EndpointTable DEFAULT = load();

        private static EndpointTable load() {
            try (InputStream in = EndpointTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from pd-core");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return parse(reader.lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
