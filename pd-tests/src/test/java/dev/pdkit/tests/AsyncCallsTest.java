package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.RequestEvent;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RestApiV2Client#async}: any call as a future, on the client's worker threads, cancellable. */
class AsyncCallsTest {

    private static final long WAIT_SECONDS = 20;

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder()
            .configure(b -> b.standardSeed(false))
            .build();

    private FakePagerDuty pd;
    private String userId;

    /** A caller's record for a user. */
    public record User(String id, String name, String email) {
    }

    @BeforeEach
    void seed(FakePagerDuty pd) {
        this.pd = pd;
        for (int i = 0; i < 120; i++) {
            String id = (String) pd.seed().user("User " + i, "user" + i + "@example.com").get("id");
            if (i == 0) {
                userId = id;
            }
        }
    }

    @Test
    void anyCallRunsAsAFutureWithTheSameResult() throws Exception {
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build()) {
            CompletableFuture<User> user = client.async(c -> c.as(User.class).rget("/users/" + userId));
            CompletableFuture<List<Map<String, Object>>> all = client.async(c -> c.with(o -> o.pageSize(50))
                    .listAll("/users"));

            assertEquals(new User(userId, "User 0", "user0@example.com"), user.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(client.listAll("/users"), all.get(WAIT_SECONDS, TimeUnit.SECONDS));

            CompletableFuture<Map<String, Object>> missing = client.async(c -> c.rget("/users/PNOPE00"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> missing.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(404, assertInstanceOf(PdHttpException.class, e.getCause()).status());
        }
    }

    /** cancel(true) interrupts the request in flight; the worker thread is clean for the next call. */
    @Test
    void cancellingInterruptsTheCallInFlight() throws Exception {
        BlockingQueue<RequestEvent> attempts = new LinkedBlockingQueue<>();
        try (RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl())
                .listener(attempts::add).build()) {
            pd.inject(Fault.delay(Duration.ofSeconds(WAIT_SECONDS * 3)), 1, "GET", "/users");
            CompletableFuture<List<Map<String, Object>>> slow = client.async(c -> c.listAll("/users"));
            assertNotNull(pd.takeRequest(Duration.ofSeconds(WAIT_SECONDS)), "the request reached the fake");

            assertTrue(slow.cancel(true));

            RequestEvent ended = attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(ended, "the attempt in flight ended");
            assertInstanceOf(InterruptedIOException.class, ended.failure().orElseThrow(), ended::toString);
            assertThrows(CancellationException.class, slow::join);
            assertEquals(120, client.async(c -> c.listAll("/users")).get(WAIT_SECONDS, TimeUnit.SECONDS).size(),
                    "the next call runs normally");
        }
    }

    @Test
    void aClosedClientFailsTheFuture() {
        RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build();
        client.close();
        CompletableFuture<Map<String, Object>> late = client.async(c -> c.rget("/users/" + userId));
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(PdClientException.class, e.getCause());
        assertThrows(NullPointerException.class, () -> client.async(null));
    }
}
