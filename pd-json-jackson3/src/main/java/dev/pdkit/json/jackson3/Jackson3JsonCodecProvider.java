package dev.pdkit.json.jackson3;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecProvider;

/**
 * Makes {@link Jackson3JsonCodec} discoverable through {@link java.util.ServiceLoader}, under the
 * name {@code jackson3}. When pdkit's Jackson 2 codec ({@code jackson}, priority 100) is found too,
 * that one stays the default; choose this one with {@code -Dpdkit.json=jackson3} or the client
 * builder's {@code json(Jackson3JsonCodec.create())}. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Jackson3JsonCodecProvider implements JsonCodecProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. Does no work. */
    public Jackson3JsonCodecProvider() {
    }

    /**
     * Returns {@code jackson3}.
     *
     * @return the provider's name
     */
    @Override
    public String name() {
        return "jackson3";
    }

    /**
     * Returns 90: below pdkit's Jackson 2 codec, which stays the default when both are present.
     *
     * @return the priority
     */
    @Override
    public int priority() {
        return 90;
    }

    /**
     * Returns a new codec with pdkit's default mapper, as {@link Jackson3JsonCodec#create()}.
     *
     * @return the codec
     */
    @Override
    public JsonCodec create() {
        return Jackson3JsonCodec.create();
    }
}
