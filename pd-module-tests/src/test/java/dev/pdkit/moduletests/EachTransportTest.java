package dev.pdkit.moduletests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A RestApiV2Client on each transport, found on the module path, performs a real request. */
class EachTransportTest {

    @Test
    void everyTransportServesRget() {
        assertEquals(List.of("ok apache P1 apache", "ok jdk P1 jdk", "ok okhttp P1 okhttp"), ModulePathSmoke.each());
    }

    @Test
    void rgetUnwrapsTheSameEntityOnEveryTransport() throws IOException {
        List<TransportProvider> providers = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        assertEquals(3, providers.size());
        Map<String, Object> expected = Map.of("id", "P1", "type", "user", "name", "Ann Example", "email", "ann@example.com",
                "summary", "Ann \u00c9xample \u260e", "time_zone", "Europe/Berlin");
        try (UsersServer server = UsersServer.start()) {
            for (TransportProvider provider : providers) {
                try (Transport transport = provider.create(TransportOptions.defaults());
                        RestApiV2Client client = RestApiV2Client.builder("token").baseUrl(server.baseUrl())
                                .transport(transport).build()) {
                    assertEquals(expected, client.rget("/users/P1"), provider.name());
                }
            }
            assertEquals(3, server.userAgents().size());
            assertTrue(server.userAgents().stream().allMatch(ua -> ua.startsWith("pdkit/")), server.userAgents()::toString);
        }
    }
}
