package dev.pdkit.transport.apache;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;

/**
 * The {@link TransportProvider} named {@code apache}, found through {@link java.util.ServiceLoader}
 * on the module path and the class path. It makes {@link ApacheTransport}s, each on its own
 * {@code CloseableHttpClient}.
 *
 * <p>Its priority, 150, is above the JDK transport's 100 and below OkHttp's 200. Why: the JDK
 * transport is on every path as the fallback that needs nothing, so an application that added
 * {@code pd-transport-apache} did so on purpose and wants it chosen over the JDK; when OkHttp is
 * there too, OkHttp wins because it speaks HTTP/2 to PagerDuty, which Apache's classic API does
 * not. Distinct priorities keep the choice free of ties. {@code -Dpdkit.transport=apache} or the
 * client builder's {@code transport(...)} overrides the ranking.
 *
 * <p>Stateless and thread-safe; constructing it does no work (HttpClient is not touched until
 * {@link #create} is called).
 */
public final class ApacheTransportProvider implements TransportProvider {

    /** The rank of this provider; see the class comment. */
    static final int PRIORITY = 150;

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public ApacheTransportProvider() {
    }

    /**
     * Returns {@code apache}, the name to select with {@code -Dpdkit.transport=apache}.
     *
     * @return {@code apache}
     */
    @Override
    public String name() {
        return "apache";
    }

    /**
     * Returns 150: above {@code jdk} (100), below {@code okhttp} (200); see the class comment.
     *
     * @return the rank of this provider among those found
     */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * Returns {@link ApacheTransport#create(TransportOptions) ApacheTransport.create(options)}.
     *
     * @param options timeouts, proxy and User-Agent
     * @return a new transport that the caller owns and closes
     */
    @Override
    public Transport create(TransportOptions options) {
        return ApacheTransport.create(options);
    }

    /**
     * Returns a short description naming the provider.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ApacheTransportProvider{name=apache, priority=" + PRIORITY + "}";
    }
}
