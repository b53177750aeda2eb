package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone program's start: options, seeding, printed coordinates, and a clean stop. */
class StandaloneMainTest {

    static Map<String, String> printed(ByteArrayOutputStream out) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    void startsWithTheGivenPortTokenAndFixtureAndPrintsItsCoordinates(@TempDir Path dir) throws Exception {
        Path fixture = dir.resolve("fixture.json");
        Files.writeString(fixture, "{\"teams\": [{\"id\": \"PSTAND1\", \"name\": \"Standalone\"}]}");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FakePagerDuty pd = FakePagerDutyMain.start(new String[] {"--port", String.valueOf(port), "--token", "T",
                "--seed", fixture.toString(), "--routing-key", "0123456789abcdef0123456789abcdef"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> values = printed(out);
            assertEquals("http://127.0.0.1:" + port, values.get("rest_url"));
            assertEquals(values.get("rest_url"), values.get("events_url"));
            assertEquals("T", values.get("api_token"));
            assertEquals("0123456789abcdef0123456789abcdef", values.get("routing_key"));
            assertEquals(pd.userToken(), values.get("user_token"));
            assertEquals(pd.oauthToken(), values.get("oauth_token"));
            assertEquals(pd.userEmail(), values.get("user_email"));
            Api.anonymous(pd).with("Authorization", "Token token=T").get("/teams/PSTAND1").expect(200);
            Api.anonymous(pd).post("/v2/enqueue", obj("routing_key", "0123456789abcdef0123456789abcdef", "event_action", "trigger",
                    "payload", obj("summary", "s", "source", "s", "severity", "info"))).expect(202);
        } finally {
            pd.close();
        }
        assertThrows(java.io.UncheckedIOException.class, () -> Api.anonymous(pd).get("/users"), "stopped");
    }

    @Test
    void optionsAreChecked() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> FakePagerDutyMain.start(new String[] {"--bogus"}, sink));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDutyMain.start(new String[] {"--port"}, sink));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDutyMain.start(new String[] {"--port", "x"}, sink));
        assertThrows(IllegalArgumentException.class, () -> FakePagerDutyMain.start(new String[] {"--routing-key", "short"}, sink));
        assertThrows(IllegalArgumentException.class,
                () -> FakePagerDutyMain.start(new String[] {"--seed", "/no/such/fixture.json"}, sink));
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertNull(FakePagerDutyMain.start(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8)));
        assertTrue(help.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    }

    @Test
    void withoutOptionsItUsesAFreePortAndTheStandardSeed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakePagerDuty pd = FakePagerDutyMain.start(new String[] {"--rate-limit", "100", "--no-standard-seed",
                "--user-token", "U", "--oauth-token", "O"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals(0, Api.account(pd).get("/users").expect(200).list("users").size());
            assertEquals("100", Api.account(pd).get("/users").header("ratelimit-limit"));
            assertEquals("U", printed(out).get("user_token"));
        }
    }

    @Test
    void journalLimitBoundsTheJournal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakePagerDuty pd = FakePagerDutyMain.start(new String[] {"--journal-limit", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            Api.account(pd).get("/users").expect(200);
            Api.account(pd).get("/teams").expect(200);
            assertEquals(List.of("/teams"), pd.requests().stream().map(RecordedRequest::path).toList());
            assertEquals(1, pd.droppedRequestCount());
        }
        assertThrows(IllegalArgumentException.class, () -> FakePagerDutyMain.start(new String[] {"--journal-limit", "-1"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
