package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What a transport provider is handed: every setting read back as set, and the checks on each. */
class TransportOptionsTest {

    @Test
    void everySettingIsReadBackAndSurvivesToBuilder() {
        ProxyOptions proxy = ProxyOptions.of("proxy.example", 3128);
        TransportOptions options = TransportOptions.builder().connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(2)).proxy(proxy).userAgent("pdkit/1.0 (test)").maxResponseBytes(4096)
                .build();

        for (TransportOptions o : new TransportOptions[] {options, options.toBuilder().build()}) {
            assertEquals(Duration.ofSeconds(1), o.connectTimeout());
            assertEquals(Duration.ofSeconds(2), o.readTimeout());
            assertEquals(Optional.of(proxy), o.proxy());
            assertEquals("pdkit/1.0 (test)", o.userAgent());
            assertEquals(4096, o.maxResponseBytes());
            assertEquals("TransportOptions{connectTimeout=PT1S, readTimeout=PT2S, proxy=ProxyOptions{proxy.example:3128},"
                    + " userAgent=pdkit/1.0 (test), maxResponseBytes=4096}", o.toString());
        }
    }

    @Test
    void theDefaultsAreADirectConnectionAndTheTransportsOwnUserAgent() {
        TransportOptions defaults = TransportOptions.defaults();

        assertEquals(TransportOptions.DEFAULT_CONNECT_TIMEOUT, defaults.connectTimeout());
        assertEquals(TransportOptions.DEFAULT_READ_TIMEOUT, defaults.readTimeout());
        assertEquals(TransportOptions.DEFAULT_MAX_RESPONSE_BYTES, defaults.maxResponseBytes());
        assertEquals(Optional.empty(), defaults.proxy());
        assertNull(defaults.userAgent());
        assertNull(TransportOptions.builder().userAgent("x").userAgent(null).build().userAgent(), "null unsets it");
        assertEquals(Optional.empty(), defaults.toBuilder().proxy(ProxyOptions.of("p", 1)).proxy(null).build().proxy());
    }

    /** A User-Agent is a header value, so it follows the same rule as every header: no line breaks, no non-ASCII. */
    @Test
    void aUserAgentMustBeAValidHeaderValue() {
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().userAgent("pdkit\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().userAgent("pdkit/caf\u00e9"));
    }

    static Stream<Arguments> timeouts() {
        Function<Duration, TransportOptions.Builder> connect = d -> TransportOptions.builder().connectTimeout(d);
        Function<Duration, TransportOptions.Builder> read = d -> TransportOptions.builder().readTimeout(d);
        return Stream.of(Arguments.of("connectTimeout", connect), Arguments.of("readTimeout", read));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeouts")
    void aTimeoutMustBePositive(String name, Function<Duration, TransportOptions.Builder> setting) {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofNanos(-1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> setting.apply(bad));
            assertTrue(e.getMessage().startsWith(name + " must be positive"), e::getMessage);
        }
        NullPointerException e = assertThrows(NullPointerException.class, () -> setting.apply(null));
        assertEquals(name, e.getMessage());
        setting.apply(Duration.ofNanos(1));
    }

    @Test
    void theResponseLimitIsAtLeastOneByte() {
        assertEquals(1, TransportOptions.builder().maxResponseBytes(1).build().maxResponseBytes());
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().maxResponseBytes(0));
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().maxResponseBytes(-1));
    }

    @Test
    void aTooLargeResponseSaysWhichRequestAndWhichLimit() {
        ResponseTooLargeException e = new ResponseTooLargeException(1024, "GET https://api.pagerduty.com/users");

        assertEquals(1024, e.limit());
        assertTrue(e.getMessage().startsWith(
                "the response to GET https://api.pagerduty.com/users is longer than the limit of 1024 bytes"),
                e::getMessage);
    }
}
