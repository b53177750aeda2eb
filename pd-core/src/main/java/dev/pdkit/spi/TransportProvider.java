package dev.pdkit.spi;

/**
 * A factory of {@link Transport}s found through {@link java.util.ServiceLoader}. Adapters declare
 * it with {@code provides} in their {@code module-info} and in
 * {@code META-INF/services/dev.pdkit.spi.TransportProvider} for class-path users.
 *
 * <p>Implementations MUST have a public no-argument constructor, MUST be thread-safe, and SHOULD do
 * no work until {@link #create} is called.
 */
public interface TransportProvider {

    /** The stable name users select with {@code -Dpdkit.transport=NAME}, e.g. {@code jdk}. */
    String name();

    /** The rank among providers found; the highest wins when nothing is chosen explicitly. */
    int priority();

    /** Creates a new transport that the caller owns and closes. */
    Transport create(TransportOptions options);
}
