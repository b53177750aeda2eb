package dev.pdkit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pdkit.spi.JsonCodecProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecProviderTest {

    @Test
    void serviceLoaderFindsTheJacksonProvider() {
        // The tests run inside dev.pdkit.json.jackson, which (being an adapter) declares no `uses`;
        // ServiceLoader refuses callers in a named module without one. Only pd-core really looks up.
        JacksonJsonCodecProviderTest.class.getModule().addUses(JsonCodecProvider.class);

        List<JsonCodecProvider> providers = ServiceLoader.load(JsonCodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jackson"))
                .collect(Collectors.toList());

        assertEquals(1, providers.size());
        JsonCodecProvider provider = providers.get(0);
        assertInstanceOf(JacksonJsonCodecProvider.class, provider);
        assertEquals(100, provider.priority());
        assertInstanceOf(JacksonJsonCodec.class, provider.create());
        assertEquals("jackson", provider.create().name());
    }

    @Test
    void classPathUsersFindTheProviderThroughMetaInfServices() throws IOException {
        try (InputStream in = JacksonJsonCodecProvider.class.getClassLoader()
                .getResourceAsStream("META-INF/services/dev.pdkit.spi.JsonCodecProvider")) {
            assertNotNull(in, "META-INF/services/dev.pdkit.spi.JsonCodecProvider is missing");
            assertEquals(JacksonJsonCodecProvider.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
