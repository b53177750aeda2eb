package dev.pdkit.bench.macro;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.pdkit.testkit.FakePagerDuty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The two servers of the fake-versus-WireMock benchmark, each set up the way its users would:
 * {@code FakePagerDuty.start()} with its defaults, and a {@code WireMockServer} on 127.0.0.1 with
 * its defaults; both answer {@code GET /users/{id}} with the same stubbed body. Also the
 * dependency-free probe that tells when a server first answers.
 */
public final class StubServers {

    /** A user as {@code GET /users/{id}} returns it (about 1 KB). */
    public static final String USER_JSON = "{\"user\":{\"id\":\"PBENCH1\",\"type\":\"user\",\"summary\":\"Bench User\","
            + "\"self\":\"https://api.pagerduty.com/users/PBENCH1\",\"html_url\":\"https://bench.pagerduty.com/users/PBENCH1\","
            + "\"name\":\"Bench User\",\"email\":\"bench.user@example.com\",\"time_zone\":\"Etc/UTC\",\"color\":\"purple\","
            + "\"role\":\"user\",\"avatar_url\":\"https://secure.gravatar.com/avatar/5f0c6a1b.png?d=mm&r=PG\","
            + "\"description\":null,\"invitation_sent\":false,\"job_title\":\"SRE\",\"teams\":[{\"id\":\"PTEAM01\","
            + "\"type\":\"team_reference\",\"summary\":\"Platform\",\"self\":\"https://api.pagerduty.com/teams/PTEAM01\","
            + "\"html_url\":\"https://bench.pagerduty.com/teams/PTEAM01\"}],\"contact_methods\":[{\"id\":\"PCM0001\","
            + "\"type\":\"email_contact_method_reference\",\"summary\":\"Default\","
            + "\"self\":\"https://api.pagerduty.com/users/PBENCH1/contact_methods/PCM0001\","
            + "\"html_url\":null}],\"notification_rules\":[],\"coordinations\":[],\"created_via_sso\":false}}";

    /** The path the probe and the clients request. */
    public static final String PATH = "/users/PBENCH1";

    private StubServers() {
    }

    /** A started server and its port. */
    public interface Server extends AutoCloseable {
        /** The port on 127.0.0.1. */
        int port();

        @Override
        void close();
    }

    /** Starts the fake with its defaults and the stub. */
    public static Server fake() {
        FakePagerDuty fake = FakePagerDuty.start();
        fake.stub("GET", "/users/{id}", 200, USER_JSON);
        int port = Integer.parseInt(fake.restUrl().substring(fake.restUrl().lastIndexOf(':') + 1));
        return new Server() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                fake.close();
            }
        };
    }

    /** Starts WireMock with its defaults (bound to 127.0.0.1, a free port) and the same stub. */
    public static Server wireMock() {
        WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        wm.stubFor(get(urlPathMatching("/users/[^/]+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(USER_JSON)));
        int port = wm.port();
        return new Server() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                wm.stop();
            }
        };
    }

    /** Starts the server named {@code fake} or {@code wiremock}. */
    public static Server start(String name) {
        return switch (name) {
            case "fake" -> fake();
            case "wiremock" -> wireMock();
            default -> throw new IllegalArgumentException("unknown server " + name);
        };
    }

    /**
     * Whether {@code GET /users/PBENCH1} on the port answers 200. A raw socket, so that measuring
     * start-up doesn't also load an HTTP client's classes, which would cost both servers the same
     * but blur the figures.
     */
    public static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n';) {
                status.append((char) c);
            }
            in.readAllBytes();
            return status.toString().startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Milliseconds from the start of construction to the first 200 answer.
     *
     * @param keep receives the started server, to close it when done
     */
    public static double timeToFirstAnswer(String name, java.util.function.Consumer<Server> keep) {
        long t0 = System.nanoTime();
        Server server = start(name);
        keep.accept(server);
        long deadline = t0 + 30_000_000_000L;
        while (!answers(server.port())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer within 30 s");
            }
            Thread.onSpinWait();
        }
        return Stats.millisSince(t0);
    }
}
