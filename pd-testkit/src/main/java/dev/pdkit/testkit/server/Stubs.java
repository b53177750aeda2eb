package dev.pdkit.testkit.server;

import dev.pdkit.testkit.rest.Call;
import dev.pdkit.testkit.rest.Reply;
import dev.pdkit.testkit.routing.PathPatterns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ad-hoc routes a test adds: a method and a path (segments such as {@code {id}} match any one
 * segment) answered with a fixed status and body, before authentication and the real handlers.
 * The latest stub for a route wins. Thread-safe.
 */
public final class Stubs {

    private record Stub(String method, List<String> segments, int status, byte[] body) {
        boolean matches(Call call) {
            if (!method.equals(call.method()) || segments.size() != call.segments().size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!PathPatterns.isParam(segments.get(i)) && !segments.get(i).equals(call.segments().get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Stub> stubs = new ArrayList<>();

    /** Adds a stub; {@code body} is sent as it is (JSON), {@code null} or empty sends none. */
    public synchronized void add(String method, String path, int status, String body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        stubs.add(new Stub(method.toUpperCase(Locale.ROOT), PathPatterns.split(path), status,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The stubbed reply for this request, or {@code null}. */
    public synchronized Reply match(Call call) {
        for (int i = stubs.size() - 1; i >= 0; i--) {
            Stub s = stubs.get(i);
            if (s.matches(call)) {
                return new Reply(s.status, s.body, Map.of(), Reply.Delivery.NORMAL, false);
            }
        }
        return null;
    }

    /** Removes every stub. */
    public synchronized void clear() {
        stubs.clear();
    }
}
