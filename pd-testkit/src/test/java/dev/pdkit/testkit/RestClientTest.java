package dev.pdkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdHttpException;
import dev.pdkit.Resources;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.Transport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pdkit's own client against the fake, through a tiny test transport over java.net.http. */
class RestClientTest {

    /** One attempt per send, as the Transport contract asks; test-only (pd-testkit must not depend on a transport). */
    static final class TestTransport implements Transport {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        @Override
        public HttpResponse send(HttpRequest request) throws IOException {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                    .timeout(Duration.ofSeconds(10))
                    .method(request.method(), request.hasBody()
                            ? java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body())
                            : java.net.http.HttpRequest.BodyPublishers.noBody());
            request.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")
                        && !name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("User-Agent")) {
                    b.header(name, value);
                }
            });
            try {
                java.net.http.HttpResponse<byte[]> r = client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                Headers.Builder h = Headers.builder();
                r.headers().map().forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
                return HttpResponse.of(r.statusCode(), h.build(), r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    static FakePagerDuty pd;
    RestApiV2Client client;

    @BeforeAll
    static void start() {
        pd = FakePagerDuty.start();
    }

    @AfterAll
    static void stop() {
        pd.close();
    }

    @BeforeEach
    void reset() {
        pd.reset();
        client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).transport(new TestTransport())
                .json(JacksonJsonCodec.create()).defaultFrom(pd.userEmail()).build();
    }

    @Test
    void wrappingUnwrappingAndSelfLinksWorkWithPdkit() {
        List<Map<String, Object>> users = client.listAll("users");
        assertEquals(2, users.size());
        Map<String, Object> service = client.listAll("services").get(0);

        Map<String, Object> incident = client.rpost("incidents", Map.of("type", "incident",
                "title", "From pdkit", "service", Map.of("id", service.get("id"), "type", "service_reference")));
        assertEquals("From pdkit", incident.get("title"));

        // pdkit follows self to update: the link must point at the fake.
        Map<String, Object> acked = client.rput(Resources.selfUrl(incident), Map.of("type", "incident_reference",
                "status", "acknowledged"));
        assertEquals("acknowledged", acked.get("status"));

        RecordedRequest put = pd.requests().get(pd.requests().size() - 1);
        assertEquals("PUT", put.method());
        assertEquals(pd.userEmail(), put.header("From"));
        assertEquals("Token token=" + pd.apiToken(), put.header("Authorization"));
        assertTrue(put.bodyText().contains("\"incident\""), "pdkit wrapped the entity: " + put.bodyText());
    }

    @Test
    void errorsSurfaceAsPdkitExceptions() {
        PdHttpException e = assertThrows(PdHttpException.class, () -> client.rget("users/PNOTHERE"));
        assertEquals(404, e.response().status());
    }
}
