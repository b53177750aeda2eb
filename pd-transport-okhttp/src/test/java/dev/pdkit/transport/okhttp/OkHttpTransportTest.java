package dev.pdkit.transport.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: the wrapped client, the owned client's lifecycle, tunnels. */
class OkHttpTransportTest {

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
    void wrappedClientIsUsedWithItsInterceptorsAndPoolAndIsNotClosed() throws Exception {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        AtomicInteger hostCalls = new AtomicInteger();
        ConnectionPool hostPool = new ConnectionPool();
        Dispatcher hostDispatcher = new Dispatcher();
        OkHttpClient host = new OkHttpClient.Builder()
                .connectionPool(hostPool)
                .dispatcher(hostDispatcher)
                .addInterceptor(chain -> {
                    hostCalls.incrementAndGet();
                    return chain.proceed(chain.request().newBuilder().header("X-Host-Interceptor", "yes").build());
                })
                .build();
        OkHttpTransport transport = OkHttpTransport.wrap(host,
                TransportOptions.builder().userAgent("wrapped/1").readTimeout(Duration.ofSeconds(10)).build());

        HttpResponse response = transport.send(HttpRequest.builder("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertEquals("yes", server.only().header("X-Host-Interceptor"));
        assertEquals("wrapped/1", server.only().header("User-Agent"));
        assertEquals(1, hostCalls.get());
        assertTrue(hostPool.connectionCount() >= 1, "the exchange used the host's pool, which keeps its connection");
        assertFalse(hostDispatcher.executorService().isShutdown());
        assertThrows(IllegalStateException.class, () -> transport.send(HttpRequest.builder("GET", server.uri("/")).build()));
        try (Response direct = host.newCall(new Request.Builder().url(server.uri("/after").toString()).build()).execute()) {
            assertEquals(200, direct.code());
        }
    }

    @Test
    void wrappedClientStillSendsOneAttempt() throws IOException {
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
        OkHttpClient host = new OkHttpClient.Builder()
                .followRedirects(true)
                .retryOnConnectionFailure(true)
                .authenticator((route, response) -> response.request().newBuilder().header("Authorization", "Basic aG9zdDpjcmVkcw==").build())
                .build();
        OkHttpTransport transport = closing(OkHttpTransport.wrap(host, TransportOptions.defaults()));

        assertEquals(302, transport.send(HttpRequest.builder("GET", server.uri("/moved")).build()).status());
        assertEquals(401, transport.send(HttpRequest.builder("GET", server.uri("/secret")).build()).status());
        assertEquals(503, transport.send(HttpRequest.builder("GET", server.uri("/busy")).build()).status());

        assertEquals(3, server.received().size(), server.received()::toString);
        assertTrue(server.received().stream().noneMatch(r -> r.header("Authorization") != null),
                "the host's authenticator must not answer PagerDuty's 401");
    }

    @Test
    void wrapWithoutOptionsSendsThroughTheHostClientWithTheDefaultReadTimeout() throws Exception {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        AtomicInteger hostCalls = new AtomicInteger();
        AtomicInteger readTimeoutMillis = new AtomicInteger();
        AtomicInteger writeTimeoutMillis = new AtomicInteger();
        ConnectionPool hostPool = new ConnectionPool();
        OkHttpClient host = new OkHttpClient.Builder()
                .connectionPool(hostPool)
                .readTimeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5))
                .addInterceptor(chain -> {
                    hostCalls.incrementAndGet();
                    return chain.proceed(chain.request().newBuilder().header("X-Host-Interceptor", "yes").build());
                })
                .addNetworkInterceptor(chain -> {
                    readTimeoutMillis.set(chain.readTimeoutMillis());
                    writeTimeoutMillis.set(chain.writeTimeoutMillis());
                    return chain.proceed(chain.request());
                })
                .build();
        OkHttpTransport transport = OkHttpTransport.wrap(host);

        HttpResponse response = transport.send(HttpRequest.builder("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertEquals("yes", server.only().header("X-Host-Interceptor"));
        assertEquals(1, hostCalls.get());
        assertTrue(hostPool.connectionCount() >= 1, "the exchange used the host's pool, which keeps its connection");
        assertEquals(60_000, readTimeoutMillis.get(), "the default read timeout, not the host's 5 s");
        assertEquals(60_000, writeTimeoutMillis.get(), "the default read timeout, not the host's 5 s");
        String agent = server.only().header("User-Agent");
        assertTrue(agent.startsWith("okhttp/"), "no User-Agent of the transport's own: " + agent);
        try (Response direct = host.newCall(new Request.Builder().url(server.uri("/after").toString()).build()).execute()) {
            assertEquals(200, direct.code(), "the host's client still works");
        }
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
        OkHttpTransport transport = closing(OkHttpTransport.wrap(new OkHttpClient()));

        ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class,
                () -> transport.send(HttpRequest.builder("GET", server.uri("/big")).build()));

        assertEquals(TransportOptions.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
    }

    @Test
    void wrapRefusesProxyOptions() {
        OkHttpClient host = new OkHttpClient();
        assertThrows(IllegalArgumentException.class, () -> OkHttpTransport.wrap(host,
                TransportOptions.builder().proxy(ProxyOptions.of("127.0.0.1", 3128)).build()));
    }

    @Test
    void closeReleasesTheOwnedClient() throws IOException {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0])));
        OkHttpTransport transport = OkHttpTransport.create();
        transport.send(HttpRequest.builder("GET", server.uri("/")).build());
        assertEquals(1, transport.client().connectionPool().connectionCount());

        transport.close();

        assertEquals(0, transport.client().connectionPool().connectionCount());
        assertTrue(transport.client().dispatcher().executorService().isShutdown());
    }

    @Test
    void transferEncodingOfTheRequestCannotBreakTheFraming() throws IOException {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> LoopbackServer.reply(ex, 200, req.body())));
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);

        HttpResponse response = closing(OkHttpTransport.create()).send(HttpRequest.builder("POST", server.uri("/te"))
                .header("Transfer-Encoding", "chunked").body(body).build());

        assertEquals("3", server.only().header("Content-Length"));
        assertNull(server.only().header("Transfer-Encoding"));
        assertArrayEquals(body, response.body());
    }

    @Test
    void responseFieldsThatLookStashedComeBackUnchanged() throws IOException {
        LoopbackServer server = closing(LoopbackServer.start((req, ex) -> {
            ex.getResponseHeaders().add("X-Pdkit-Stashed-Retry-After", "7");
            ex.getResponseHeaders().add("Retry-After", "0");
            LoopbackServer.reply(ex, 503, new byte[0]);
        }));

        HttpResponse response = closing(OkHttpTransport.create()).send(HttpRequest.builder("GET", server.uri("/")).build());

        assertEquals("0", response.headers().firstOrNull("Retry-After"));
        assertEquals("7", response.headers().firstOrNull("X-Pdkit-Stashed-Retry-After"));
        assertEquals(1, server.received().size());
    }

    @Test
    void tunnelGetsProxyCredentialsPreemptivelyAndA407IsNotAnsweredAgain() throws Exception {
        ServerSocket proxy = closing(new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1")));
        CompletableFuture<List<String>> connects = new CompletableFuture<>();
        Thread proxyThread = new Thread(() -> connects.complete(answerConnectsWith407(proxy)), "test-proxy");
        proxyThread.setDaemon(true);
        proxyThread.start();
        String password = "p\u00e4ssw\u00f6rd";
        OkHttpTransport transport = closing(OkHttpTransport.create(TransportOptions.builder()
                .proxy(ProxyOptions.of("127.0.0.1", proxy.getLocalPort()).withCredentials("proxyuser", password))
                .build()));

        ConnectException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(ConnectException.class,
                () -> transport.send(HttpRequest.builder("GET", URI.create("https://api.pdkit-tunnel.invalid/users"))
                        .header("Authorization", "Token token=secret").build())));
        proxy.close();

        List<String> heads = connects.get(20, TimeUnit.SECONDS);
        assertEquals(1, heads.size(), heads::toString);
        String head = heads.get(0);
        assertTrue(head.startsWith("CONNECT api.pdkit-tunnel.invalid:443 HTTP/1.1"), head);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("proxyuser:" + password).getBytes(StandardCharsets.UTF_8));
        assertTrue(head.contains("\r\nProxy-Authorization: " + basic + "\r\n"), head);
        assertFalse(head.contains("Token token=secret"), "the origin's credentials stay inside the tunnel");
        assertInstanceOf(IOException.class, e.getCause());
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
