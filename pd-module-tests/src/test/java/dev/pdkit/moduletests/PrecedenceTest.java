package dev.pdkit.moduletests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.TransportProvider;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The choice of adapter, with every adapter on the module path: explicit builder argument &gt;
 * {@code -Dpdkit.transport} / {@code -Dpdkit.json} &gt; highest priority &gt; an error naming the
 * artifacts.
 */
class PrecedenceTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("pdkit.transport");
        System.clearProperty("pdkit.json");
    }

    @Test
    void highestPriorityWinsWhenNothingIsChosen() {
        assertEquals("chosen transport=okhttp codec=jackson user=P1", ModulePathSmoke.chosen());
    }

    @Test
    void systemPropertyChoosesByNameIgnoringCase() {
        for (String name : new String[] {"jdk", "apache", "okhttp", "JDK"}) {
            System.setProperty("pdkit.transport", name);

            assertEquals("chosen transport=" + name.toLowerCase(java.util.Locale.ROOT) + " codec=jackson user=P1",
                    ModulePathSmoke.chosen(), name);
        }
        System.setProperty("pdkit.json", "jackson");
        System.setProperty("pdkit.transport", "apache");
        assertEquals("chosen transport=apache codec=jackson user=P1", ModulePathSmoke.chosen());
    }

    @Test
    void unknownTransportNameIsAnErrorNamingTheArtifacts() {
        System.setProperty("pdkit.transport", "nope");

        PdClientException e = assertThrows(PdClientException.class, ModulePathSmoke::chosen);

        assertTrue(e.getMessage().contains("pdkit.transport=nope"), e.getMessage());
        assertTrue(e.getMessage().contains("okhttp(200), apache(150), jdk(100)"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.pdkit:pd-transport-okhttp"), e.getMessage());
    }

    @Test
    void unknownCodecNameIsAnErrorNamingTheArtifact() {
        System.setProperty("pdkit.json", "gson");

        PdClientException e = assertThrows(PdClientException.class, ModulePathSmoke::chosen);

        assertTrue(e.getMessage().contains("pdkit.json=gson"), e.getMessage());
        assertTrue(e.getMessage().contains("dev.pdkit:pd-json-jackson"), e.getMessage());
    }

    @Test
    void explicitTransportWinsOverTheSystemProperty() throws IOException {
        System.setProperty("pdkit.transport", "nope");
        TransportProvider jdk = ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("jdk")).findFirst().orElseThrow();

        try (UsersServer server = UsersServer.start();
                Transport transport = jdk.create(TransportOptions.defaults());
                RestApiV2Client client = RestApiV2Client.builder("token").baseUrl(server.baseUrl()).transport(transport).build()) {
            Map<?, ?> user = (Map<?, ?>) client.rget("/users/P1");

            assertEquals("P1", user.get("id"));
            assertTrue(server.userAgents().get(0).contains("(transport jdk; codec jackson)"), server.userAgents()::toString);
        }
    }
}
