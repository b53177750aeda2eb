package dev.pdkit.testkit.routing;

import dev.pdkit.testkit.rest.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the handler for a request: a family's hand-written handler when one is registered for the
 * operation, else the generic engine for any other operation of the table, else nothing (the
 * request is unmatched). Families register before the server starts and never after, so lookups
 * need no locking.
 */
public final class Router {

    private final EndpointTable table;
    private final PathPatterns patterns;
    private final Handler generic;
    private final Map<String, Handler> handlers = new HashMap<>();

    /** A router over {@code table}, with {@code generic} answering every operation no family claims. */
    public Router(EndpointTable table, Handler generic) {
        this.table = table;
        this.patterns = new PathPatterns(table.patterns());
        this.generic = Objects.requireNonNull(generic);
    }

    /**
     * Registers a family's handler. The operation must be in the table: a family answers a real
     * PagerDuty operation or nothing.
     */
    public void register(String method, String pattern, Handler handler) {
        if (table.find(method, pattern) == null) {
            throw new IllegalArgumentException("not an operation of the endpoint table: " + method + " " + pattern);
        }
        handlers.put(method + " " + pattern, handler);
    }

    /** The routing result for a request. */
    public record Route(Operation operation, PathPatterns.Match match, Handler handler) {
    }

    /** The route for this method and decoded path, or {@code null} when no operation matches. */
    public Route route(String method, List<String> segments) {
        PathPatterns.Match m = patterns.match(segments);
        if (m == null) {
            return null;
        }
        Operation op = table.find(method, m.pattern());
        if (op == null) {
            return null;
        }
        Handler h = handlers.get(method + " " + m.pattern());
        return new Route(op, m, h != null ? h : generic);
    }

    /** The table this router serves. */
    public EndpointTable table() {
        return table;
    }
}
