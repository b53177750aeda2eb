package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ClientStats;
import dev.pdkit.PdClientException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What leaves a call when the attempt fails in other ways than a status: interrupts (which the
 * thread's flag, not the exception's type, identifies), timeouts that look like interrupts,
 * transports that break the port's rules with unchecked or undeclared exceptions, bodies over the
 * size limit; and how failed attempts are counted. Only {@code PdClientException}s (and an
 * {@code IllegalArgumentException} for a request the transport cannot express) may leave.
 */
class RequestFailuresTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void clearTheFlag() {
        // A failed assertion must not leave the flag to the next test.
        Thread.interrupted();
    }

    private RestApiV2Client client() {
        return RestApiV2Client.builder("u+Test0Token0Value").baseUrl("http://127.0.0.1:9").transport(transport)
                .sleeper(sleeper).sleepTimer(1).build();
    }

    private static HttpResponse ok(String body) {
        return HttpResponse.of(200, Headers.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTimeoutThatLooksLikeAnInterruptIsANetworkFailureAndNeverSetsTheFlag() {
        // OkHttp's call timeout throws a bare InterruptedIOException("timeout") on a thread nobody interrupted.
        transport.fail(new InterruptedIOException("timeout"), 2).then(r -> ok("{\"users\":[]}"));
        try (RestApiV2Client client = client()) {
            assertEquals(200, client.get("/users").status());
        }
        assertEquals(3, transport.requests.size(), "retried as a network failure");
        assertFalse(Thread.currentThread().isInterrupted(), "nobody interrupted this thread");
    }

    @Test
    void aTimeoutThatLooksLikeAnInterruptIsNotRetriedForAPost() {
        transport.fail(new InterruptedIOException("timeout"), 1);
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.request("POST", "/teams", Map.of("a", 1)));
            assertTrue(e.getMessage().contains("may have reached the server"), e::getMessage);
        }
        assertEquals(1, transport.requests.size());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void anInterruptDuringTheAttemptStopsTheCallAndKeepsTheFlag() {
        transport.then(r -> {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertTrue(e.getMessage().endsWith("interrupted (the thread's interrupt flag is set)"), e::getMessage);
        }
        assertTrue(Thread.interrupted(), "the flag is still set");
        assertEquals(1, transport.requests.size(), "no retry after an interrupt");
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void anInterruptedThreadSendsNothing() {
        Thread.currentThread().interrupt();
        try (RestApiV2Client client = client()) {
            assertThrows(PdClientException.class, () -> client.get("/users"));
        }
        assertTrue(Thread.interrupted(), "the flag is still set");
        assertEquals(0, transport.requests.size());
    }

    @Test
    void aFailureOfAnyTypeWhileTheFlagIsSetIsAnInterrupt() {
        transport.then(r -> {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("read timed out");
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
        }
        assertTrue(Thread.interrupted());
        assertEquals(1, transport.requests.size());
    }

    @Test
    void anUndeclaredInterruptedExceptionBecomesAnInterruptedPdClientException() {
        // OkHttp (Kotlin) can throw InterruptedException from a method that does not declare it.
        InterruptedException thrown = new InterruptedException("sneaky");
        transport.then(r -> {
            throw thrown;
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertSame(thrown, e.getCause());
        }
        assertTrue(Thread.interrupted(), "an InterruptedException means this thread was interrupted");
    }

    @Test
    void aLibrarysUncheckedExceptionBecomesAPdClientException() {
        // Apache HttpClient throws CancellationException when its connection lease is cancelled.
        CancellationException thrown = new CancellationException("Operation aborted");
        transport.then(r -> {
            throw thrown;
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertSame(thrown, e.getCause());
            assertTrue(e.getMessage().contains("the scripted transport failed"), e::getMessage);
        }
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(1, transport.requests.size(), "a broken transport is not retried");
    }

    @Test
    void aLibrarysUncheckedExceptionOnAnInterruptedThreadIsAnInterrupt() {
        transport.then(r -> {
            Thread.currentThread().interrupt();
            throw new CancellationException("Operation aborted");
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertTrue(e.getMessage().contains("interrupted"), e::getMessage);
        }
        assertTrue(Thread.interrupted());
    }

    @Test
    void aRequestTheTransportCannotExpressIsAnIllegalArgument() {
        IllegalArgumentException thrown = new IllegalArgumentException("OkHttp cannot send a body with GET");
        transport.then(r -> {
            throw thrown;
        });
        try (RestApiV2Client client = client()) {
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> client.get("/users")));
        }
    }

    @Test
    void aClosedTransportIsAPdClientException() {
        transport.then(r -> {
            throw new IllegalStateException("transport is closed");
        });
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void aBodyOverTheLimitIsNotRetried() {
        transport.fail(new ResponseTooLargeException(1024, "GET http://127.0.0.1:9/users"), 3);
        try (RestApiV2Client client = client()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertInstanceOf(ResponseTooLargeException.class, e.getCause());
            assertTrue(e.getMessage().contains("longer than the limit of 1024 bytes"), e::getMessage);
        }
        assertEquals(1, transport.requests.size(), "the same request would get the same body");
    }

    @Test
    void aBodyOverTheLimitFromATransportThatDoesNotEnforceItIsRefusedToo() {
        transport.then(r -> ok("{\"users\":[" + "{\"id\":\"P1\"},".repeat(100) + "{}]}"));
        try (RestApiV2Client client = RestApiV2Client.builder("u+Test0Token0Value").baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(sleeper).maxResponseBytes(100).build()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertTrue(e.getMessage().contains("longer than the limit of 100 bytes"), e::getMessage);
        }
        assertThrows(IllegalArgumentException.class, () -> RestApiV2Client.builder("t").maxResponseBytes(0));
    }

    @Test
    void failedAttemptsAreCountedApartFromAnsweredOnes() {
        transport.fail(new SocketTimeoutException("read timed out"), 2).then(r -> ok("{\"users\":[]}"))
                .fail(new SocketTimeoutException("read timed out"), 4);
        try (RestApiV2Client client = client()) {
            client.get("/users");
            assertThrows(PdClientException.class, () -> client.get("/users/P1"));
            ClientStats stats = client.stats();
            assertEquals(1, stats.callCount("GET /users"));
            assertEquals(2, stats.failureCount("GET /users"));
            assertEquals(0, stats.callCount("GET /users/{id}"));
            assertEquals(4, stats.failureCount("GET /users/{id}"));
            assertEquals(1, stats.totalCallCount());
            assertEquals(6, stats.totalFailureCount());
            assertTrue(stats.toString().contains("1 requests and 6 failed attempts"), stats::toString);
        }
    }

    @Test
    void rgetRaisesForAMissingEntityOfAKnownEndpoint() {
        transport.then(r -> ok("")).then(r -> ok("null")).then(r -> ok("{\"user\":null}"));
        try (RestApiV2Client client = client()) {
            PdServerException empty = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
            PdServerException nullBody = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
            PdServerException nullEntity = assertThrows(PdServerException.class, () -> client.rget("/users/P1"));
            assertTrue(empty.getMessage().endsWith("to be wrapped in 'user', but the body is empty"), empty::getMessage);
            assertTrue(nullBody.getMessage().endsWith("to be wrapped in 'user', but the body is null"), nullBody::getMessage);
            assertTrue(nullEntity.getMessage().endsWith("has 'user': null where the entity was expected"),
                    nullEntity::getMessage);
        }
    }

    @Test
    void rgetOfAnEndpointPdkitDoesNotKnowStillReturnsWhatCame() {
        transport.then(r -> ok("")).then(r -> ok("{\"widget\":null}"));
        try (RestApiV2Client client = client()) {
            assertNull(client.rget("/widgets/W1"));
            assertNull(client.rget("/widgets/W1"));
        }
    }
}
