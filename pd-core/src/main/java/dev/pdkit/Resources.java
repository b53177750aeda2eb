package dev.pdkit;

import java.util.Map;

/**
 * Helpers for PagerDuty's resource records as the client returns them.
 *
 * <p>pdpyras accepts a resource dict wherever it takes a URL and uses its {@code self} link; in
 * pdkit every method takes the URL as a {@code String}, and {@link #selfUrl} turns a record into
 * one, so a record works with every method, view and option without an overload each:
 *
 * <pre>{@code
 * Map<String, Object> user = client.find("users", "jane@example.com", "email").orElseThrow();
 * client.rput(Resources.selfUrl(user), Map.of("time_zone", "Europe/Paris"));
 * }</pre>
 */
public final class Resources {

    private Resources() {
    }

    /**
     * The {@code self} link of a resource record, e.g.
     * {@code https://api.pagerduty.com/users/PABC123}. The client still checks, when it is used,
     * that the link is under its base URL.
     *
     * @param resource a record with a {@code self} property, such as one {@code rget} or
     *     {@code iterAll} returned
     * @return its {@code self} link
     * @throws PdUrlException if the record has no non-blank text {@code self}
     */
    public static String selfUrl(Map<?, ?> resource) {
        Object self = resource == null ? null : resource.get("self");
        if (!(self instanceof String s) || s.isBlank()) {
            throw new PdUrlException("resource has no 'self' link to address it by"
                    + (resource == null ? "" : " (keys: " + resource.keySet() + ")")
                    + "; pass a path such as \"/users/PABC123\" instead");
        }
        return s;
    }
}
