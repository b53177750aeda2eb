package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.ChangeEventsApiV2Client;
import dev.pdkit.ClientBuilder;
import dev.pdkit.EventsApiV2Client;
import dev.pdkit.PdClientException;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.RestApiV2ClientBuilder;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code proxy(...)} and {@code connectTimeout(...)} configure only the transport pdkit creates, so
 * {@code build()} refuses them next to an explicit {@code transport(...)} instead of ignoring them;
 * {@code timeout(...)} and {@code maxResponseBytes(...)} apply to any transport and stay allowed.
 * Every case runs for the three kinds of client, which share the builder settings.
 */
class ExplicitTransportSettingsTest {

    private static final String TOKEN = "u+ExplicitTransport1";
    private static final String KEY = "R0123456789abcdef0123456789abcd";
    private static final String PASSWORD = "pr0xy-s3cret";
    private static final ProxyOptions PROXY = ProxyOptions.of("proxy.example.com", 3128).withCredentials("me", PASSWORD);
    private static final String WHERE_INSTEAD = ".build())), or, for a wrapped client, on the HttpClient, OkHttpClient"
            + " or CloseableHttpClient itself. timeout(...) and maxResponseBytes(...) may stay on the builder:"
            + " they apply to any transport";

    /** A transport that records what it is asked to do and answers 200 with {@code body}. */
    private static final class RecordingTransport implements Transport {
        final List<HttpRequest> requests = new ArrayList<>();
        final String body;
        boolean closed;

        RecordingTransport(String body) {
            this.body = body;
        }

