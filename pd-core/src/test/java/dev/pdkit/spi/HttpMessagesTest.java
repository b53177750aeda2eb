package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request and response values core and transports exchange: immutable, with replayable bodies
 * that no caller can change behind their back, and checks that keep nonsense out of the port.
 */
class HttpMessagesTest {

    private static final URI USERS = URI.create("https://api.pagerduty.com/users?limit=25");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestKeepsWhatItWasBuiltWith() {
        HttpRequest r = HttpRequest.builder("post", USERS).header("Accept", "application/json")
                .body(bytes("{\"a\":1}")).timeout(Duration.ofSeconds(5)).build();

        assertEquals("POST", r.method(), "the method is upper-cased");
        assertEquals(USERS, r.uri());
        assertEquals(Headers.of("Accept", "application/json"), r.headers());
        assertArrayEquals(bytes("{\"a\":1}"), r.body());
        assertEquals(7, r.bodyLength());
        assertTrue(r.hasBody());
        assertEquals(Duration.ofSeconds(5), r.timeout());
        assertEquals("POST https://api.pagerduty.com/users?limit=25 {Accept=application/json} (7 bytes)", r.toString());
    }

    @Test
    void aRequestWithoutABodyHasAnEmptyOne() {
        for (HttpRequest r : List.of(HttpRequest.builder("GET", USERS).build(),
                HttpRequest.builder("GET", USERS).body(null).build(),
                HttpRequest.builder("GET", USERS).body(new byte[0]).build())) {
            assertFalse(r.hasBody());
            assertEquals(0, r.bodyLength());
            assertArrayEquals(new byte[0], r.body());
            assertEquals(0, r.bodyBuffer().remaining());
            assertNull(r.timeout(), "no timeout of its own: the transport's default applies");
            assertEquals("GET https://api.pagerduty.com/users?limit=25 {}", r.toString(), "no byte count");
        }
    }

    /** The body is replayed on every retry, so nobody may change it: not the builder's caller, nor a transport. */
    @Test
    void aRequestBodyCannotBeChangedFromOutside() {
        byte[] source = bytes("abc");
        HttpRequest r = HttpRequest.builder("PUT", USERS).body(source).build();
        source[0] = 'X';
        r.body()[1] = 'Y';

        assertArrayEquals(bytes("abc"), r.body());
        ByteBuffer view = r.bodyBuffer();
        assertEquals(3, view.remaining());
        assertEquals('a', view.get(0));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 'Z'));
    }

    @Test
    void toBuilderStartsFromEveryPartOfTheRequest() {
        HttpRequest r = HttpRequest.builder("PUT", USERS).header("From", "a@b.c").body(bytes("x"))
                .timeout(Duration.ofSeconds(3)).build();

        HttpRequest copy = r.toBuilder().build();
        HttpRequest changed = r.toBuilder().header("From", "d@e.f").build();

        assertEquals(r.toString(), copy.toString());
        assertArrayEquals(r.body(), copy.body());
        assertEquals(r.timeout(), copy.timeout());
        assertEquals("d@e.f", changed.headers().firstOrNull("from"));
        assertEquals("a@b.c", r.headers().firstOrNull("from"));
        assertEquals("PUT", changed.method());
        assertArrayEquals(bytes("x"), changed.body());
    }

    @Test
    void aRequestNeedsAnAbsoluteUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", URI.create("/users")).build());
        assertTrue(e.getMessage().contains("absolute"), e::getMessage);
        assertThrows(NullPointerException.class, () -> HttpRequest.builder("GET", null));
        assertThrows(NullPointerException.class, () -> HttpRequest.builder(null, USERS));
        assertThrows(NullPointerException.class, () -> HttpRequest.builder("GET", USERS).headers(null));
    }

    @ParameterizedTest(name = "timeout of {0} ms is refused")
    @ValueSource(longs = {0, -1})
    void aRequestTimeoutMustBePositive(long millis) {
        assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", USERS).timeout(Duration.ofMillis(millis)));
    }

    @Test
    void aNullRequestTimeoutMeansTheTransportsDefault() {
        HttpRequest r = HttpRequest.builder("GET", USERS).timeout(Duration.ofSeconds(1)).timeout(null).build();
        assertNull(r.timeout());
        assertEquals(Duration.ofNanos(1), HttpRequest.builder("GET", USERS).timeout(Duration.ofNanos(1)).build().timeout());
    }

    @Test
    void aResponseKeepsItsStatusHeadersAndBody() {
        Headers headers = Headers.of("Content-Type", "application/json");
        HttpResponse r = HttpResponse.of(201, headers, bytes("{}"));

        assertEquals(201, r.status());
        assertEquals(headers, r.headers());
        assertArrayEquals(bytes("{}"), r.body());
        assertEquals(2, r.bodyLength());
        assertEquals(2, r.bodyBuffer().remaining());
        assertEquals("HTTP 201 {Content-Type=application/json} (2 bytes)", r.toString());
    }

    @Test
    void aResponseWithoutABodyHasAnEmptyOne() {
        for (HttpResponse r : List.of(HttpResponse.of(204, Headers.empty(), null),
                HttpResponse.ofOwned(204, Headers.empty(), null), HttpResponse.of(204, Headers.empty(), new byte[0]))) {
            assertEquals(0, r.bodyLength());
            assertArrayEquals(new byte[0], r.body());
            assertEquals("HTTP 204 {} (0 bytes)", r.toString());
        }
    }

    @Test
    void aResponseBodyIsCopiedInAndOutExceptWhenOwned() {
        byte[] source = bytes("abc");
        HttpResponse copied = HttpResponse.of(200, Headers.empty(), source);
        HttpResponse owned = HttpResponse.ofOwned(200, Headers.empty(), source);
        source[0] = 'X';
        copied.body()[1] = 'Y';

        assertArrayEquals(bytes("abc"), copied.body());
        assertArrayEquals(bytes("Xbc"), owned.body(), "ofOwned takes the array as it is, without a copy");
        assertThrows(ReadOnlyBufferException.class, () -> copied.bodyBuffer().put(0, (byte) 'Z'));
    }

    /** Any three-digit status is a response, including ones HTTP doesn't define yet; nothing else is. */
    @ParameterizedTest(name = "status {0} is refused")
    @ValueSource(ints = {99, 1000, 0, -200})
    void aStatusOutsideThreeDigitsIsRefused(int status) {
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.of(status, Headers.empty(), null));
    }

    @ParameterizedTest(name = "status {0} is a response")
    @ValueSource(ints = {100, 999, 429})
    void everyThreeDigitStatusIsAResponse(int status) {
        assertEquals(status, HttpResponse.ofOwned(status, Headers.empty(), null).status());
    }

    @Test
    void aResponseNeedsHeaders() {
        assertThrows(NullPointerException.class, () -> HttpResponse.of(200, null, null));
    }
}
