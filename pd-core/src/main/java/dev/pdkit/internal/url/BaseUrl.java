package dev.pdkit.internal.url;

import dev.pdkit.PdUrlException;
import dev.pdkit.Resources;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A client's API root and the rules for what may be sent under it.
 *
 * <p>Why not pdpyras' string-prefix check: it accepts {@code https://api.pagerduty.com.evil.com/x}
 * and would send the token there. Here a full URL must have the base URL's scheme, host and
 * effective port, and a path under its path. Plain {@code http} is allowed only to loopback hosts,
 * so a fake server in a test works and a token never crosses a network unencrypted.
 */
public final class BaseUrl {

    private final URI root;
    private final String scheme;
    private final String host;
    private final int port;
    /** The root's path without a trailing slash; "" for a bare host. */
    private final String path;

    private BaseUrl(URI root) {
        this.root = root;
        this.scheme = root.getScheme().toLowerCase(Locale.ROOT);
        this.host = root.getHost().toLowerCase(Locale.ROOT);
        this.port = effectivePort(scheme, root.getPort());
        // A URI with a host is hierarchical: its path is defined, "" or starting with "/".
        String p = root.getRawPath();
        this.path = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * Parses and checks a base URL such as {@code https://api.pagerduty.com}.
     *
     * @throws PdUrlException if it is not an absolute https URL (or http to a loopback host), or
     *     carries a query, fragment or user info
     */
    public static BaseUrl parse(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new PdUrlException("API base URL is empty");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new PdUrlException("API base URL '" + baseUrl + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new PdUrlException("API base URL '" + baseUrl + "' must be an absolute https:// URL");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new PdUrlException("API base URL '" + baseUrl
                    + "' uses plain http, which is allowed only for loopback hosts (127.0.0.1, ::1, localhost);"
                    + " use https");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new PdUrlException("API base URL '" + baseUrl + "' must not carry a query, fragment or user info");
        }
        return new BaseUrl(uri);
    }

    /** The base URL as given, without a trailing slash. */
    public String asString() {
        String s = root.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Resolves a path relative to the API root (with or without a leading slash, optionally with a
     * query string) or a full URL under this base, to an absolute URI.
     *
     * @throws PdUrlException if the value is empty, not a URL, or points anywhere else
     */
    public URI resolve(String urlOrPath) {
        if (urlOrPath == null || urlOrPath.isBlank()) {
            throw new PdUrlException("URL or path is empty");
        }
        String value = urlOrPath.trim();
        if (hasScheme(value) || value.startsWith("//")) {
            return checkFullUrl(value);
        }
        String relative = value.startsWith("/") ? value : "/" + value;
        try {
            return new URI(asString() + relative);
        } catch (URISyntaxException e) {
            throw new PdUrlException("path '" + urlOrPath + "' is not a valid URL path: " + e.getReason()
                    + " (percent-encode special characters, or pass values as query parameters)");
        }
    }

    /**
     * Returns the path of {@code uri} relative to the API root, starting with "/", without the query:
     * what the canonical-path matcher and the statistics use.
     */
    public String apiPath(URI uri) {
        String p = uri.getRawPath() == null ? "" : uri.getRawPath();
        String rel = p.startsWith(path) ? p.substring(path.length()) : p;
        return rel.isEmpty() ? "/" : rel;
    }

    /** Resolves the {@code self} link of a resource map. */
    public URI resolveResource(Map<?, ?> resource) {
        return resolve(Resources.selfUrl(resource));
    }

    private URI checkFullUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new PdUrlException("URL '" + value + "' is not valid: " + e.getReason());
        }
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean sameOrigin = s.equals(scheme) && h.equals(host) && effectivePort(s, uri.getPort()) == port
                && uri.getRawUserInfo() == null;
        // Same origin means a host, so a defined path: the root's path itself or a path below it.
        if (!sameOrigin || !(uri.getRawPath() + "/").startsWith(path + "/")) {
            throw new PdUrlException("URL '" + value + "' is not under the API base URL " + asString()
                    + ": the client only sends its credentials to its own API host");
        }
        return uri;
    }

    /** True when {@code value} starts with a scheme (RFC 3986: a letter, then letters, digits, + - .) and a colon. */
    private static boolean hasScheme(String value) {
        if (!Character.isLetter(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':') {
                return true;
            }
            // "users/P1:x" has a colon, but a slash before it: a path.
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return false;
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -1;
    }

    /**
     * True for {@code localhost} and for loopback addresses written as literals: IPv4
     * {@code 127.0.0.0/8} in dotted decimal, and IPv6 {@code ::1} in any of its spellings. Never
     * resolves a name: a name that resolves to 127.0.0.1 today may resolve elsewhere tomorrow (DNS
     * rebinding), and plain http would then carry the token across a network.
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            return isIpv6Loopback(h.substring(1, h.length() - 1));
        }
        return h.equals("localhost") || isIpv4Loopback(h) || isIpv6Loopback(h);
    }

    /** Four decimal octets of 0..255 without leading zeros (which some resolvers read as octal), the first 127. */
    private static boolean isIpv4Loopback(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    /** {@code ::1}: eight 16-bit groups, "::" standing for a run of zero groups, all zero but the last, 1. */
    private static boolean isIpv6Loopback(String h) {
        // A second "::" leaves an empty group (":::1", "::1::", "1::2::3"), which group() refuses.
        int gap = h.indexOf("::");
        String[] head = gap < 0 ? h.split(":", -1) : split(h.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(h.substring(gap + 2));
        int groups = head.length + tail.length;
        if (gap < 0 ? groups != 8 : groups > 7) {
            return false;
        }
        int[] values = new int[8];
        for (int i = 0; i < head.length; i++) {
            values[i] = group(head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            values[8 - tail.length + i] = group(tail[i]);
        }
        for (int i = 0; i < 7; i++) {
            if (values[i] != 0) {
                return false;
            }
        }
        return values[7] == 1;
    }

    private static String[] split(String groups) {
        return groups.isEmpty() ? new String[0] : groups.split(":", -1);
    }

    /** The value of one group of one to four hex digits; -1 if it is not one. */
    private static int group(String g) {
        if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return -1;
        }
        return Integer.parseInt(g, 16);
    }

    @Override
    public String toString() {
        return asString();
    }
}
