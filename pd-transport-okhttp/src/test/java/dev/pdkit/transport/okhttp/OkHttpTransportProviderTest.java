package dev.pdkit.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OkHttpTransportProviderTest {

    @Test
    void serviceLoaderFindsTheProviderNamedOkhttp() {
        // The tests run inside this module, which (unlike pd-core) does not declare `uses`.
        OkHttpTransportProviderTest.class.getModule().addUses(TransportProvider.class);

        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("okhttp"))
                .collect(Collectors.toList());

        assertEquals(1, found.size(), found::toString);
        assertInstanceOf(OkHttpTransportProvider.class, found.get(0));
        assertEquals(200, found.get(0).priority());
    }

    @Test
    void createsAnOkHttpTransportWithTheOptions() {
        try (Transport transport = new OkHttpTransportProvider().create(TransportOptions.builder().userAgent("x/1").build())) {
            assertInstanceOf(OkHttpTransport.class, transport);
            assertEquals("okhttp", transport.name());
        }
    }

    @Test
    void classPathUsersFindItThroughMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + TransportProvider.class.getName();
        try (InputStream in = OkHttpTransportProvider.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            assertEquals(OkHttpTransportProvider.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
