package dev.pdkit.bench.micro;

import dev.pdkit.internal.wrapping.EndpointTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concrete request paths the path benchmarks look up: one per path of pd-core's embedded
 * endpoint table, with each {@code {parameter}} replaced by a plausible value (a PagerDuty-style id,
 * or a word for the few parameters that are not ids).
 *
 * <p>The list is read from the table's own resource rather than kept here, so the benchmark covers
 * exactly what pd-core ships. {@link EndpointTable} doesn't expose its rows (they are
 * package-private), but on the class path its resource is readable like any other.
 */
public final class EndpointPaths {

    /** How many distinct paths the table holds; the JMH annotations need it as a constant. */
    public static final int COUNT = 273;

    /** Non-id parameters get a value of the kind the real API takes there. */
    private static final Map<String, String> WORDS = Map.of(
            "{entity_type}", "teams",
            "{type}", "browser",
            "{resource_type}", "technical_services",
            "{feature_name}", "aiops",
            "{url_slug}", "checkout-status",
            "{type_id_or_name}", "incident_default");

    /** One path of the table: its pattern, a concrete instance of it, and a method it has. */
    public record Entry(String pattern, String path, String method) {
    }

    private EndpointPaths() {
    }

    /**
     * Every distinct path of the table, in file order.
     *
     * @throws IllegalStateException if the table no longer has {@link #COUNT} paths (update the
     *     constant, and the README's figures, when the table changes)
     */
    public static List<Entry> all() {
        Map<String, String> methodByPattern = new LinkedHashMap<>();
        try (InputStream in = EndpointTable.class.getResourceAsStream("endpoints.tsv")) {
            if (in == null) {
                throw new IllegalStateException("endpoints.tsv is not beside EndpointTable: run on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line : reader.lines().toList()) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("method\t")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                // A path listed without operations ("-") is still matched on every request: look it up with GET.
                methodByPattern.putIfAbsent(cells[1], cells[0].equals("-") ? "GET" : cells[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (methodByPattern.size() != COUNT) {
            throw new IllegalStateException("the endpoint table has " + methodByPattern.size() + " paths, not "
                    + COUNT + ": update EndpointPaths.COUNT");
        }
        List<Entry> entries = new ArrayList<>(COUNT);
        int n = 0;
        for (Map.Entry<String, String> e : methodByPattern.entrySet()) {
            entries.add(new Entry(e.getKey(), instantiate(e.getKey(), n++), e.getValue()));
        }
        return List.copyOf(entries);
    }

    /** Replaces each {@code {parameter}} segment; ids differ per path so no lookup is cached by accident. */
    static String instantiate(String pattern, int salt) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (String segment : pattern.substring(1).split("/")) {
            sb.append('/');
            if (segment.startsWith("{")) {
                String word = WORDS.get(segment);
                sb.append(word != null ? word : id(salt * 7 + k++));
            } else {
                sb.append(segment);
            }
        }
        return sb.toString();
    }

    /** A PagerDuty-looking id: P and six upper-case letters or digits. */
    private static String id(int seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("P");
        long x = 0x9E3779B97F4A7C15L * (seed + 1);
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt((int) Long.remainderUnsigned(x, alphabet.length())));
            x = Long.rotateLeft(x * 0xBF58476D1CE4E5B9L, 17);
        }
        return sb.toString();
    }
}
