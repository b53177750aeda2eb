package dev.pdkit.transport.jdk;

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

class JdkTransportProviderTest {

    @Test
    void serviceLoaderFindsTheProviderNamedJdk() {
        // The tests run inside this module, which (unlike pd-core) does not declare `uses`.
        JdkTransportProviderTest.class.getModule().addUses(TransportProvider.class);

        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jdk"))
                .collect(Collectors.toList());

        assertEquals(1, found.size(), found::toString);
        assertInstanceOf(JdkTransportProvider.class, found.get(0));
        assertEquals(100, found.get(0).priority());
    }

    @Test
    void createsAJdkTransportWithTheOptions() {
        TransportOptions options = TransportOptions.builder().userAgent("x/1").build();

        try (Transport transport = new JdkTransportProvider().create(options)) {
            assertInstanceOf(JdkTransport.class, transport);
            assertEquals("jdk", transport.name());
        }
    }

    @Test
    void classPathUsersFindItThroughMetaInfServices() throws IOException {
        String resource = "META-INF/services/" + TransportProvider.class.getName();
        try (InputStream in = JdkTransportProvider.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(JdkTransportProvider.class.getName(), content);
        }
    }
}
