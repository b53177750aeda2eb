package dev.pdkit.testkit.server;

import dev.pdkit.testkit.rest.Call;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Scheduled faults: each rule applies to the next {@code times} requests that match its method
 * and path pattern, then disappears. The earliest added matching rule wins. Thread-safe.
 */
public final class Faults {

    private static final class Rule {
        final FaultSpec fault;
        final String method;
        final Pattern path;
        int remaining;

        Rule(FaultSpec fault, int times, String method, Pattern path) {
            this.fault = fault;
            this.remaining = times;
            this.method = method;
            this.path = path;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /**
     * Schedules a fault.
     *
     * @param fault the fault
     * @param times how many matching requests get it (at least 1)
     * @param method the method to match, or {@code null} for any
     * @param path a regular expression the whole decoded path must match, or {@code null} for any
     */
    public synchronized void add(FaultSpec fault, int times, String method, Pattern path) {
        rules.add(new Rule(fault, times, method, path));
    }

    /** Takes the fault for this request, if a rule matches; {@code null} otherwise. */
    public synchronized FaultSpec take(Call call) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext();) {
            Rule r = it.next();
            if ((r.method == null || r.method.equalsIgnoreCase(call.method()))
                    && (r.path == null || r.path.matcher(call.path()).matches())) {
                if (--r.remaining <= 0) {
                    it.remove();
                }
                return r.fault;
            }
        }
        return null;
    }

    /** Removes every scheduled fault. */
    public synchronized void clear() {
        rules.clear();
    }
}
