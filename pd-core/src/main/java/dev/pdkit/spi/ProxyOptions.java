package dev.pdkit.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy to send requests through, with optional Basic credentials.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 */
public final class ProxyOptions {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private ProxyOptions(String host, int port, String username, String password) {
        this.host = Objects.requireNonNull(host, "proxy host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range 1..65535: " + port);
        }
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** A proxy without credentials. */
    public static ProxyOptions of(String host, int port) {
        return new ProxyOptions(host, port, null, null);
    }

    /** Returns a copy that authenticates to the proxy with Basic credentials. */
    public ProxyOptions withCredentials(String username, String password) {
        return new ProxyOptions(host, port, Objects.requireNonNull(username, "proxy username"),
                Objects.requireNonNull(password, "proxy password"));
    }

    /** The proxy host name or address. */
    public String host() {
        return host;
    }

    /** The proxy port. */
    public int port() {
        return port;
    }

    /** The user name for proxy authentication, if any. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password for proxy authentication, if any. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyOptions p && p.host.equals(host) && p.port == port
                && Objects.equals(p.username, username) && Objects.equals(p.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username);
    }

    @Override
    public String toString() {
        return "ProxyOptions{" + host + ":" + port + (username == null ? "" : ", user=" + username + ", password=***") + "}";
    }
}
