package dev.pdkit.transport.apache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: the wrapped client, failure mapping, tunnels. */
class ApacheTransportTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    @Test
    void wrappedClientIsUsedWithItsInterceptorsAndIsNotClosed() throws Exception {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        AtomicInteger hostCalls = new AtomicInteger();
        CloseableHttpClient host = closing(HttpClients.custom()
                .addRequestInterceptorFirst((request, entity, context) -> {
                    hostCalls.incrementAndGet();
                    request.addHeader("X-Host-Interceptor", "yes");
                })
                .build());
        ApacheTransport transport = ApacheTransport.wrap(host,
                TransportOptions.builder().userAgent("wrapped/1").readTimeout(Duration.ofSeconds(10)).build());

        HttpResponse response = transport.send(HttpRequest.builder("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertEquals("yes", server.only().header("X-Host-Interceptor"));
        assertEquals("wrapped/1", server.only().header("User-Agent"));
        assertEquals(1, hostCalls.get());
        assertThrows(IllegalStateException.class, () -> transport.send(HttpRequest.builder("GET", server.uri("/")).build()));
        int status = host.execute(new HttpGet(server.uri("/after")), r -> r.getCode());
        assertEquals(200, status, "the host's client is still open");
    }

    @Test
    void wrappedDefaultClientStillFollowsNoRedirectAndAnswersNoChallenge() throws IOException {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> {
            String path = req.uri().getPath();
            if (path.equals("/moved")) {
                ex.getResponseHeaders().add("Location", "/elsewhere");
                LoopbackServer.reply(ex, 302, new byte[0]);
            } else if (path.equals("/secret")) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"x\"");
                LoopbackServer.reply(ex, 401, new byte[0]);
            } else {
                ex.getResponseHeaders().add("Retry-After", "0");
                LoopbackServer.reply(ex, 503, new byte[0]);
            }
        }));
        // A client with HttpClient's defaults: redirects, retries, compression, authentication all on.
        CloseableHttpClient host = closing(HttpClients.createDefault());
        ApacheTransport transport = closing(ApacheTransport.wrap(host, TransportOptions.defaults()));

        assertEquals(302, transport.send(HttpRequest.builder("GET", server.uri("/moved")).build()).status());
        assertEquals(401, transport.send(HttpRequest.builder("GET", server.uri("/secret")).build()).status());
        HttpResponse busy = transport.send(HttpRequest.builder("POST", server.uri("/busy")).body(new byte[] {1}).build());

        assertEquals(503, busy.status());
        assertEquals(3, server.received().size(), server.received()::toString);
        assertNull(server.received().get(0).header("Accept-Encoding"), "no compression asked for");
    }

    @Test
    void wrapWithoutOptionsSendsThroughTheHostClientWithTheDefaultTimeouts() throws Exception {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        AtomicInteger hostCalls = new AtomicInteger();
        AtomicReference<RequestConfig> seen = new AtomicReference<>();
        CloseableHttpClient host = closing(HttpClients.custom()
                .addRequestInterceptorFirst((request, entity, context) -> {
                    hostCalls.incrementAndGet();
                    seen.set(HttpClientContext.castOrCreate(context).getRequestConfig());
                    request.addHeader("X-Host-Interceptor", "yes");
                })
                .build());
        ApacheTransport transport = ApacheTransport.wrap(host);

        HttpResponse response = transport.send(HttpRequest.builder("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertEquals("yes", server.only().header("X-Host-Interceptor"));
        assertEquals(1, hostCalls.get());
        assertEquals(60_000L, seen.get().getResponseTimeout().toMilliseconds(), "the default read timeout");
        assertEquals(70_000L, seen.get().getConnectionRequestTimeout().toMilliseconds(),
                "the default connect timeout plus the default read timeout");
        String agent = server.only().header("User-Agent");
        assertTrue(agent.startsWith("Apache-HttpClient/"), "no User-Agent of the transport's own: " + agent);
        int status = host.execute(new HttpGet(server.uri("/after")), r -> r.getCode());
        assertEquals(200, status, "the host's client is still open");
    }

    @Test
    void wrapWithoutOptionsRefusesABodyOverTheDefaultLimit() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> {
            ex.sendResponseHeaders(200, TransportOptions.DEFAULT_MAX_RESPONSE_BYTES + 1);
            ex.getResponseBody().write(new byte[1024]);
            ex.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        closing(release::countDown);
        CloseableHttpClient host = closing(HttpClients.custom().disableAutomaticRetries().build());
        ApacheTransport transport = closing(ApacheTransport.wrap(host));

        ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
                () -> transport.send(HttpRequest.builder("GET", server.uri("/big")).build()));

        assertEquals(TransportOptions.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
    }

    @Test
    void wrapRefusesProxyOptions() {
        CloseableHttpClient host = closing(HttpClients.createDefault());
        assertThrows(IllegalArgumentException.class, () -> ApacheTransport.wrap(host,
                TransportOptions.builder().proxy(ProxyOptions.of("127.0.0.1", 3128)).build()));
    }

    @Test
    void transferEncodingOfTheRequestCannotBreakTheFraming() throws IOException {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);

        HttpResponse response = closing(ApacheTransport.create()).send(HttpRequest.builder("POST", server.uri("/te"))
                .header("Transfer-Encoding", "chunked").body(body).build());

        assertEquals("3", server.only().header("Content-Length"));
        assertNull(server.only().header("Transfer-Encoding"));
        assertArrayEquals(body, response.body());
    }

    @Test
    void failuresBeforeAnythingWasSentBecomeConnectExceptionsNamingHostAndPort() {
        HttpRequest request = HttpRequest.builder("POST", java.net.URI.create("http://127.0.0.1:9/users")).build();
        for (IOException nothingSent : List.of(new ConnectTimeoutException("connect timed out"),
                new UnknownHostException("nowhere.invalid"), new ConnectionRequestTimeoutException("pool exhausted"),
                new ConnectException("Connection refused"))) {
            IOException mapped = ApacheTransport.failure(nothingSent, request);

            assertInstanceOf(ConnectException.class, mapped, nothingSent::toString);
            assertSame(nothingSent, mapped.getCause());
            assertEquals("cannot connect to 127.0.0.1:9: " + nothingSent.getMessage(), mapped.getMessage());
        }
        ConnectException named = new ConnectException("Connect to http://127.0.0.1:9 failed: refused");
        assertEquals(named.getMessage(), ApacheTransport.failure(named, request).getMessage());
        SocketTimeoutException readTimeout = new SocketTimeoutException("Read timed out");
        assertSame(readTimeout, ApacheTransport.failure(readTimeout, request));
    }

    @Test
    void tunnelGetsProxyCredentialsPreemptivelyAndA407IsNotAnsweredAgain() throws Exception {
        ServerSocket proxy = closing(new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1")));
        CompletableFuture<List<String>> connects = new CompletableFuture<>();
        Thread proxyThread = new Thread(() -> connects.complete(answerConnectsWith407(proxy)), "test-proxy");
        proxyThread.setDaemon(true);
        proxyThread.start();
        String password = "p\u00e4ssw\u00f6rd";
        ApacheTransport transport = closing(ApacheTransport.create(TransportOptions.builder()
                .proxy(ProxyOptions.of("127.0.0.1", proxy.getLocalPort()).withCredentials("proxyuser", password))
                .build()));

        HttpResponse response = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> transport.send(HttpRequest.builder("GET", URI.create("https://api.pdkit-tunnel.invalid/users"))
                        .header("Authorization", "Token token=secret").build()));
        proxy.close();

        assertEquals(407, response.status(), "HttpClient returns the proxy's answer to the CONNECT");
        List<String> heads = connects.get(20, TimeUnit.SECONDS);
        assertEquals(1, heads.size(), heads::toString);
        String head = heads.get(0);
        assertTrue(head.startsWith("CONNECT api.pdkit-tunnel.invalid:443 HTTP/1.1"), head);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("proxyuser:" + password).getBytes(StandardCharsets.UTF_8));
        assertTrue(head.contains("\r\nProxy-Authorization: " + basic + "\r\n"), head);
        assertFalse(head.contains("Token token=secret"), "the origin's credentials stay inside the tunnel");
    }

    /** Answers every CONNECT with 407 until the socket closes; returns the request heads seen. */
    private static List<String> answerConnectsWith407(ServerSocket proxy) {
        List<String> heads = new ArrayList<>();
        while (true) {
            try (Socket socket = proxy.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        break;
                    }
                    heads.add(head);
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closed) {
                return heads;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
