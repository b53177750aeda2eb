package dev.pdkit.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdkit.RestApiV2Client;
import dev.pdkit.json.jackson.JacksonJsonCodec;
import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What pd-core adds to one {@code rget("/users/{id}")} without any network: the whole client call
 * on a transport that answers from memory, against the part of it a bare user does too (parse the
 * same bytes with Jackson into a map and take {@code user.id}). The difference is pdkit's own CPU
 * per call (URL resolution, path matching, the retry loop, the throttle, statistics, unwrapping),
 * which the macro {@code Overhead} benchmark can only see through the noise of a loopback round
 * trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClientCallBenchmark {

    /** A user as PagerDuty returns it, trimmed to its scalar and empty-list fields. */
    private static final byte[] USER = ("{\"user\":{\"id\":\"PABC123\",\"type\":\"user\",\"name\":\"Jane Doe\","
            + "\"email\":\"jane@example.com\",\"time_zone\":\"Europe/London\",\"color\":\"purple\",\"role\":\"admin\","
            + "\"avatar_url\":\"https://secure.gravatar.com/avatar/1.png\",\"description\":\"On call\","
            + "\"invitation_sent\":false,\"job_title\":\"Engineer\",\"teams\":[],\"contact_methods\":[],"
            + "\"notification_rules\":[],\"summary\":\"Jane Doe\",\"self\":\"http://127.0.0.1:9/users/PABC123\","
            + "\"html_url\":\"https://example.pagerduty.com/users/PABC123\"}}").getBytes(StandardCharsets.UTF_8);

    /** The headers PagerDuty puts on every answer, rate-limit hints included (the throttle reads them). */
    private static final Headers HEADERS = Headers.builder()
            .set("Content-Type", "application/json; charset=utf-8")
            .set("ratelimit-limit", "960").set("ratelimit-remaining", "959").set("ratelimit-reset", "30")
            .set("X-Request-Id", "b1e9d0f0-1c1e-4e5b-9c1a-000000000001")
            .build();

    private RestApiV2Client client;
    private ObjectMapper mapper;

    /** One client on an in-memory transport, and a plain {@link ObjectMapper}. */
    @Setup
    public void setup() {
        Transport memory = new Transport() {
            @Override
            public HttpResponse send(HttpRequest request) {
                return HttpResponse.ofOwned(200, HEADERS, USER);
            }

            @Override
            public String name() {
                return "memory";
            }

            @Override
            public void close() {
            }
        };
        // A loopback base URL as well: nothing here may ever be addressed to PagerDuty.
        client = RestApiV2Client.builder("benchmark-token").baseUrl("http://127.0.0.1:9").transport(memory)
                .json(JacksonJsonCodec.create()).build();
        mapper = new ObjectMapper();
    }

    /** Closes the client. */
    @TearDown
    public void tearDown() {
        client.close();
    }

    /** The whole client call: what a user's {@code rget} costs in CPU apart from the network. */
    @Benchmark
    public Object rget() {
        return client.rget("/users/PABC123");
    }

    /** The baseline: the parse and lookup a bare user does with the same bytes. */
    @Benchmark
    public Object jacksonOnly() throws IOException {
        Map<?, ?> body = mapper.readValue(USER, Map.class);
        return ((Map<?, ?>) body.get("user")).get("id");
    }
}
