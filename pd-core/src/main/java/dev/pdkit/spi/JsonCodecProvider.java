package dev.pdkit.spi;

/**
 * A factory of {@link JsonCodec}s found through {@link java.util.ServiceLoader}; declared like
 * {@link TransportProvider}. Implementations MUST have a public no-argument constructor.
 */
public interface JsonCodecProvider {

    /** The stable name users select with {@code -Dpdkit.json=NAME}, e.g. {@code jackson}. */
    String name();

    /** The rank among providers found; the highest wins when nothing is chosen explicitly. */
    int priority();

    /** Creates a codec. */
    JsonCodec create();
}
