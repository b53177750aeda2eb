package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdClientException;
import dev.pdkit.PdHttpException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.tests.ScriptedTransport.RecordingSleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server may echo what it received: the {@code Authorization} header, the routing key of an
 * Events body. Whatever of it reaches an exception (message, stack trace, parsed errors) shows the
 * secret as {@code *} and its last four characters, in every spelling a body may carry it, and even
 * when the excerpt of a long body is cut in the middle of it.
 */
class EchoedSecretsTest {

    /** Has a '/' and a '+', so its JSON-escaped and percent-encoded spellings differ from it. */
    private static final String TOKEN = "pdus+Ab/Cd3Ef4Gh5Ij6Kl7Mn8Op9QrWXYZ";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abKEY9";

    private static HttpResponse reply(int status, String body) {
        return HttpResponse.of(status, Headers.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything an exception shows: its message, its stack trace and its parsed errors. */
    private static String everything(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        StringBuilder all = new StringBuilder(out.toString());
        if (t instanceof PdHttpException h) {
            all.append(h.errors()).append(h.errorMessage().orElse(""));
        }
        return all.toString();
    }

    private static void assertRedacted(String secret, Throwable t) {
        assertNotShown(secret, t);
        String shown = everything(t);
        assertTrue(shown.contains("*" + secret.substring(secret.length() - 4)), shown);
    }

    private static void assertNotShown(String secret, Throwable t) {
        String shown = everything(t);
        for (String spelling : List.of(secret, secret.replace("/", "\\/"), secret.replace("+", "%2B").replace("/", "%2F"),
                secret.replace("+", "%2b").replace("/", "%2f"), secret.substring(0, 12))) {
            assertFalse(shown.contains(spelling), () -> "shows " + spelling + ":\n" + shown);
        }
    }

    static Stream<Arguments> restEchoes() {
        String header = "Token token=" + TOKEN;
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("401 echoing the Authorization header",
                reply(401, "{\"error\":{\"message\":\"Invalid header: " + header + "\",\"code\":2006}}")));
        cases.add(Arguments.of("400 listing the header among its errors",
                reply(400, "{\"error\":{\"code\":2001,\"message\":\"Invalid Input\",\"errors\":[\"Authorization: " + header
                        + "\"]}}")));
        cases.add(Arguments.of("403 with a non-JSON body",
                reply(403, "<html>denied for " + header + "</html>")));
        cases.add(Arguments.of("404 with the token JSON-escaped",
                reply(404, "{\"error\":{\"message\":\"no key " + TOKEN.replace("/", "\\\\/") + "\"}}")));
        cases.add(Arguments.of("409 with the token percent-encoded",
                reply(409, "{\"error\":{\"message\":\"see ?key=" + TOKEN.replace("+", "%2B").replace("/", "%2F") + "\"}}")));
        // The excerpt keeps 197 characters: the token spans characters 185 to 219.
        cases.add(Arguments.of("422 whose excerpt is cut in the middle of the token",
                reply(422, "x".repeat(172) + " " + header + " " + "y".repeat(100))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restEchoes")
    void restErrorsNeverShowTheToken(String name, HttpResponse response) {
        ScriptedTransport transport = new ScriptedTransport().then(r -> response);
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .sleeper(new RecordingSleeper()).build()) {
            PdHttpException e = assertThrows(PdHttpException.class, () -> client.jget("/users"));
            assertEquals(response.status(), e.status());
            assertRedacted(TOKEN, e);
            assertTrue(e.response().text().contains(TOKEN.substring(0, 12)) || response.status() >= 404,
                    "the response itself keeps the body as received");
        }
    }

    @Test
    void aSuccessThatIsNotJsonNeverShowsTheToken() {
        ScriptedTransport transport = new ScriptedTransport().then(r -> reply(200, "{\"user\": " + TOKEN));
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .build()) {
            assertRedacted(TOKEN, assertThrows(PdHttpException.class, () -> client.rget("/users/P1")));
        }
    }

    static Stream<Arguments> eventsEchoes() {
        return Stream.of(
                Arguments.of("401 echoing the routing key",
                        reply(401, "{\"status\":\"unauthorized\",\"message\":\"unknown routing_key " + ROUTING_KEY + "\"}")),
                Arguments.of("400 listing it among its errors",
                        reply(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                                + "[\"routing_key " + ROUTING_KEY + " is disabled\"]}")),
                Arguments.of("202 without a dedup_key",
                        reply(202, "{\"status\":\"success\",\"routing_key\":\"" + ROUTING_KEY + "\"}")),
                Arguments.of("202 that is not JSON",
                        reply(202, "accepted " + ROUTING_KEY + " {")),
                Arguments.of("500 whose excerpt is cut in the middle of the key",
                        reply(500, "z".repeat(190) + ROUTING_KEY + "z".repeat(50))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsEchoes")
    void eventsErrorsNeverShowTheRoutingKey(String name, HttpResponse response) {
        ScriptedTransport transport = new ScriptedTransport();
        for (int i = 0; i < 3; i++) {
            transport.then(r -> response);
        }
        try (EventsApiV2Client client = EventsApiV2Client.builder(ROUTING_KEY).baseUrl("http://127.0.0.1:9")
                .transport(transport).sleeper(new RecordingSleeper()).retry(500, 0).build()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.trigger("Disk full", "db-1"));
            assertRedacted(ROUTING_KEY, e);
        }
    }

    @Test
    void theFullRedactionReachesEveryExceptionTypeBuiltFromAResponse() {
        // One check over the three constructors a body reaches: the status error, the unusable success, the 401.
        List<Function<RestApiV2Client, Object>> calls = List.of(c -> c.jget("/users"), c -> c.rget("/users"),
                c -> c.get("/users"));
        List<HttpResponse> answers = List.of(reply(400, "bad " + TOKEN), reply(200, "{\"nope\": \"" + TOKEN + "\"}"),
                reply(401, TOKEN));
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse answer = answers.get(i);
            Function<RestApiV2Client, Object> call = calls.get(i);
            ScriptedTransport transport = new ScriptedTransport().then(r -> answer);
            try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9")
                    .transport(transport).build()) {
                assertNotShown(TOKEN, assertThrows(PdHttpException.class, () -> call.apply(client)));
            }
        }
    }
}
