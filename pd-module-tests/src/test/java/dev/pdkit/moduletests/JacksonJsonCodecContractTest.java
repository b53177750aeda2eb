package dev.pdkit.moduletests;

import dev.pdkit.spi.JsonCodec;
import dev.pdkit.spi.JsonCodecProvider;
import dev.pdkit.testkit.contract.JsonCodecContract;
import java.util.ServiceLoader;

/**
 * The Jackson codec, as ServiceLoader finds it on the module path, against the codec contract.
 *
 * <p>Why here and not in pd-json-jackson: pd-testkit depends on pd-json-jackson (its fake server
 * speaks JSON through it), so a test dependency the other way would be a cycle Maven refuses.
 */
class JacksonJsonCodecContractTest extends JsonCodecContract {

    @Override
    protected JsonCodec createCodec() {
        return ServiceLoader.load(JsonCodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jackson"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JsonCodecProvider named jackson"))
                .create();
    }
}
