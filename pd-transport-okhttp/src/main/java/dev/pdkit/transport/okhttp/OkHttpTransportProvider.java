package dev.pdkit.transport.okhttp;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;

/**
 * The {@link TransportProvider} named {@code okhttp}, found through {@link java.util.ServiceLoader}
 * on the module path and the class path. It makes {@link OkHttpTransport}s, each on its own
 * {@link okhttp3.OkHttpClient}.
 *
 * <p>Its priority, 200, is above the JDK transport's 100 and the Apache transport's 150. Why: the
 * JDK transport is on every path as the fallback that needs nothing, so an application that added
 * {@code pd-transport-okhttp} did so on purpose and wants it chosen; and of the two optional
 * adapters OkHttp ranks first because it speaks HTTP/2 to PagerDuty (one multiplexed connection),
 * which Apache's classic API does not. {@code -Dpdkit.transport=NAME} or the client builder's
 * {@code transport(...)} overrides the ranking.
 *
 * <p>Stateless and thread-safe; constructing it does no work (OkHttp is not touched until
 * {@link #create} is called).
 */
public final class OkHttpTransportProvider implements TransportProvider {

    /** The rank of this provider; see the class comment. */
    static final int PRIORITY = 200;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public OkHttpTransportProvider() {
    }

    /**
     * Returns {@code okhttp}, the name to select with {@code -Dpdkit.transport=okhttp}.
     *
     * @return {@code okhttp}
     */
    @Override
    public String name() {
        return "okhttp";
    }

    /**
     * Returns 200: above {@code apache} (150) and {@code jdk} (100); see the class comment.
     *
     * @return the rank of this provider among those found
     */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Returns {@link OkHttpTransport#create(TransportOptions) OkHttpTransport.create(options)}.
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport that the caller owns and closes
     */
    @Override
    public Transport create(TransportOptions options) {
        return OkHttpTransport.create(options);
    }

    /**
     * Returns a short description naming the provider.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "OkHttpTransportProvider{name=okhttp, priority=" + PRIORITY + "}";
    }
}