        @Override
        public synchronized HttpResponse send(HttpRequest request) {
            requests.add(request);
            return HttpResponse.of(200, Headers.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Builds a client of {@code kind} on the loopback base URL, with {@code settings} applied. */
    private static AutoCloseable build(String kind, Consumer<ClientBuilder<?>> settings) {
        switch (kind) {
            case "rest" -> {
                RestApiV2ClientBuilder b = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9");
                settings.accept(b);
                return b.build();
            }
            case "events" -> {
                EventsApiV2Client.Builder b = EventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9");
                settings.accept(b);
                return b.build();
            }
            case "change-events" -> {
                ChangeEventsApiV2Client.Builder b = ChangeEventsApiV2Client.builder(KEY).baseUrl("http://127.0.0.1:9");
                settings.accept(b);
                return b.build();
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private static final List<String> KINDS = List.of("rest", "events", "change-events");

    /** Each offending setting alone and together, in either order, and next to the allowed ones. */
    static Stream<Arguments> refused() {
        String proxyOnly = "proxy(...) configures the transport pdkit creates, but transport(...) was given and is used"
                + " as it is: configure it on that transport instead (e.g. JdkTransport.create(TransportOptions.builder()"
                + ".proxy(...)" + WHERE_INSTEAD;
        String connectOnly = "connectTimeout(...) configures the transport pdkit creates, but transport(...) was given"
                + " and is used as it is: configure it on that transport instead (e.g."
                + " JdkTransport.create(TransportOptions.builder().connectTimeout(...)" + WHERE_INSTEAD;
        String both = "proxy(...) and connectTimeout(...) configure the transport pdkit creates, but transport(...) was"
                + " given and is used as it is: configure them on that transport instead (e.g."
                + " JdkTransport.create(TransportOptions.builder().proxy(...).connectTimeout(...)" + WHERE_INSTEAD;
        List<Object[]> cases = List.of(
                new Object[] {"proxy", (Settings) (b, t) -> b.transport(t).proxy(PROXY), proxyOnly},
                new Object[] {"proxy before transport", (Settings) (b, t) -> b.proxy(PROXY).transport(t), proxyOnly},
                new Object[] {"connectTimeout", (Settings) (b, t) -> b.transport(t).connectTimeout(Duration.ofSeconds(2)),
                    connectOnly},
                new Object[] {"connectTimeout equal to the default",
                    (Settings) (b, t) -> b.connectTimeout(Duration.ofSeconds(10)).transport(t), connectOnly},
                new Object[] {"proxy and connectTimeout",
                    (Settings) (b, t) -> b.transport(t).proxy(PROXY).connectTimeout(Duration.ofSeconds(2)), both},
                new Object[] {"connectTimeout and proxy, with timeout and maxResponseBytes",
                    (Settings) (b, t) -> b.timeout(Duration.ofSeconds(7)).maxResponseBytes(1000)
                            .connectTimeout(Duration.ofSeconds(2)).proxy(PROXY).transport(t), both});
        return KINDS.stream().flatMap(kind -> cases.stream().map(c -> Arguments.of(kind, c[0], c[1], c[2])));
    }

    /** Settings applied to a builder, given the explicit transport. */
    @FunctionalInterface
    interface Settings {
        void apply(ClientBuilder<?> builder, Transport transport);
    }

    @ParameterizedTest(name = "{0} client: {1} with transport(...) is refused")
    @MethodSource("refused")
    void settingsOnlyACreatedTransportUsesAreRefusedWithAnExplicitOne(String kind, String what, Settings settings,
            String message) {
        RecordingTransport transport = new RecordingTransport("{}");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> build(kind, b -> settings.apply(b, transport)));

        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), "the proxy's password stays out of the message");
        assertTrue(transport.requests.isEmpty(), "nothing was sent");
        assertFalse(transport.closed, "the caller's transport is left as it was");
    }

    /** Combinations that build: what an explicit transport still honours, and a created transport's settings. */
    static Stream<Arguments> allowed() {
        List<Object[]> cases = List.of(
                new Object[] {"transport alone", (Settings) (b, t) -> b.transport(t)},
                new Object[] {"transport with timeout", (Settings) (b, t) -> b.transport(t).timeout(Duration.ofSeconds(7))},
                new Object[] {"transport with maxResponseBytes", (Settings) (b, t) -> b.transport(t).maxResponseBytes(1000)},
                new Object[] {"transport with timeout and maxResponseBytes",
                    (Settings) (b, t) -> b.timeout(Duration.ofSeconds(7)).maxResponseBytes(1000).transport(t)},
                new Object[] {"proxy and connectTimeout without transport",
                    (Settings) (b, t) -> b.proxy(PROXY).connectTimeout(Duration.ofSeconds(2))},
                new Object[] {"everything but transport",
                    (Settings) (b, t) -> b.proxy(PROXY).connectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(7))
                            .maxResponseBytes(1000)});
        return KINDS.stream().flatMap(kind -> cases.stream().map(c -> Arguments.of(kind, c[0], c[1])));
    }

    @ParameterizedTest(name = "{0} client: {1} builds")
    @MethodSource("allowed")
    void settingsThatApplyToTheTransportInUseBuild(String kind, String what, Settings settings) throws Exception {
        RecordingTransport transport = new RecordingTransport("{}");

        AutoCloseable client = build(kind, b -> settings.apply(b, transport));

        assertNotNull(client);
        client.close();
    }

    @Test
    void withAnExplicitTransportTheTimeoutGoesWithEveryRequestAndTheBodyLimitIsChecked() {
        RecordingTransport transport = new RecordingTransport("{\"users\":[" + "{\"id\":\"P1\"},".repeat(100) + "{}]}");
        try (RestApiV2Client client = RestApiV2Client.builder(TOKEN).baseUrl("http://127.0.0.1:9").transport(transport)
                .timeout(Duration.ofSeconds(7)).maxResponseBytes(100).build()) {
            PdClientException e = assertThrows(PdClientException.class, () -> client.get("/users"));
            assertTrue(e.getMessage().contains("longer than the limit of 100 bytes"), e::getMessage);
        }
        assertEquals(Duration.ofSeconds(7), transport.requests.get(0).timeout());
    }
}
