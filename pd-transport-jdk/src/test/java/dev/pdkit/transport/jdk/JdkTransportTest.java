package dev.pdkit.transport.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.TransportOptions;
import dev.pdkit.testkit.contract.LoopbackServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdkTransportTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

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

    private LoopbackServer server(LoopbackServer.Responder responder) throws IOException {
        return closing(LoopbackServer.start(responder));
    }

    private JdkTransport transport() {
        return closing(JdkTransport.create());
    }

    private JdkTransport transport(TransportOptions options) {
        return closing(JdkTransport.create(options));
    }

    /** A latch a blocked handler waits on; released when the test ends, whatever happened. */
    private CountDownLatch releasedAtEnd() {
        CountDownLatch latch = new CountDownLatch(1);
        toClose.add(latch::countDown);
        return latch;
    }

    private static HttpRequest.Builder request(String method, URI uri) {
        return HttpRequest.builder(method, uri);
    }

    // ---- methods, bodies, headers ----

    @ParameterizedTest(name = "{0} with body={1}")
    @CsvSource({
        "GET, false", "GET, true",
        "POST, false", "POST, true",
        "PUT, false", "PUT, true",
        "PATCH, false", "PATCH, true",
        "DELETE, false", "DELETE, true",
    })
    void sendsMethodBodyAndHeaders(String method, boolean withBody) throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Seen-Method", req.method());
            LoopbackServer.reply(ex, 200, req.body());
        });
        byte[] body = withBody ? ("{\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8) : null;

        HttpResponse response = transport().send(request(method, server.uri("/things/1?x=a%20b"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", "Token token=abc")
                .header("From", "someone@example.com")
                .body(body)
                .build());

        LoopbackServer.Received seen = server.only();
        assertEquals(method, seen.method());
        assertEquals("/things/1?x=a%20b", seen.uri().toString());
        assertArrayEquals(withBody ? body : new byte[0], seen.body());
        assertEquals("application/json", seen.header("Accept"));
        assertEquals("application/json", seen.header("Content-Type"));
        assertEquals("Token token=abc", seen.header("Authorization"));
        assertEquals("someone@example.com", seen.header("From"));
        assertEquals(200, response.status());
        assertEquals(method, response.headers().firstOrNull("x-seen-method"));
        assertArrayEquals(withBody ? body : new byte[0], response.body());
    }

    @Test
    void sendsAndReturnsMultiValuedHeaders() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Multi", "one");
            ex.getResponseHeaders().add("X-Multi", "two");
            ex.getResponseHeaders().add("Link", "<https://x/1>; rel=\"next\"");
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        Headers headers = Headers.builder().add("X-Multi", "a").add("X-Multi", "b").add("X-Single", "c").build();

        HttpResponse response = transport().send(request("GET", server.uri("/")).headers(headers).build());

        assertEquals(List.of("a", "b"), server.only().headers("X-Multi"));
        assertEquals("c", server.only().header("X-Single"));
        assertEquals(List.of("one", "two"), response.headers().all("X-Multi"));
        assertEquals("<https://x/1>; rel=\"next\"", response.headers().firstOrNull("link"));
    }

    @Test
    void skipsHeadersTheJdkForbidsAndSendsTheRest() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);

        HttpResponse response = transport().send(request("POST", server.uri("/")).header("Host", "evil.example")
                .header("Connection", "close").header("Content-Length", "999").header("Expect", "100-continue")
                .header("Upgrade", "h2c").header("X-Kept", "yes").body(body).build());

        LoopbackServer.Received seen = server.only();
        assertEquals("127.0.0.1:" + server.port(), seen.header("Host"));
        assertEquals("3", seen.header("Content-Length"));
        assertNull(seen.header("Upgrade"));
        assertNull(seen.header("Expect"));
        assertEquals("yes", seen.header("X-Kept"));
        assertArrayEquals(body, response.body());
    }

    @Test
    void userAgentComesFromOptionsUnlessTheRequestHasOne() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        JdkTransport transport = transport(TransportOptions.builder().userAgent("pdkit-test/1.0").build());

        transport.send(request("GET", server.uri("/a")).build());
        transport.send(request("GET", server.uri("/b")).header("User-Agent", "mine/2").build());

        assertEquals("pdkit-test/1.0", server.received().get(0).header("User-Agent"));
        assertEquals("mine/2", server.received().get(1).header("User-Agent"));
    }

    @Test
    void roundTripsUtf8BodyByteForByte() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        byte[] body = "{\"summary\":\"Störung ☎ 障害 🚨\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse response = transport().send(request("POST", server.uri("/"))
                .header("Content-Type", "application/json; charset=utf-8").body(body).build());

        assertArrayEquals(body, server.only().body());
        assertArrayEquals(body, response.body());
        assertEquals("{\"summary\":\"Störung ☎ 障害 🚨\"}", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsOneMegabyteBody() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);

        HttpResponse response = transport().send(request("PUT", server.uri("/big")).body(body).build());

        assertArrayEquals(body, server.only().body());
        assertEquals(body.length, response.bodyLength());
        assertArrayEquals(body, response.body());
    }

    // ---- statuses: every one is a response, and exactly one request reaches the server ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"200, ok", "404, not found", "500, boom", "503, busy"})
    void returnsStatusAndBodyAfterExactlyOneRequest(int status, String text) throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("Retry-After", "1");
            LoopbackServer.reply(ex, status, text.getBytes(StandardCharsets.US_ASCII));
        });

        HttpResponse response = transport().send(request("POST", server.uri("/x")).body(new byte[] {1}).build());

        assertEquals(status, response.status());
        assertEquals(text, new String(response.body(), StandardCharsets.US_ASCII));
        assertEquals(1, server.received().size());
    }

    @Test
    void returns204WithEmptyBody() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));

        HttpResponse response = transport().send(request("DELETE", server.uri("/x")).build());

        assertEquals(204, response.status());
        assertEquals(0, response.bodyLength());
        assertEquals(1, server.received().size());
    }

    @Test
    void returnsRedirectWithoutFollowingIt() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("Location", "/elsewhere");
            LoopbackServer.reply(ex, 301, "moved".getBytes(StandardCharsets.US_ASCII));
        });

        HttpResponse response = transport().send(request("GET", server.uri("/old")).build());

        assertEquals(301, response.status());
        assertEquals("/elsewhere", response.headers().firstOrNull("Location"));
        assertEquals("/old", server.only().uri().getPath());
    }

    // ---- failures ----

    @Test
    void refusedConnectionIsConnectException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        JdkTransport transport = transport();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");

        ConnectException e = assertThrows(ConnectException.class,
                () -> transport.send(request("POST", uri).body(new byte[] {1}).build()));

        assertNotNull(e.getCause());
    }

    @Test
    void connectTimeoutIsConnectException() throws IOException {
        // A listening socket that never accepts: once its backlog is full, Linux drops further SYNs,
        // so the next connect can only time out.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            boolean backlogFull = false;
            try {
                for (int i = 0; i < 16 && !backlogFull; i++) {
                    Socket filler = new Socket();
                    fillers.add(filler);
                    try {
                        filler.connect(socket.getLocalSocketAddress(), 200);
                    } catch (SocketTimeoutException full) {
                        backlogFull = true;
                    }
                }
                assumeTrue(backlogFull, "this OS does not drop connections to a full backlog");
                JdkTransport transport = transport(TransportOptions.builder().connectTimeout(Duration.ofMillis(200)).build());
                URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");

                ConnectException e = assertTimeoutPreemptively(TEN_SECONDS, () -> assertThrows(ConnectException.class,
                        () -> transport.send(request("POST", uri).body(new byte[] {1}).build())));

                assertInstanceOf(HttpConnectTimeoutException.class, e.getCause());
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void unresolvableHostIsConnectException() {
        // .invalid is reserved (RFC 6761): it never resolves.
        JdkTransport transport = transport();
        URI uri = URI.create("http://pdkit-no-such-host.invalid/");

        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ConnectException.class, () -> transport.send(request("GET", uri).build())));
    }

    @Test
    void readTimeoutFromRequestIsIoExceptionButNotConnectException() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        JdkTransport transport = transport();
        HttpRequest slow = request("POST", server.uri("/slow")).body(new byte[] {1}).timeout(Duration.ofMillis(200)).build();

        IOException e = assertTimeoutPreemptively(TEN_SECONDS, () -> assertThrows(IOException.class, () -> transport.send(slow)));

        assertFalse(e instanceof ConnectException, e::toString);
        assertInstanceOf(SocketTimeoutException.class, e);
        assertEquals(1, server.received().size());
    }

    @Test
    void readTimeoutFromOptionsAppliesWhenRequestHasNone() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        JdkTransport transport = transport(TransportOptions.builder().readTimeout(Duration.ofMillis(200)).build());

        IOException e = assertTimeoutPreemptively(TEN_SECONDS,
                () -> assertThrows(IOException.class, () -> transport.send(request("GET", server.uri("/slow")).build())));

        assertFalse(e instanceof ConnectException, e::toString);
    }

    @Test
    void stalledBodyTimesOutToo() throws IOException {
        // The JDK's request timeout stops at the response headers; the transport's deadline covers the body.
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            ex.sendResponseHeaders(200, 100);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            awaitQuietly(release);
        });
        JdkTransport transport = transport(TransportOptions.builder().connectTimeout(Duration.ofMillis(200)).build());
        HttpRequest request = request("GET", server.uri("/stall")).timeout(Duration.ofMillis(200)).build();

        IOException e = assertTimeoutPreemptively(TEN_SECONDS, () -> assertThrows(IOException.class, () -> transport.send(request)));

        assertInstanceOf(SocketTimeoutException.class, e);
        assertFalse(e instanceof ConnectException, e::toString);
    }

    @Test
    void interruptThrowsInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
        CountDownLatch release = releasedAtEnd();
        CountDownLatch arrived = new CountDownLatch(1);
        LoopbackServer server = server((req, ex) -> {
            arrived.countDown();
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        JdkTransport transport = transport();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                transport.send(request("GET", server.uri("/wait")).build());
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
            flagAfter.complete(Thread.currentThread().isInterrupted());
        });
        sender.start();
        assertTrue(arrived.await(10, TimeUnit.SECONDS));

        sender.interrupt();

        assertInstanceOf(InterruptedIOException.class, thrown.get(10, TimeUnit.SECONDS));
        assertTrue(flagAfter.get(10, TimeUnit.SECONDS));
    }

    // ---- proxy ----

    @Test
    void sendsThroughProxyWithBasicCredentials() throws IOException {
        LoopbackServer proxy = server((req, ex) -> LoopbackServer.reply(ex, 200, "via proxy".getBytes(StandardCharsets.US_ASCII)));
        JdkTransport transport = transport(TransportOptions.builder()
                .proxy(ProxyOptions.of("127.0.0.1", proxy.port()).withCredentials("proxyuser", "pässwörd:1"))
                .build());

        HttpResponse response = transport.send(request("POST", URI.create("http://api.pdkit-proxied.invalid/incidents?limit=1"))
                .header("Authorization", "Token token=abc").body(new byte[] {1}).build());

        LoopbackServer.Received seen = proxy.only();
        assertEquals("http://api.pdkit-proxied.invalid/incidents?limit=1", seen.uri().toString());
        String expected = "Basic " + Base64.getEncoder().encodeToString("proxyuser:pässwörd:1".getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, seen.header("Proxy-Authorization"));
        assertEquals("Token token=abc", seen.header("Authorization"));
        assertEquals("via proxy", new String(response.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void sendsThroughProxyWithoutCredentials() throws IOException {
        LoopbackServer proxy = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        JdkTransport transport = transport(TransportOptions.builder().proxy(ProxyOptions.of("127.0.0.1", proxy.port())).build());

        transport.send(request("GET", URI.create("http://api.pdkit-proxied.invalid/users")).build());

        assertEquals("http://api.pdkit-proxied.invalid/users", proxy.only().uri().toString());
        assertNull(proxy.only().header("Proxy-Authorization"));
    }

    @Test
    void proxyHeadersNeverReachADirectOrigin() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));

        transport().send(request("GET", server.uri("/")).header("Proxy-Authorization", "Basic eDp5").build());

        assertNull(server.only().header("Proxy-Authorization"));
    }

    // ---- response headers ----

    @Test
    void responseHeadersLeaveOutPseudoHeadersAndValuesHeadersCannotHold() {
        HttpHeaders jdk = HttpHeaders.of(Map.of(
                ":status", List.of("200"),
                "content-type", List.of("application/json"),
                "x-multi", List.of("1", "2"),
                "x-latin", List.of("caf\u00e9", "plain")), (name, value) -> true);

        Headers headers = JdkTransport.toHeaders(jdk);

        assertFalse(headers.contains(":status"));
        assertEquals("application/json", headers.firstOrNull("Content-Type"));
        assertEquals(List.of("1", "2"), headers.all("X-Multi"));
        assertEquals(List.of("plain"), headers.all("X-Latin"));
    }

    @Test
    void nonAsciiResponseHeaderDoesNotCostTheResponse() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"caf\u00e9.txt\"");
            ex.getResponseHeaders().add("X-Request-Id", "r1");
            LoopbackServer.reply(ex, 200, "ok".getBytes(StandardCharsets.US_ASCII));
        });

        HttpResponse response = transport().send(request("GET", server.uri("/")).build());

        assertEquals(200, response.status());
        assertEquals("r1", response.headers().firstOrNull("X-Request-Id"));
        assertFalse(response.headers().contains("Content-Disposition"));
    }

    // ---- lifecycle and wrapping ----

    @Test
    void sendAfterCloseIsIllegalStateAndCloseIsIdempotent() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        JdkTransport transport = JdkTransport.create();
        transport.send(request("GET", server.uri("/")).build());

        transport.close();
        transport.close();

        assertTrue(transport.ownedExecutor().isShutdown());
        assertThrows(IllegalStateException.class, () -> transport.send(request("GET", server.uri("/")).build()));
        assertEquals(1, server.received().size());
    }

    @Test
    void ownedClientRunsOnDaemonThreadsNamedForPdkit() throws Exception {
        JdkTransport transport = transport();
        Future<Thread> thread = transport.ownedExecutor().submit(Thread::currentThread);

        Thread t = thread.get(10, TimeUnit.SECONDS);

        assertTrue(t.isDaemon());
        assertTrue(t.getName().matches("pdkit-jdk-http-\\d+"), t.getName());
    }

    @Test
    void wrappedClientIsUsedAndNotClosed() throws Exception {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService hostPool = Executors.newCachedThreadPool();
        closing(hostPool::shutdownNow);
        HttpClient hostClient = HttpClient.newBuilder().executor(task -> {
            tasks.incrementAndGet();
            hostPool.execute(task);
        }).build();
        JdkTransport transport = JdkTransport.wrap(hostClient,
                TransportOptions.builder().userAgent("wrapped/1").readTimeout(TEN_SECONDS).build());

        HttpResponse response = transport.send(request("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertEquals("wrapped/1", server.only().header("User-Agent"));
        assertTrue(tasks.get() > 0, "the host client's executor ran the exchange");
        assertNull(transport.ownedExecutor());
        assertFalse(hostPool.isShutdown());
        java.net.http.HttpResponse<Void> direct = hostClient.send(
                java.net.http.HttpRequest.newBuilder(server.uri("/after")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(200, direct.statusCode());
        assertThrows(IllegalStateException.class, () -> transport.send(request("GET", server.uri("/")).build()));
    }

    @Test
    void wrapRefusesClientsThatWouldBreakTheContract() {
        TransportOptions defaults = TransportOptions.defaults();
        assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.wrap(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), defaults));
        assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.wrap(HttpClient.newBuilder().authenticator(new java.net.Authenticator() { }).build(), defaults));
        assertThrows(IllegalArgumentException.class, () -> JdkTransport.wrap(HttpClient.newHttpClient(),
                TransportOptions.builder().proxy(ProxyOptions.of("127.0.0.1", 3128)).build()));
    }

    @Test
    void wrapWithoutOptionsSendsThroughTheHostClientWithTheDefaults() throws Exception {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService hostPool = Executors.newCachedThreadPool();
        closing(hostPool::shutdownNow);
        HttpClient hostClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(task -> {
            tasks.incrementAndGet();
            hostPool.execute(task);
        }).build();
        JdkTransport transport = JdkTransport.wrap(hostClient);

        HttpResponse response = transport.send(request("POST", server.uri("/w")).body(new byte[] {7}).build());
        transport.close();

        assertArrayEquals(new byte[] {7}, response.body());
        assertTrue(tasks.get() > 0, "the host client's executor ran the exchange");
        assertNull(transport.ownedExecutor());
        assertFalse(hostPool.isShutdown());
        assertEquals(Duration.ofSeconds(60), transport.options().readTimeout());
        assertEquals(64L * 1024 * 1024, transport.options().maxResponseBytes());
        assertEquals(Duration.ofSeconds(10), transport.options().connectTimeout());
        assertNull(transport.options().userAgent());
        assertFalse(transport.options().proxy().isPresent());
        String agent = server.only().header("User-Agent");
        assertTrue(agent.startsWith("Java-http-client/"), "no User-Agent of the transport's own: " + agent);
    }

    @Test
    void wrapWithoutOptionsRefusesABodyOverTheDefaultLimit() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            ex.sendResponseHeaders(200, TransportOptions.DEFAULT_MAX_RESPONSE_BYTES + 1);
            ex.getResponseBody().write(new byte[1024]);
            ex.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        JdkTransport transport = closing(JdkTransport.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()));

        dev.pdkit.spi.ResponseTooLargeException e = assertThrows(dev.pdkit.spi.ResponseTooLargeException.class,
                () -> transport.send(request("GET", server.uri("/big")).build()));

        assertEquals(TransportOptions.DEFAULT_MAX_RESPONSE_BYTES, e.limit());
    }

    @Test
    void wrapWithoutOptionsRefusesClientsThatWouldBreakTheContract() {
        assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.wrap(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()));
        assertThrows(IllegalArgumentException.class,
                () -> JdkTransport.wrap(HttpClient.newBuilder().authenticator(new java.net.Authenticator() { }).build()));
        assertThrows(NullPointerException.class, () -> JdkTransport.wrap((HttpClient) null));
    }

    @Test
    void nameAndToStringShowNoCredentials() {
        JdkTransport transport = transport(TransportOptions.builder()
                .proxy(ProxyOptions.of("proxy.example", 3128).withCredentials("u", "s3cret-pw")).build());

        assertEquals("jdk", transport.name());
        String text = transport.toString();
        assertTrue(text.contains("jdk") && text.contains("proxy.example"), text);
        assertFalse(text.contains("s3cret-pw"), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString("u:s3cret-pw".getBytes(StandardCharsets.UTF_8))), text);
    }

    // ---- concurrency ----

    @Test
    void sixteenThreadsShareOneTransport() throws Exception {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Path", req.uri().getPath());
            LoopbackServer.reply(ex, 200, req.body());
        });
        JdkTransport transport = transport();
        int threads = 16;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        closing(pool::shutdownNow);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    HttpResponse response = transport.send(request("POST", server.uri("/c/" + id))
                            .body(id.getBytes(StandardCharsets.US_ASCII)).build());
                    assertEquals(200, response.status());
                    assertEquals("/c/" + id, response.headers().firstOrNull("X-Path"));
                    assertEquals(id, new String(response.body(), StandardCharsets.US_ASCII));
                    ok++;
                }
                return ok;
            }));
        }
        start.countDown();

        for (Future<Integer> result : results) {
            assertEquals(perThread, result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(threads * perThread, server.received().size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
