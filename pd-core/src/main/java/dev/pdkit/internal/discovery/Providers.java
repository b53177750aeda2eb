package dev.pdkit.internal.discovery;

import dev.pdkit.PdClientException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Chooses one provider of a service port, deterministically.
 *
 * <p>Precedence: the system property (a provider name) &gt; the highest {@code priority()} found,
 * ties broken by name &gt; an error that names the artifacts to add. A provider jar that fails to
 * load is logged and skipped, so one broken jar never hides the others.
 *
 * @param <P> the provider type
 */
public final class Providers<P> {

    private static final System.Logger LOG = System.getLogger("dev.pdkit.discovery");

    /** The last choice logged per property: a choice is logged once, not on every client build. */
    private static final java.util.concurrent.ConcurrentMap<String, String> LOGGED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Class<P> type;
    private final String what;
    private final String property;
    private final String artifacts;
    private final Function<P, String> name;
    private final ToIntFunction<P> priority;
    private final Supplier<Iterable<P>> loader;
    private final System.Logger log;

    /**
     * @param type the provider interface
     * @param what a noun for messages, e.g. "transport"
     * @param property the system property that selects a provider by name
     * @param artifacts the artifacts to suggest when none is found
     * @param name reads a provider's name
     * @param priority reads a provider's priority
     * @param loader yields the candidates; {@code ServiceLoader} in production, a list in tests
     */
    public Providers(Class<P> type, String what, String property, String artifacts,
            Function<P, String> name, ToIntFunction<P> priority, Supplier<Iterable<P>> loader) {
        this(type, what, property, artifacts, name, priority, loader, LOG);
    }

    /** As the public constructor, logging to {@code log}: tests read what discovery reports. */
    Providers(Class<P> type, String what, String property, String artifacts, Function<P, String> name,
            ToIntFunction<P> priority, Supplier<Iterable<P>> loader, System.Logger log) {
        this.type = type;
        this.what = what;
        this.property = property;
        this.artifacts = artifacts;
        this.name = name;
        this.priority = priority;
        this.loader = loader;
        this.log = log;
    }

    /** A loader over {@link ServiceLoader}. Why a supplier: each client build looks again, so tests can swap jars. */
    public static <P> Supplier<Iterable<P>> serviceLoader(Class<P> type) {
        return () -> ServiceLoader.load(type, Providers.class.getClassLoader());
    }

    /** Returns every provider that loads, skipping (and logging) those that fail. */
    public List<P> available() {
        List<P> found = new ArrayList<>();
        Iterator<P> it = loader.get().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError broken) {
                log.log(Level.WARNING, "Skipping a " + what + " provider that failed to load: " + broken);
            }
        }
        found.sort(Comparator.comparingInt(priority).reversed().thenComparing(name));
        return found;
    }

    /**
     * Chooses the provider: the one named by the system property when set, else the highest priority.
     *
     * @throws PdClientException when none is found, or the property names one that isn't there
     */
    public P choose() {
        List<P> found = available();
        String wanted = System.getProperty(property);
        if (wanted != null && !wanted.isBlank()) {
            for (P p : found) {
                if (name.apply(p).equalsIgnoreCase(wanted.trim())) {
                    log.log(Level.DEBUG, () -> "Using " + what + " '" + name.apply(p) + "' chosen by -D" + property);
                    return p;
                }
            }
            throw new PdClientException("System property " + property + "=" + wanted + " names no " + what
                    + " on the class or module path; found: " + names(found) + ". Add the artifact for '"
                    + wanted + "' (" + artifacts + ") or remove the property.");
        }
        if (found.isEmpty()) {
            throw new PdClientException("No pdkit " + what + " found on the class or module path (no "
                    + type.getName() + " provider). Add one of " + artifacts + ", or pass one to the client"
                    + " builder's " + what + "(...) method.");
        }
        P chosen = found.get(0);
        String decision = name.apply(chosen) + " of " + names(found);
        if (decision.equals(LOGGED.put(property, decision))) {
            return chosen;
        }
        if (found.size() > 1 && priority.applyAsInt(found.get(1)) == priority.applyAsInt(chosen)) {
            log.log(Level.DEBUG, () -> what + " providers " + names(found) + " share the top priority; '"
                    + name.apply(chosen) + "' wins by name. Set -D" + property + "=NAME to choose.");
        }
        log.log(Level.DEBUG, () -> "Using " + what + " " + decision);
        return chosen;
    }

    private String names(List<P> found) {
        return found.stream().map(p -> name.apply(p) + "(" + priority.applyAsInt(p) + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
