package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdHttpException;
import dev.pdkit.PdServerException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** accountHasAbility, subdomain and apiKeyAccess (pdpyras §5.3, python-pagerduty's tests). */
class AccountHelpersTest {

    private PageServer server;

    private RestApiV2Client client(PageServer s) {
        server = s;
        return RestApiV2Client.builder(RestClientTest.TOKEN).baseUrl(s.url()).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void accountHasAbility() {
        try (RestApiV2Client client = client(PageServer.start()
                .on("/abilities/teams", r -> Reply.empty(204))
                .on("/abilities/read_only_users", r -> PageServer.error(402, 2014, "Missing Account Ability"))
                .on("/abilities/forbidden", r -> PageServer.error(403, 2010, "Access Denied"))
                .on("/abilities/broken", r -> PageServer.error(500, 2000, "Internal error")))) {
            assertTrue(client.accountHasAbility("teams"));
            assertFalse(client.accountHasAbility("read_only_users"));
            PdHttpException forbidden = assertThrows(PdHttpException.class, () -> client.accountHasAbility("forbidden"));
            assertEquals(403, forbidden.status());
            assertTrue(forbidden.getMessage().contains("permission"), forbidden.getMessage());
            PdHttpException unknown = assertThrows(PdHttpException.class, () -> client.accountHasAbility("nope"));
            assertEquals(404, unknown.status());
            assertTrue(unknown.getMessage().contains("Invalid or unknown ability \"nope\""), unknown.getMessage());
            assertThrows(PdServerException.class, () -> client.accountHasAbility("broken"));
            assertThrows(IllegalArgumentException.class, () -> client.accountHasAbility(" "));
            assertEquals("/abilities/teams", server.received().get(0).path());
        }
    }

    @Test
    void subdomainIsReadOnceFromTheFirstUser() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (RestApiV2Client client = client(PageServer.start().on("/users", r -> {
            calls.incrementAndGet();
            return Reply.json(200, "{\"users\":[{\"id\":\"P1\",\"html_url\":\"https://acme.pagerduty.com/users/P1\"}],"
                    + "\"limit\":1,\"offset\":0,\"more\":true,\"total\":null}");
        }))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(client::subdomain));
                }
                for (Future<String> answer : answers) {
                    assertEquals("acme", answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals("acme", client.subdomain());
            assertEquals(1, calls.get(), "memoized, also under concurrent first calls");
            assertEquals("limit=1", server.received().get(0).query());
        }
    }

    @Test
    void aFailedSubdomainIsNotRemembered() {
        AtomicInteger calls = new AtomicInteger();
        try (RestApiV2Client client = client(PageServer.start().on("/users", r -> calls.incrementAndGet() == 1
                ? Reply.json(200, "{\"users\":[],\"more\":false}")
                : Reply.json(200, "{\"users\":[{\"html_url\":\"https://beta.eu.pagerduty.com/users/P1\"}],\"more\":false}")))) {
            PdServerException e = assertThrows(PdServerException.class, client::subdomain);
            assertTrue(e.getMessage().contains("subdomain"), e.getMessage());
            assertEquals("beta", client.subdomain());
            assertEquals("beta", client.subdomain());
            assertEquals(2, calls.get());
        }
    }

    @Test
    void apiKeyAccessTellsAccountFromUserKeys() {
        AtomicInteger calls = new AtomicInteger();
        try (RestApiV2Client account = client(PageServer.start().on("/users/me", r -> {
            calls.incrementAndGet();
            return PageServer.error(400, 2001,
                    "Because this request was made using an account-level access token, we were unable to determine the user");
        }))) {
            assertEquals("account", account.apiKeyAccess());
            assertEquals("account", account.apiKeyAccess());
            assertEquals(1, calls.get());
        }
        server.close();
        try (RestApiV2Client user = client(PageServer.start().on("/users/me",
                r -> Reply.json(200, "{\"user\":{\"id\":\"PME\"}}")))) {
            assertEquals("user", user.apiKeyAccess());
        }
        server.close();
        try (RestApiV2Client unclear = client(PageServer.start().on("/users/me",
                r -> PageServer.error(400, 2001, "Invalid Input Provided")))) {
            assertThrows(PdHttpException.class, unclear::apiKeyAccess);
            assertThrows(PdHttpException.class, unclear::apiKeyAccess);
            assertEquals(2, server.received().size(), "an unclear answer is not remembered");
        }
    }
}
