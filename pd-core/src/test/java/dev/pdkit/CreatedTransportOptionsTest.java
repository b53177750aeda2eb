package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.TransportOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a client hands the transport it creates for itself (an explicit transport with these settings is refused). */
class CreatedTransportOptionsTest {

    @Test
    void theBuildersConnectionSettingsGoToTheCreatedTransport() {
        ProxyOptions proxy = ProxyOptions.of("proxy.example.com", 3128).withCredentials("me", "pr0xy-secret");
        RestApiV2ClientBuilder b = RestApiV2Client.builder("token").proxy(proxy).connectTimeout(Duration.ofSeconds(2))
                .timeout(Duration.ofSeconds(7)).maxResponseBytes(1024);
        TransportOptions options = ClientCore.transportOptions(b, "pdkit/test");
        assertEquals(Duration.ofSeconds(2), options.connectTimeout());
        assertEquals(Duration.ofSeconds(7), options.readTimeout());
        assertEquals("proxy.example.com", options.proxy().orElseThrow().host());
        assertEquals(1024, options.maxResponseBytes());
        assertEquals("pdkit/test", options.userAgent());
        assertFalse(options.toString().contains("pr0xy-secret"), options.toString());
    }

    @Test
    void withoutSettingsTheTransportGetsTheDefaults() {
        TransportOptions options = ClientCore.transportOptions(RestApiV2Client.builder("token"), "pdkit/test");
        assertEquals(TransportOptions.DEFAULT_CONNECT_TIMEOUT, options.connectTimeout());
        assertEquals(Duration.ofSeconds(10), options.connectTimeout());
        assertEquals(options.proxy(), java.util.Optional.empty());
    }
}
