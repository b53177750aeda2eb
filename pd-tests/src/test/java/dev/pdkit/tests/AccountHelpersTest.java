package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.Fault;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import dev.pdkit.testkit.junit.FakePagerDutyExtension;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * accountHasAbility, subdomain and apiKeyAccess (pdpyras §5.3, python-pagerduty's tests), against
 * {@link FakePagerDuty}: its abilities, its users' {@code html_url}s and its answer to
 * {@code /users/me} for account-level and user-level keys. Statuses PagerDuty gives only in
 * situations the fake does not model (403, 500, an unclear 400) are injected as faults.
 */
class AccountHelpersTest {

    @RegisterExtension
    static final FakePagerDutyExtension FAKE = FakePagerDutyExtension.builder().build();

    private FakePagerDuty pd;

    @BeforeEach
    void fake(FakePagerDuty pd) {
        this.pd = pd;
    }

    private RestApiV2Client client(String token) {
        return RestApiV2Client.builder(token).baseUrl(pd.restUrl()).sleeper(new RecordingSleeper()).build();
    }

    private List<String> requestLines() {
        return pd.requests().stream().map(RecordedRequest::toString).toList();
    }

    @Test
    void accountHasAbility() {
        pd.seed().ability("read_only_users", false);
        pd.inject(Fault.status(403), 1, "GET", "/abilities/forbidden");
        // 500 on a GET is retried twice by default: three answers make it stick.
        pd.inject(Fault.status(500), 3, "GET", "/abilities/broken");
        try (RestApiV2Client client = client(pd.apiToken())) {
            assertTrue(client.account().hasAbility("teams"));
            assertFalse(client.account().hasAbility("read_only_users"), "known to the account but missing: 402");
            PdHttpException forbidden = assertThrows(PdHttpException.class, () -> client.account().hasAbility("forbidden"));
            assertEquals(403, forbidden.status());
            assertTrue(forbidden.getMessage().contains("permission"), forbidden.getMessage());
            PdHttpException unknown = assertThrows(PdHttpException.class, () -> client.account().hasAbility("nope"));
            assertEquals(404, unknown.status());
            assertTrue(unknown.getMessage().contains("Invalid or unknown ability \"nope\""), unknown.getMessage());
            assertThrows(PdServerException.class, () -> client.account().hasAbility("broken"));
            assertThrows(IllegalArgumentException.class, () -> client.account().hasAbility(" "));
            assertEquals(List.of("GET /abilities/teams", "GET /abilities/read_only_users", "GET /abilities/forbidden",
                    "GET /abilities/nope", "GET /abilities/broken", "GET /abilities/broken", "GET /abilities/broken"),
                    requestLines());
        }
    }

    @Test
    void subdomainIsReadOnceFromTheFirstUser() throws Exception {
        try (RestApiV2Client client = client(pd.apiToken())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(client.account()::subdomain));
                }
                for (Future<String> answer : answers) {
                    // The fake's users have html_url https://fake-subdomain.pagerduty.com/users/...
                    assertEquals("fake-subdomain", answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals("fake-subdomain", client.account().subdomain());
            assertEquals(List.of("GET /users?limit=1"), requestLines(), "memoized, also under concurrent first calls");
        }
    }

    @Test
    void aFailedSubdomainIsNotRemembered() {
        try (FakePagerDuty empty = FakePagerDuty.builder().standardSeed(false).start();
                RestApiV2Client client = RestApiV2Client.builder(empty.apiToken()).baseUrl(empty.restUrl()).build()) {
            PdServerException e = assertThrows(PdServerException.class, client.account()::subdomain, "an account without users");
            assertTrue(e.getMessage().contains("subdomain"), e.getMessage());
            // An EU account's user: a host the fake (a US account) never writes, so a stub answers.
            empty.stub("GET", "/users", 200, "{\"users\":[{\"html_url\":\"https://beta.eu.pagerduty.com/users/P1\"}],"
                    + "\"limit\":1,\"offset\":0,\"more\":false,\"total\":null}");
            assertEquals("beta", client.account().subdomain());
            assertEquals("beta", client.account().subdomain());
            assertEquals(2, empty.requestCount());
        }
    }

    @Test
    void aFirstUserWithoutAUsableHtmlUrlIsAServerError() {
        // PagerDuty's users always have an html_url on the account's host: stubs play the answers it never gives.
        Map<String, String> users = new LinkedHashMap<>();
        users.put("{\"html_url\":\"https://localhost/users/P1\"}", "a string");
        users.put("{\"html_url\":\"not a url\"}", "a string");
        users.put("{\"html_url\":42}", "a number");
        users.put("{\"id\":\"P1\"}", "null");
        users.put("\"P1\"", "null");
        try (RestApiV2Client client = client(pd.apiToken())) {
            for (Map.Entry<String, String> user : users.entrySet()) {
                pd.stub("GET", "/users", 200, "{\"users\":[" + user.getKey() + "],\"limit\":1,\"offset\":0,\"more\":false}");
                PdServerException e = assertThrows(PdServerException.class, client.account()::subdomain, user.getKey());
                assertTrue(e.getMessage().endsWith("such as https://acme.pagerduty.com/users/P1, found " + user.getValue()),
                        e.getMessage());
            }
        }
    }

    @Test
    void apiKeyAccessTellsAccountFromUserKeys() {
        try (RestApiV2Client account = client(pd.apiToken())) {
            assertEquals("account", account.account().apiKeyAccess(), "the fake answers 400 for /users/me with an account key");
            assertEquals("account", account.account().apiKeyAccess());
            assertEquals(1, pd.requestCount());
        }
        try (RestApiV2Client user = client(pd.userToken())) {
            assertEquals("user", user.account().apiKeyAccess());
            assertEquals(2, pd.requestCount());
        }
        pd.inject(Fault.status(400), 2, "GET", "/users/me"); // 400 code 2001 "Invalid Input Provided"
        try (RestApiV2Client unclear = client(pd.apiToken())) {
            assertThrows(PdHttpException.class, unclear.account()::apiKeyAccess);
            assertThrows(PdHttpException.class, unclear.account()::apiKeyAccess);
            assertEquals(4, pd.requestCount(), "an unclear answer is not remembered");
        }
        assertEquals(List.of("GET /users/me", "GET /users/me", "GET /users/me", "GET /users/me"), requestLines());
    }
}
