package dev.pdkit.bench.macro;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags of the macro benchmarks: {@code --name value}, {@code --name=value} and bare
 * switches such as {@code --quick}. Each setting has a full and a quick default, so one flag shrinks
 * a whole benchmark and another overrides a single setting.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    private Args() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException for an argument that is not a {@code --flag}
     */
    public static Args parse(String... args) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --flag, found " + arg + " in " + Arrays.toString(args));
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                a.values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                a.values.put(name, args[++i]);
            } else {
                a.switches.add(name);
            }
        }
        return a;
    }

    /** Whether {@code --quick} was given: the smallest configuration, for smoke tests. */
    public boolean quick() {
        return switches.contains("quick");
    }

    /** Whether a bare switch was given. */
    public boolean has(String name) {
        return switches.contains(name) || values.containsKey(name);
    }

    /** An integer setting: the flag's value, else the quick or full default. */
    public int integer(String name, int full, int quick) {
        String v = values.get(name);
        return v != null ? Integer.parseInt(v.replace("_", "")) : quick() ? quick : full;
    }

    /** A text setting: the flag's value, else the quick or full default. */
    public String text(String name, String full, String quick) {
        String v = values.get(name);
        return v != null ? v : quick() ? quick : full;
    }

    /** A comma-separated list setting. */
    public List<String> list(String name, String full, String quick) {
        return List.of(text(name, full, quick).split(","));
    }
}
