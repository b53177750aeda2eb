package dev.pdkit.tests;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecProvider;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

/** Decodes JSON in tests with the codec found on the module path. */
final class Json {

    private static final JsonCodec CODEC = ServiceLoader.load(JsonCodecProvider.class).findFirst()
            .orElseThrow(() -> new IllegalStateException("no JSON codec on the test path")).create();

    private Json() {
    }

    static String write(Object tree) {
        return new String(CODEC.write(tree), StandardCharsets.UTF_8);
    }

    static Object parse(String json) {
        return CODEC.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
