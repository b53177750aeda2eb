package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The proxy and transport options: their checks, and that no password ever shows. */
class ProxyOptionsTest {

    @Test
    void aProxyWithoutCredentials() {
        ProxyOptions proxy = ProxyOptions.of("proxy.example", 3128);

        assertEquals("proxy.example", proxy.host());
        assertEquals(3128, proxy.port());
        assertEquals(Optional.empty(), proxy.username());
        assertEquals(Optional.empty(), proxy.password());
        assertEquals("ProxyOptions{proxy.example:3128}", proxy.toString());
    }

    @Test
    void credentialsAreKeptAndThePasswordNeverShown() {
        ProxyOptions proxy = ProxyOptions.of("proxy.example", 3128).withCredentials("ops", "s3cret-pw");

        assertEquals(Optional.of("ops"), proxy.username());
        assertEquals(Optional.of("s3cret-pw"), proxy.password());
        assertEquals("ProxyOptions{proxy.example:3128, user=ops, password=***}", proxy.toString());
        String options = TransportOptions.builder().proxy(proxy).build().toString();
        assertFalse(options.contains("s3cret-pw"), options);
        assertTrue(options.contains("user=ops"), options);
    }

    @Test
    void equalityCoversEveryField() {
        ProxyOptions base = ProxyOptions.of("p", 1).withCredentials("u", "a");

        assertEquals(base, ProxyOptions.of("p", 1).withCredentials("u", "a"));
        assertEquals(base.hashCode(), ProxyOptions.of("p", 1).withCredentials("u", "a").hashCode());
        assertNotEquals(base, ProxyOptions.of("p", 1).withCredentials("u", "b"));
        assertNotEquals(base, ProxyOptions.of("p", 1).withCredentials("v", "a"));
        assertNotEquals(base, ProxyOptions.of("p", 2).withCredentials("u", "a"));
        assertNotEquals(base, ProxyOptions.of("q", 1).withCredentials("u", "a"));
        assertNotEquals(base, ProxyOptions.of("p", 1));
        assertNotEquals(base, "p:1");
    }

    /** The hash covers host, port and user, so that proxies kept in a hash map or set spread. */
    @Test
    void theHashCodeDependsOnHostPortAndUser() {
        Set<Integer> hashes = Set.of(
                ProxyOptions.of("p", 1).hashCode(),
                ProxyOptions.of("q", 1).hashCode(),
                ProxyOptions.of("p", 2).hashCode(),
                ProxyOptions.of("p", 1).withCredentials("u", "a").hashCode());
        assertEquals(4, hashes.size());
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(NullPointerException.class, () -> ProxyOptions.of(null, 1));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.of(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.of("p", 0));
        assertThrows(IllegalArgumentException.class, () -> ProxyOptions.of("p", 65536));
        assertEquals(65535, ProxyOptions.of("p", 65535).port());
        assertEquals(1, ProxyOptions.of("p", 1).port());
        assertThrows(NullPointerException.class, () -> ProxyOptions.of("p", 1).withCredentials(null, "x"));
        assertThrows(NullPointerException.class, () -> ProxyOptions.of("p", 1).withCredentials("u", null));
    }

    @Test
    void transportOptionsHaveDefaultsAndCheckTheirValues() {
        TransportOptions defaults = TransportOptions.defaults();
        assertEquals(Duration.ofSeconds(10), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(60), defaults.readTimeout());
        assertEquals(64L * 1024 * 1024, defaults.maxResponseBytes());
        assertEquals(Optional.empty(), defaults.proxy());

        TransportOptions custom = TransportOptions.builder().connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(2)).maxResponseBytes(1).userAgent("ua/1").build();
        TransportOptions copy = custom.toBuilder().build();
        assertEquals(custom.toString(), copy.toString());
        assertEquals(1, copy.maxResponseBytes());
        assertEquals("ua/1", copy.userAgent());

        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().maxResponseBytes(0));
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().readTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().connectTimeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> TransportOptions.builder().readTimeout(null));
    }
}
