package dev.pdkit.json.jackson;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecProvider;

/**
 * Makes {@link JacksonJsonCodec} discoverable through {@link java.util.ServiceLoader}, under the name
 * {@code jackson} (select it with {@code -Dpdkit.json=jackson}). Stateless and thread-safe.
 */
public final class JacksonJsonCodecProvider implements JsonCodecProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. Does no work. */
    public JacksonJsonCodecProvider() {
    }

    /** Returns {@code jackson}. */
    @Override
    public String name() {
        return "jackson";
    }

    /** Returns 100. */
    @Override
    public int priority() {
        return 100;
    }

    /** Returns a new codec with pdkit's default {@code ObjectMapper}, as {@link JacksonJsonCodec#create()}. */
    @Override
    public JsonCodec create() {
        return JacksonJsonCodec.create();
    }
}
