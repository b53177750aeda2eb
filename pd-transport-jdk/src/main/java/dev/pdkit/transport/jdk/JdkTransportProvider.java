package dev.pdkit.transport.jdk;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;

/**
 * The {@link TransportProvider} named {@code jdk}, found through {@link java.util.ServiceLoader} on
 * the module path and the class path. It makes {@link JdkTransport}s, each on its own
 * {@link java.net.http.HttpClient}.
 *
 * <p>Stateless and thread-safe; constructing it does no work.
 */
public final class JdkTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public JdkTransportProvider() {
    }

    /**
     * Returns {@code jdk}, the name to select with {@code -Dpdkit.transport=jdk}.
     *
     * @return {@code jdk}
     */
    @Override
    public String name() {
        return "jdk";
    }

    /**
     * Returns 100, the rank of the default transport, which needs nothing beyond the JDK.
     *
     * @return the rank of this provider among those found
     */
    @Override
    public int priority() {
        return 100;
    }

    /**
     * Returns {@link JdkTransport#create(TransportOptions) JdkTransport.create(options)}.
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport that the caller owns and closes
     */
    @Override
    public Transport create(TransportOptions options) {
        return JdkTransport.create(options);
    }

    /**
     * Returns a short description naming the provider.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "JdkTransportProvider{name=jdk, priority=100}";
    }
}
