package dev.pdkit.testkit.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PagerDuty's REST operations, loaded from {@code endpoints.tsv} beside this class: a copy of
 * pd-core's table (pd-core keeps its own in a package it does not export). Format: tab-separated
 * method, path, pagination, request_wrapper, response_wrapper, success_status, from_header;
 * {@code #} lines are comments, the {@code method} line is the header, and a method of {@code -}
 * declares a path without operations.
 *
 * <p>Immutable; {@link #standard()} parses the resource once per class loader.
 */
public final class EndpointTable {

    private final List<Operation> operations;
    private final Set<String> patterns;
    private final Map<String, Operation> byKey;

    private EndpointTable(List<Operation> operations, Set<String> patterns) {
        this.operations = List.copyOf(operations);
        this.patterns = Collections.unmodifiableSet(patterns);
        Map<String, Operation> m = new HashMap<>();
        for (Operation o : operations) {
            if (m.put(o.method() + " " + o.pattern(), o) != null) {
                throw new IllegalStateException("operation listed twice: " + o.method() + " " + o.pattern());
            }
        }
        this.byKey = Map.copyOf(m);
    }

    /** The table shipped with the testkit. */
    public static EndpointTable standard() {
        return Holder.TABLE;
    }

    /** Every operation, in file order. */
    public List<Operation> operations() {
        return operations;
    }

    /** Every path pattern, with or without operations. */
    public Set<String> patterns() {
        return patterns;
    }

    /** The operation, or {@code null}. */
    public Operation find(String method, String pattern) {
        return byKey.get(method + " " + pattern);
    }

    static EndpointTable parse(List<String> lines) {
        List<Operation> ops = new ArrayList<>();
        Set<String> patterns = new LinkedHashSet<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("method\t")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length != 7 || !c[1].startsWith("/")) {
                throw new IllegalStateException("endpoints.tsv line " + n + ": expected 7 columns and a path");
            }
            patterns.add(c[1]);
            if (!c[0].equals("-")) {
                List<Integer> statuses = new ArrayList<>();
                if (!c[5].equals("?")) {
                    for (String s : c[5].split("\\|")) {
                        statuses.add(Integer.valueOf(s));
                    }
                }
                ops.add(new Operation(c[0], c[1], c[2], c[3], c[4], statuses, c[6]));
            }
        }
        return new EndpointTable(ops, patterns);
    }

    private static final class Holder {
        static final EndpointTable TABLE = load();

        private static EndpointTable load() {
            try (InputStream in = EndpointTable.class.getResourceAsStream("endpoints.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("resource endpoints.tsv is missing from pd-testkit");
                }
                return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
