package dev.pdkit.testkit.routing;

import java.util.List;

/**
 * One REST operation as the endpoint table records it. Wrapper cells keep the table's notation:
 * {@code key}, {@code key(+a|b)}, {@code (raw)}, {@code (raw:k1|k2)}, {@code (raw:array)},
 * {@code {entity_type}}, {@code (multipart/form-data)} or {@code -} (no body).
 *
 * @param method upper-case method
 * @param pattern the path pattern, e.g. {@code /users/{id}}
 * @param pagination {@code none}, {@code offset}, {@code cursor}, {@code cursor-after-before} or {@code analytics}
 * @param requestWrapper the request body notation
 * @param responseWrapper the response body notation
 * @param successStatuses the 2xx codes the spec declares, first one preferred; empty when none
 * @param fromHeader {@code required}, {@code optional} or {@code -}
 */
public record Operation(String method, String pattern, String pagination, String requestWrapper,
        String responseWrapper, List<Integer> successStatuses, String fromHeader) {

    /** Copies the status list. */
    public Operation {
        successStatuses = List.copyOf(successStatuses);
    }

    /** Whether the spec requires the {@code From} header. */
    public boolean fromRequired() {
        return "required".equals(fromHeader);
    }

    /** The status a success answers with: the first declared, or 200 when the spec declares none. */
    public int successStatus() {
        return successStatuses.isEmpty() ? 200 : successStatuses.get(0);
    }

    /** The wrapper key of a {@code key} or {@code key(+a|b)} notation; {@code null} for the others. */
    public static String key(String notation) {
        if (notation.equals("-") || notation.startsWith("(") || notation.startsWith("{")) {
            return null;
        }
        int paren = notation.indexOf('(');
        return paren < 0 ? notation : notation.substring(0, paren);
    }

    /** The sibling keys of {@code key(+a|b)}, or the keys of {@code (raw:a|b)}; empty for the others. */
    public static List<String> extraKeys(String notation) {
        int plus = notation.indexOf("(+");
        if (plus > 0 && notation.endsWith(")")) {
            return List.of(notation.substring(plus + 2, notation.length() - 1).split("\\|"));
        }
        if (notation.startsWith("(raw:") && !notation.equals("(raw:array)")) {
            return List.of(notation.substring(5, notation.length() - 1).split("\\|"));
        }
        return List.of();
    }
}
