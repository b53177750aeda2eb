package dev.pdkit.internal.wrapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the embedded endpoints.tsv for the tests with its own minimal parsing, so that the row
 * tests check the production parser against the raw text rather than against itself.
 */
final class TableRows {

    /** Ids substituted for path parameters: upper-case, so no literal segment (all lower-case) equals one. */
    static final List<String> IDS = List.of("PABC123", "PDEF456", "PGHI789", "PJKL012", "PMNO345");

    /** What the real API puts in {entity_type}: the taggable collections. */
    static final List<String> ENTITY_TYPES = List.of("users", "teams", "escalation_policies");

    record Row(int line, String method, String pattern, String pagination, String request, String response,
            String success, String from) {

        boolean pathOnly() {
            return method.equals("-");
        }
    }

    /** One row instantiated as a concrete request path. */
    record Case(Row row, String path) {
        @Override
        public String toString() {
            return row.method() + " " + path + "  (" + row.pattern() + ")";
        }

        /** The wrapper a notation cell means for this concrete path, decoded independently of Endpoint. */
        String expected(String notation) {
            if (notation.equals("-") || notation.startsWith("(")) {
                return null;
            }
            if (notation.equals("{entity_type}")) {
                return path.substring(path.lastIndexOf('/') + 1);
            }
            int paren = notation.indexOf('(');
            return paren < 0 ? notation : notation.substring(0, paren);
        }
    }

    private TableRows() {
    }

    static List<Row> rows() {
        try (InputStream in = EndpointTable.class.getResourceAsStream("endpoints.tsv")) {
            if (in == null) {
                throw new IllegalStateException("endpoints.tsv not found beside EndpointTable");
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("#") || line.startsWith("method\t") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                rows.add(new Row(i + 1, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row as concrete paths; a row with {entity_type} yields one case per entity type. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Row row : rows()) {
            if (row.pattern().contains("{entity_type}")) {
                for (String type : ENTITY_TYPES) {
                    cases.add(new Case(row, concrete(row.pattern(), type)));
                }
            } else {
                cases.add(new Case(row, concrete(row.pattern(), null)));
            }
        }
        return cases;
    }

    static String concrete(String pattern, String entityType) {
        StringBuilder sb = new StringBuilder();
        int param = 0;
        for (String segment : pattern.substring(1).split("/", -1)) {
            sb.append('/');
            if (segment.equals("{entity_type}")) {
                sb.append(entityType);
            } else if (segment.startsWith("{")) {
                sb.append(IDS.get(param++ % IDS.size()));
            } else {
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
