package dev.pdkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The value a {@link RequestListener} gets: consistent by construction, and safe to print. */
class RequestEventTest {

    private static final URI URL = URI.create("https://api.pagerduty.com/users/P1");

    private static RequestEvent answered(int attempt, int status, Duration wait, boolean again) {
        return new RequestEvent("GET /users/{id}", "GET", URL, attempt, OptionalInt.of(status), Optional.empty(),
                Duration.ofMillis(12), wait, again);
    }

    @Test
    void itReadsAsOneLine() {
        assertEquals("GET /users/{id} attempt 1: 503 in 12 ms, retrying in 2000 ms (https://api.pagerduty.com/users/P1)",
                answered(1, 503, Duration.ofSeconds(2), true).toString());
        assertEquals("GET /users/{id} attempt 2: 200 in 12 ms (https://api.pagerduty.com/users/P1)",
                answered(2, 200, Duration.ZERO, false).toString());
        RequestEvent failed = new RequestEvent("POST /v2/enqueue", "POST", URI.create("https://events.pagerduty.com/v2/enqueue"),
                1, OptionalInt.empty(), Optional.of(new ConnectException("Connection refused")), Duration.ofMillis(3),
                Duration.ZERO, true);
        assertEquals("POST /v2/enqueue attempt 1: ConnectException: Connection refused in 3 ms, retrying in 0 ms"
                + " (https://events.pagerduty.com/v2/enqueue)", failed.toString());
    }

    @Test
    void equalEventsAreEqual() {
        assertEquals(answered(1, 200, Duration.ZERO, false), answered(1, 200, Duration.ZERO, false));
        assertEquals(answered(1, 200, Duration.ZERO, false).hashCode(), answered(1, 200, Duration.ZERO, false).hashCode());
    }

    @Test
    void inconsistentEventsAreRefused() {
        Optional<Exception> none = Optional.empty();
        OptionalInt ok = OptionalInt.of(200);
        Duration d = Duration.ZERO;
        assertThrows(IllegalArgumentException.class, () -> answered(0, 200, d, false), "attempts count from 1");
        assertThrows(IllegalArgumentException.class, () -> answered(1, 200, Duration.ofSeconds(1), false),
                "a wait without a next attempt");
        assertThrows(IllegalArgumentException.class, () -> answered(1, 503, Duration.ofSeconds(-1), true));
        assertThrows(IllegalArgumentException.class, () -> new RequestEvent("GET /users", "GET", URL, 1,
                OptionalInt.empty(), none, d, d, false), "neither a status nor a failure");
        assertThrows(IllegalArgumentException.class, () -> new RequestEvent("GET /users", "GET", URL, 1, ok,
                Optional.of(new IOException("x")), d, d, false), "both a status and a failure");
        assertThrows(IllegalArgumentException.class, () -> new RequestEvent("GET /users", "GET", URL, 1, ok, none,
                Duration.ofMillis(-1), d, false), "a negative duration");
        for (String url : new String[] {"https://api.pagerduty.com/users?limit=1", "https://api.pagerduty.com/users#x",
                "https://u:p@api.pagerduty.com/users", "/users"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RequestEvent("GET /users", "GET", URI.create(url), 1, ok, none, d, d, false), url);
            assertTrue(!e.getMessage().contains("u:p") && !e.getMessage().contains("limit"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> new RequestEvent(null, "GET", URL, 1, ok, none, d, d, false));
        assertThrows(NullPointerException.class, () -> new RequestEvent("GET /users", "GET", URL, 1, null, none, d, d,
                false));
    }
}
