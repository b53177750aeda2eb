package dev.pdkit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pdkit.spi.Headers;
import dev.pdkit.spi.HttpRequest;
import dev.pdkit.spi.HttpResponse;
import dev.pdkit.spi.ProxyOptions;
import dev.pdkit.spi.ResponseTooLargeException;
import dev.pdkit.spi.Transport;
import dev.pdkit.spi.TransportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link Transport} MUST have, as a JUnit Jupiter suite. An adapter's tests
 * extend this class and implement {@link #createTransport(TransportOptions)}:
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContract {
 *     @Override
 *     protected Transport createTransport(TransportOptions options) {
 *         return MyTransport.create(options);
 *     }
 * }
 * }</pre>
 *
 * <p>The suite drives real loopback servers on {@code 127.0.0.1} (the JDK's
 * {@code com.sun.net.httpserver}, and a plain socket where exact bytes matter) and checks, for plain
 * {@code http}:
 * <ul>
 *   <li>every method with and without a body, the request target sent as given, header names
 *       case-insensitive, multi-valued headers in both directions, non-ASCII header values rejected
 *       before sending and left out of responses, the User-Agent of the options;</li>
 *   <li>bodies of 0 bytes, 1 byte, 5 MB and multi-byte UTF-8, byte for byte both ways; no compression
 *       negotiated or undone behind core's back;</li>
 *   <li>statuses 2xx, 3xx (never followed), 4xx and 5xx returned as responses, each after exactly
 *       one request, even with {@code Retry-After: 0}, {@code WWW-Authenticate} or {@code Location};
 *       a dropped connection is an {@code IOException} and is not retried;</li>
 *   <li>a refused connection (its message naming host and port), an unresolvable host and a
 *       connect timeout are {@link ConnectException}s; a read timeout, a stalled body and a body
 *       that trickles in past connect plus read timeout are {@link SocketTimeoutException}s, within
 *       the configured time plus a generous margin, and never set the interrupt flag;</li>
 *   <li>an interrupt ends an exchange promptly with an {@link InterruptedIOException} and the flag
 *       kept; an interrupted thread sends nothing;</li>
 *   <li>a pooled connection the server closed while idle is never used: the next request, of any
 *       method, goes once on a new connection;</li>
 *   <li>a body over {@link TransportOptions#maxResponseBytes()} is refused while it is read;</li>
 *   <li>the proxy of the options is used, with pre-emptive Basic credentials, and its 407 is a
 *       response; {@code Proxy-*} headers never reach an origin directly;</li>
 *   <li>sequential requests reuse one pooled connection; 64 threads share one transport;</li>
 *   <li>{@link Transport#close()} is idempotent, later sends throw {@link IllegalStateException},
 *       and pooled connections are closed.</li>
 * </ul>
 *
 * <p>Where an HTTP library cannot do what the suite asks, the adapter says so by overriding one of
 * the {@code protected} hooks below (each documents the deviation it allows); the suite then
 * checks the documented alternative, or reports the check as skipped. Every test is bounded in time.
 * Only two things wait for real time, because the rule under test is about real time inside the
 * HTTP library: the stale-connection test lets a pooled connection idle, and the trickling server
 * paces its bytes.
 *
 * <p>Not thread-safe; JUnit creates an instance per test.
 */
// JUnit is `requires static` in dev.pdkit.testkit (optional for users of the fake server only), so javac
// notes that its annotations on these public methods are not re-exported; whoever runs a contract has JUnit.
@SuppressWarnings("exports")
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TransportContract {

    /** The upper bound the suite allows for anything that should happen "promptly". */
    private static final Duration BOUND = Duration.ofSeconds(20);
    /** The slack allowed on top of a configured timeout before the suite calls it too slow. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    private static final int[] STATUSES = {
        200, 201, 202, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 408, 409, 410, 421, 422, 429, 500, 502, 503, 504,
    };

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<CountDownLatch> latches = new ArrayList<>();

    /** For subclasses. */
    protected TransportContract() {
    }

    /**
     * Creates the transport under test. Called once or more per test, each time for a new transport
     * that the suite closes at the end of the test.
     *
     * @param options the options the transport MUST honour
     * @return a new transport
     */
    protected abstract Transport createTransport(TransportOptions options);

    /**
     * Whether the transport can send a request body with {@code method}. Defaults to true for every
     * method. An adapter whose HTTP library refuses a body for some method (OkHttp: {@code GET})
     * returns false for it; the suite then requires {@link Transport#send} to throw
     * {@link IllegalArgumentException} before anything reaches the server, instead of silently
     * dropping the body.
     *
     * @param method an upper-case method name
     * @return true if a body can be sent with it
     */
    protected boolean sendsBodyWith(String method) {
        return true;
    }

    /**
     * Whether {@link Transport#close()} closes the idle pooled connections at once. Defaults to true.
     * An adapter whose client cannot close them (the JDK's {@code HttpClient} before Java 21, which
     * has no {@code close()}, leaves them to garbage collection) returns false, and the check is
     * reported as skipped.
     *
     * @return true if closing the transport closes its idle connections
     */
    protected boolean closesIdleConnectionsOnClose() {
        return true;
    }

    /**
     * Whether the HTTP library sends a {@code GET} once more, by itself, when the connection closes
     * before any byte of the response arrived. Defaults to false. The JDK's {@code HttpClient} does
     * this for {@code GET} and {@code HEAD} and offers no switch to stop it, so its adapter returns
     * true; the suite then tolerates exactly one repetition of such a {@code GET} (never of a
     * {@code POST}), and still requires that a failure is not a {@link ConnectException}.
     *
     * @return true if the library repeats a {@code GET} after a connection closed without a response
     */
    protected boolean repeatsGetOnceAfterEarlyClose() {
        return false;
    }

    /**
     * The options most tests use: 5 s to connect, 30 s to read, User-Agent
     * {@code pdkit-contract/1.0}, no proxy.
     *
     * @return the default options of the suite
     */
    protected TransportOptions defaultOptions() {
        return TransportOptions.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .userAgent("pdkit-contract/1.0")
                .build();
    }

    /**
     * Releases blocked server handlers, then closes every transport and server of the test, newest
     * first.
     *
     * @throws Exception if closing failed
     */
    @AfterEach
    public void releaseResources() throws Exception {
        latches.forEach(CountDownLatch::countDown);
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }

    // ---------------------------------------------------------------- methods, target, headers

    /**
     * Every method, with and without a body: the server sees the method, the exact body and the
     * headers, once; the response carries the echoed body.
     *
     * @return one test per method and body
     * @throws IOException if the server cannot start
     */
    @TestFactory
    public Stream<DynamicTest> everyMethodWithAndWithoutBody() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Seen-Method", req.method());
            LoopbackServer.reply(ex, 200, req.body());
        });
        Transport transport = transport();
        List<DynamicTest> tests = new ArrayList<>();
        for (String method : ALL_METHODS) {
            for (boolean withBody : new boolean[] {false, true}) {
                if (withBody && method.equals("HEAD")) {
                    continue;
                }
                String path = "/methods/" + method + (withBody ? "/with-body" : "/without-body");
                tests.add(DynamicTest.dynamicTest(method + (withBody ? " with a body" : " without a body"), () -> {
                    byte[] body = withBody ? ("{\"method\":\"" + method + "\"}").getBytes(StandardCharsets.UTF_8) : null;
                    HttpRequest request = HttpRequest.builder(method, server.uri(path))
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Token token=contract")
                            .header("From", "someone@example.com")
                            .body(body)
                            .build();
                    if (withBody && !sendsBodyWith(method)) {
                        assertThrows(IllegalArgumentException.class, () -> transport.send(request),
                                "a body the library cannot send must be refused, not dropped");
                        assertEquals(0, requestsTo(server, path).size(), "nothing may reach the server");
                        return;
                    }

                    HttpResponse response = send(transport, request);

                    List<LoopbackServer.Received> seen = requestsTo(server, path);
                    assertEquals(1, seen.size(), () -> "requests seen: " + seen);
                    LoopbackServer.Received received = seen.get(0);
                    assertEquals(method, received.method());
                    assertArrayEquals(withBody ? body : new byte[0], received.body(), "request body as received");
                    assertEquals("application/json", received.header("Accept"));
                    assertEquals("Token token=contract", received.header("Authorization"));
                    assertEquals("someone@example.com", received.header("From"));
                    assertEquals(200, response.status());
                    assertEquals(method, response.headers().firstOrNull("X-Seen-Method"));
                    assertArrayEquals(withBody && !method.equals("HEAD") ? body : new byte[0], response.body(),
                            "response body");
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The request target (path and query) reaches the server exactly as the URI encodes it: core
     * has already encoded it, and a transport that re-encodes or normalizes it changes the request.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void requestTargetIsSentAsEncoded() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        String target = "/a%2Fb/c%20d/%C3%A9/P1?q=a%20b&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged"
                + "&plus=a+b&amp=%26&empty=&time=2026-01-01T00%3A00%3A00Z";

        send(transport(), HttpRequest.builder("GET", server.uri(target)).build());

        URI seen = server.only().uri();
        assertEquals(target, seen.getRawPath() + "?" + seen.getRawQuery());
    }

    /**
     * Header names are case-insensitive both ways, and an empty value is a value.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void headerNamesAreCaseInsensitive() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Mixed-Case-Response", "v1");
            ex.getResponseHeaders().add("x-lower-response", "v2");
            LoopbackServer.reply(ex, 200, new byte[0]);
        });

        HttpResponse response = send(transport(), HttpRequest.builder("GET", server.uri("/headers"))
                .headers(Headers.builder()
                        .add("x-lower-request", "a")
                        .add("X-UPPER-REQUEST", "b")
                        .add("X-Empty", "")
                        .build())
                .build());

        LoopbackServer.Received seen = server.only();
        assertEquals("a", seen.header("X-Lower-Request"));
        assertEquals("b", seen.header("x-upper-request"));
        assertEquals("", seen.header("X-Empty"), "an empty header value is sent as such");
        for (String spelling : List.of("X-Mixed-Case-Response", "x-mixed-case-response", "X-MIXED-CASE-RESPONSE")) {
            assertEquals("v1", response.headers().firstOrNull(spelling), spelling);
        }
        assertEquals("v2", response.headers().firstOrNull("X-Lower-Response"));
    }

    /**
     * Header values reach the wire byte for byte: inner spaces and tabs kept, an empty value sent;
     * received values arrive with their whitespace (a tab may become a space).
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void headerValuesAreSentByteForByte() throws IOException {
        RawServer server = rawServer(c -> {
            if (c.readRequest() != null) {
                c.write("HTTP/1.1 204 No Content\r\nX-Spaces: a  b\tc\r\nX-Empty:\r\n\r\n");
            }
        });

        HttpResponse response = send(transport(), HttpRequest.builder("GET", URI.create(server.base() + "/values"))
                .header("X-Spaces", "a  b\tc").header("X-Empty", "").header("X-Punctuation", "a=\"b\"; c=<d>, e/f?g[h]{i}").build());

        RawServer.Request seen = server.requests().get(0);
        assertEquals("a  b\tc", seen.header("X-Spaces"));
        assertEquals("", seen.header("X-Empty"));
        assertEquals("a=\"b\"; c=<d>, e/f?g[h]{i}", seen.header("X-Punctuation"));
        assertEquals(204, response.status());
        // A recipient MAY replace whitespace in a received value with SP (RFC 9110, 5.5); the JDK does.
        assertEquals("a  b c", response.headers().firstOrNull("X-Spaces").replace('\t', ' '));
        assertEquals("", response.headers().firstOrNull("X-Empty"));
    }

    /**
     * Response fields whose names differ only in case are one field with every value, in order.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void responseFieldsDifferingOnlyInCaseAreOneField() throws IOException {
        RawServer server = rawServer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nX-Case: a\r\nx-case: b\r\nX-CASE: c\r\nContent-Length: 2\r\n\r\nok");
        });

        HttpResponse response = send(transport(), HttpRequest.builder("GET", URI.create(server.base() + "/case")).build());

        assertEquals(List.of("a", "b", "c"), response.headers().all("x-Case"));
        assertEquals("ok", new String(response.body(), StandardCharsets.US_ASCII));
    }

    /**
     * A field with several values arrives with every value, in order, in both directions. A
     * request's values may reach the server as separate lines or as one comma-separated line (the
     * same thing in HTTP); a response's values MUST be kept apart.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void multiValuedHeadersBothWays() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Multi", "one");
            ex.getResponseHeaders().add("X-Multi", "two");
            ex.getResponseHeaders().add("Set-Cookie", "a=1; Path=/");
            ex.getResponseHeaders().add("Set-Cookie", "b=2; Path=/");
            ex.getResponseHeaders().add("Link", "<https://api.example/x?offset=25>; rel=\"next\"");
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        Headers headers = Headers.builder().add("X-Multi", "a").add("X-Multi", "b").add("X-Single", "c").build();

        HttpResponse response = send(transport(), HttpRequest.builder("GET", server.uri("/multi")).headers(headers).build());

        List<String> sent = server.only().headers("X-Multi").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .collect(Collectors.toList());
        assertEquals(List.of("a", "b"), sent);
        assertEquals("c", server.only().header("X-Single"));
        assertEquals(List.of("one", "two"), response.headers().all("x-multi"));
        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), response.headers().all("Set-Cookie"));
        assertEquals("<https://api.example/x?offset=25>; rel=\"next\"", response.headers().firstOrNull("Link"));
    }

    /**
     * Non-ASCII (and line-breaking) header values are refused when the request is built, so no
     * transport ever has to choose an encoding for them: every transport sends the same bytes.
     */
    @Test
    public void nonAsciiRequestHeaderValuesAreRejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> Headers.of("X-Name", "caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("X-Name", "\u969c\u5bb3"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("X-Name", "a\r\nX-Injected: b"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("X Name", "a"));
        assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", URI.create("http://127.0.0.1/")).header("X-Name", "\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().userAgent("pdkit \u2603"));
    }

    /**
     * A response header whose value is not ASCII (Latin-1 or UTF-8 bytes) does not cost the caller
     * the response: the field is left out, since {@link Headers} cannot hold it, and everything else
     * arrives.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void nonAsciiResponseHeaderValuesAreLeftOut() throws IOException {
        RawServer server = rawServer(c -> {
            c.readRequest();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes("HTTP/1.1 200 OK\r\nX-Latin: caf".getBytes(StandardCharsets.ISO_8859_1));
            head.write(0xe9);
            head.writeBytes("\r\nX-Utf8: caf\u00e9\r\n".getBytes(StandardCharsets.UTF_8));
            head.writeBytes("X-Request-Id: r1\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            c.write(head.toByteArray());
        });

        HttpResponse response = send(transport(), HttpRequest.builder("GET", URI.create(server.base() + "/latin")).build());

        assertEquals(200, response.status());
        assertEquals("r1", response.headers().firstOrNull("X-Request-Id"));
        assertEquals("ok", new String(response.body(), StandardCharsets.US_ASCII));
        assertFalse(response.headers().contains("X-Latin"), () -> "X-Latin: " + response.headers().all("X-Latin"));
        assertFalse(response.headers().contains("X-Utf8"), () -> "X-Utf8: " + response.headers().all("X-Utf8"));
    }

    /**
     * Fields the transport derives itself ({@code Host}, {@code Content-Length}, {@code Connection},
     * {@code Expect}, {@code Upgrade}) cannot break the framing when a request carries them: the
     * server sees the real host and length, no upgrade or expectation, and every other field.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void framingHeadersOfTheRequestCannotBreakTheRequest() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 200, req.body()));
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);

        HttpResponse response = send(transport(), HttpRequest.builder("POST", server.uri("/framing"))
                .headers(Headers.builder()
                        .add("Host", "evil.example")
                        .add("Content-Length", "999")
                        .add("Connection", "close")
                        .add("Expect", "100-continue")
                        .add("Upgrade", "h2c")
                        .add("X-Kept", "yes")
                        .build())
                .body(body)
                .build());

        LoopbackServer.Received seen = server.only();
        assertEquals("127.0.0.1:" + server.port(), seen.header("Host"));
        assertArrayEquals(body, seen.body());
        assertNull(seen.header("Upgrade"), "Upgrade");
        assertNull(seen.header("Expect"), "Expect");
        assertEquals("yes", seen.header("X-Kept"));
        assertEquals(200, response.status());
        assertArrayEquals(body, response.body());
    }

    /**
     * The User-Agent of the options is sent when a request has none; a request's own wins.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void userAgentComesFromTheOptionsUnlessTheRequestHasOne() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        Transport transport = transport();

        send(transport, HttpRequest.builder("GET", server.uri("/ua/options")).build());
        send(transport, HttpRequest.builder("GET", server.uri("/ua/request")).header("User-Agent", "mine/2").build());

        assertEquals("pdkit-contract/1.0", requestsTo(server, "/ua/options").get(0).header("User-Agent"));
        assertEquals("mine/2", requestsTo(server, "/ua/request").get(0).header("User-Agent"));
    }

    /**
     * The transport neither asks for compression on its own nor undoes it: a request without
     * {@code Accept-Encoding} reaches the server without one (or with {@code identity}), and a
     * gzip-encoded response, asked for or not, comes back as the server sent it, with its
     * {@code Content-Encoding}. Why: core must see exactly what the server said, on every transport.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void compressionIsNeitherNegotiatedNorUndoneBehindCoresBack() throws IOException {
        byte[] gzipped = gzip("{\"compressed\":true}".getBytes(StandardCharsets.UTF_8));
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            LoopbackServer.reply(ex, 200, gzipped);
        });
        Transport transport = transport();

        HttpResponse unasked = send(transport, HttpRequest.builder("GET", server.uri("/gzip/unasked")).build());
        HttpResponse asked = send(transport, HttpRequest.builder("GET", server.uri("/gzip/asked"))
                .header("Accept-Encoding", "gzip").build());

        String acceptEncoding = requestsTo(server, "/gzip/unasked").get(0).header("Accept-Encoding");
        assertTrue(acceptEncoding == null || acceptEncoding.equalsIgnoreCase("identity"),
                () -> "the transport asked for compression on its own: Accept-Encoding: " + acceptEncoding);
        assertEquals("gzip", requestsTo(server, "/gzip/asked").get(0).header("Accept-Encoding"));
        for (HttpResponse response : List.of(unasked, asked)) {
            assertEquals("gzip", response.headers().firstOrNull("Content-Encoding"));
            assertArrayEquals(gzipped, response.body(), "the body as the server sent it");
        }
    }

    // ---------------------------------------------------------------- bodies

    /**
     * Bodies of 0 bytes, 1 byte, 5 MB and multi-byte UTF-8 arrive byte for byte in both directions.
     *
     * @return one test per body
     * @throws IOException if the server cannot start
     */
    @TestFactory
    public Stream<DynamicTest> bodiesRoundTripByteForByte() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            LoopbackServer.reply(ex, 200, req.body());
        });
        Transport transport = transport();
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        new Random(5).nextBytes(fiveMegabytes);
        String text = "{\"summary\":\"St\u00f6rung \u260e \u969c\u5bb3 \ud83d\udea8\",\"escaped\":\"\\u00e9\\n\"}";
        List<Object[]> bodies = List.of(
                new Object[] {"empty", new byte[0]},
                new Object[] {"one byte", new byte[] {(byte) 0xff}},
                new Object[] {"5 MB", fiveMegabytes},
                new Object[] {"UTF-8 multi-byte", text.getBytes(StandardCharsets.UTF_8)});
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] b : bodies) {
            String name = (String) b[0];
            byte[] body = (byte[]) b[1];
            for (String method : List.of("POST", "PUT")) {
                String path = "/bodies/" + method + "/" + name.replace(' ', '-');
                tests.add(DynamicTest.dynamicTest(method + " " + name, () -> {
                    HttpResponse response = send(transport, HttpRequest.builder(method, server.uri(path))
                            .header("Content-Type", "application/json; charset=utf-8").body(body).build());

                    List<LoopbackServer.Received> seen = requestsTo(server, path);
                    assertEquals(1, seen.size());
                    assertArrayEquals(body, seen.get(0).body(), "request body as received");
                    assertEquals(200, response.status());
                    assertEquals(body.length, response.bodyLength());
                    assertArrayEquals(body, response.body(), "response body");
                }));
            }
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- statuses, no hidden retries

    /**
     * Every status is a response, never an exception, and reaches the caller after exactly one
     * request: redirects are not followed, {@code WWW-Authenticate} is not answered, and
     * {@code Retry-After: 0} on 408, 429 and 503 (which some clients take as "retry now") is left to
     * core, for {@code GET} and {@code POST} alike.
     *
     * @return one test per status and method
     * @throws IOException if the server cannot start
     */
    @TestFactory
    public Stream<DynamicTest> statusesAreResponsesAfterExactlyOneRequest() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            String[] parts = req.uri().getPath().split("/");
            if (!parts[1].equals("status")) {
                LoopbackServer.reply(ex, 200, "followed".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int status = Integer.parseInt(parts[2]);
            ex.getResponseHeaders().add("Retry-After", "0");
            if (status >= 300 && status < 400) {
                ex.getResponseHeaders().add("Location", "/elsewhere/" + status);
            }
            if (status == 401) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"contract\"");
            }
            LoopbackServer.reply(ex, status, ("status " + status).getBytes(StandardCharsets.US_ASCII));
        });
        Transport transport = transport();
        List<DynamicTest> tests = new ArrayList<>();
        for (int status : STATUSES) {
            for (String method : List.of("GET", "POST")) {
                String path = "/status/" + status + "/" + method;
                tests.add(DynamicTest.dynamicTest(status + " to " + method, () -> {
                    HttpRequest.Builder request = HttpRequest.builder(method, server.uri(path))
                            .header("Authorization", "Token token=contract");
                    if (method.equals("POST")) {
                        request.header("Content-Type", "application/json").body("{}".getBytes(StandardCharsets.US_ASCII));
                    }

                    HttpResponse response = send(transport, request.build());

                    assertEquals(status, response.status());
                    byte[] expected = status == 204 ? new byte[0] : ("status " + status).getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(expected, response.body());
                    assertEquals("0", response.headers().firstOrNull("Retry-After"));
                    assertEquals(1, requestsTo(server, path).size(), "requests to " + path);
                    assertEquals(0, server.received().stream().filter(r -> r.uri().getPath().startsWith("/elsewhere/")).count(),
                            "a redirect was followed");
                }));
            }
        }
        return tests.stream();
    }

    /**
     * A connection that the server drops after reading the request is an {@code IOException} other
     * than {@link ConnectException} (the request may have been acted on), and the request is not
     * sent again, on a fresh connection or a reused one. See {@link #repeatsGetOnceAfterEarlyClose()}
     * for the one tolerated exception.
     *
     * @return one test per method and connection
     */
    @TestFactory
    public Stream<DynamicTest> droppedConnectionIsAnIoExceptionAndNotRetried() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String method : List.of("GET", "POST")) {
            boolean repeatTolerated = method.equals("GET") && repeatsGetOnceAfterEarlyClose();
            tests.add(DynamicTest.dynamicTest(method + " on a fresh connection", () -> {
                RawServer server = rawServer(c -> {
                    if (c.readRequest() != null) {
                        c.close();
                    }
                });
                Transport transport = transport();

                IOException e = assertThrows(IOException.class,
                        () -> transport.send(requestWithBodyFor(method, URI.create(server.base() + "/dropped"))));

                assertFalse(e instanceof ConnectException, () -> "the request was sent, yet: " + e);
                int requests = server.requests().size();
                if (repeatTolerated) {
                    assertTrue(requests == 1 || requests == 2, () -> "requests: " + requests);
                } else {
                    assertEquals(1, requests, "requests");
                }
            }));
            tests.add(DynamicTest.dynamicTest(method + " on a reused connection", () -> {
                RawServer server = rawServer(c -> {
                    if (c.readRequest() != null) {
                        c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
                        if (c.readRequest() != null) {
                            c.close();
                        }
                    }
                });
                Transport transport = transport();
                URI uri = URI.create(server.base() + "/reused");
                assertEquals("first", new String(send(transport, requestWithBodyFor(method, uri)).body(), StandardCharsets.US_ASCII));

                if (repeatTolerated) {
                    // The repetition goes to a fresh connection, where the server answers it.
                    try {
                        transport.send(requestWithBodyFor(method, uri));
                    } catch (IOException e) {
                        assertFalse(e instanceof ConnectException, () -> "the request was sent, yet: " + e);
                    }
                    int requests = server.requests().size();
                    assertTrue(requests == 2 || requests == 3, () -> "requests in all: " + requests);
                    return;
                }
                IOException e = assertThrows(IOException.class, () -> transport.send(requestWithBodyFor(method, uri)),
                        "the second request must fail, not be sent again");

                assertFalse(e instanceof ConnectException, () -> "the request was sent, yet: " + e);
                assertEquals(2, server.requests().size(), "requests in all");
            }));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- failures and timeouts

    /**
     * A refused connection is a {@link ConnectException} whose message names the host and port:
     * nothing was sent, so core may retry any method.
     *
     * @throws IOException if no free port can be found
     */
    @Test
    public void refusedConnectionIsConnectException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Transport transport = transport();
        URI uri = URI.create("http://127.0.0.1:" + port + "/refused");

        for (String method : List.of("GET", "POST")) {
            ConnectException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ConnectException.class,
                    () -> transport.send(requestWithBodyFor(method, uri))), method);
            assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.1:" + port), () -> "names no host and port: " + e);
        }
    }

    /** A host that does not resolve is a {@link ConnectException}. */
    @Test
    public void unresolvableHostIsConnectException() {
        // .invalid never resolves (RFC 6761).
        Transport transport = transport();
        URI uri = URI.create("http://pdkit-contract-no-such-host.invalid/");

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(ConnectException.class,
                () -> transport.send(requestWithBodyFor("POST", uri))));
    }

    /**
     * A connect timeout is a {@link ConnectException}, after about the configured time.
     *
     * @throws IOException if the socket cannot be opened
     */
    @Test
    public void connectTimeoutIsConnectException() throws IOException {
        // A listening socket that never accepts: once its backlog is full, Linux drops further SYNs,
        // so the next connect can only time out.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            try {
                boolean backlogFull = false;
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
                Duration connectTimeout = Duration.ofMillis(300);
                Transport transport = transport(defaultOptions().toBuilder().connectTimeout(connectTimeout).build());
                URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/timeout");

                long start = System.nanoTime();
                assertTimeoutPreemptively(connectTimeout.plus(MARGIN), () -> assertThrows(ConnectException.class,
                        () -> transport.send(requestWithBodyFor("POST", uri))));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertTrue(took.compareTo(connectTimeout.dividedBy(2)) >= 0, () -> "gave up after only " + took);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    /**
     * A response that does not come within the read timeout of the options is an
     * {@code IOException} other than {@link ConnectException}, thrown after about that time (at
     * least half of it, at most it plus a generous margin). The request reached the server once.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void readTimeoutOfTheOptionsIsAnIoException() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        Duration readTimeout = Duration.ofMillis(500);
        Transport transport = transport(defaultOptions().toBuilder().readTimeout(readTimeout).build());

        assertTimesOut(readTimeout, () -> transport.send(requestWithBodyFor("POST", server.uri("/slow"))));

        assertEquals(1, server.received().size());
    }

    /**
     * A request's own timeout replaces the read timeout of the options.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void readTimeoutOfTheRequestWins() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        Duration readTimeout = Duration.ofMillis(500);
        Transport transport = transport(defaultOptions().toBuilder().readTimeout(Duration.ofSeconds(60)).build());

        assertTimesOut(readTimeout, () -> transport.send(HttpRequest.builder("GET", server.uri("/slow"))
                .timeout(readTimeout).build()));

        assertEquals(1, server.received().size());
    }

    /**
     * A body that stops arriving after the headers is also an {@code IOException} other than
     * {@link ConnectException}, within connect plus read timeout plus the margin.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void stalledBodyIsAnIoException() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            ex.sendResponseHeaders(200, 100);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            awaitQuietly(release);
        });
        Duration timeout = Duration.ofMillis(500);
        Transport transport = transport(defaultOptions().toBuilder().connectTimeout(timeout).readTimeout(timeout).build());

        assertTimesOut(timeout.plus(timeout), () -> transport.send(HttpRequest.builder("GET", server.uri("/stall")).build()));
    }

    // ---------------------------------------------------------------- stale connections, interrupts, deadlines, size

    /**
     * A pooled connection that the server closed while it was idle (as load balancers and proxies
     * do) is never used for a request: the request goes out once, on a new connection, and
     * succeeds, whatever its method. The server closes the idle connection after 0 ms, 100 ms and
     * 1 s; the next request follows 150 ms, 400 ms and 1.5 s after the first answer, past the
     * {@value Transport#STALE_CHECK_IDLE_MILLIS} ms from which a transport must check.
     *
     * @return one test per method and idle time
     */
    @TestFactory
    public Stream<DynamicTest> aConnectionTheServerClosedWhileIdleIsNeverUsed() {
        long[][] closeAndIdle = {{0, 150}, {100, 400}, {1000, 1500}};
        List<DynamicTest> tests = new ArrayList<>();
        for (String method : List.of("POST", "GET")) {
            for (long[] times : closeAndIdle) {
                long closeAfter = times[0];
                long idle = times[1];
                tests.add(DynamicTest.dynamicTest(method + " after " + idle + " ms idle, closed after " + closeAfter + " ms",
                        () -> {
                            CountDownLatch closedByServer = new CountDownLatch(1);
                            AtomicInteger accepted = new AtomicInteger();
                            RawServer server = rawServer(c -> {
                                boolean first = accepted.incrementAndGet() == 1;
                                if (c.readRequest() == null) {
                                    return;
                                }
                                if (first) {
                                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
                                    // The server's idle timeout: close unless the client went away first.
                                    c.awaitClientClose(Duration.ofMillis(closeAfter));
                                    c.close();
                                    closedByServer.countDown();
                                    return;
                                }
                                c.write("HTTP/1.1 201 Created\r\nContent-Length: 6\r\n\r\nsecond");
                                c.awaitClientClose(BOUND);
                            });
                            Transport transport = transport();
                            URI uri = URI.create(server.base() + "/stale");
                            long answered = System.nanoTime();
                            assertEquals("first", new String(send(transport, HttpRequest.builder("GET", uri).build()).body(),
                                    StandardCharsets.US_ASCII));
                            assertTrue(closedByServer.await(BOUND.toSeconds(), TimeUnit.SECONDS));
                            // Let the pooled connection idle as long as the case says: real time, inside the library.
                            long remaining = TimeUnit.MILLISECONDS.toNanos(idle) - (System.nanoTime() - answered);
                            if (remaining > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(remaining);
                            }

                            HttpResponse response = send(transport, requestWithBodyFor(method, uri));

                            assertEquals(201, response.status());
                            assertEquals("second", new String(response.body(), StandardCharsets.US_ASCII));
                            assertEquals(2, server.requests().size(), () -> "requests: " + server.requests());
                            assertEquals(method, server.requests().get(1).method());
                            assertEquals(2, server.connections(), "the second request went on a new connection");
                        }));
            }
        }
        return tests.stream();
    }

    /**
     * An interrupt of the sending thread ends an exchange that waits for a response, promptly (far
     * sooner than the read timeout), with an {@link InterruptedIOException} that is not a
     * {@link SocketTimeoutException}, and leaves the thread's interrupt flag set.
     *
     * @throws Exception if the server cannot start or the sender cannot be joined
     */
    @Test
    public void anInterruptEndsAWaitingExchangeAndKeepsTheFlag() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            arrived.countDown();
            awaitQuietly(release);
            LoopbackServer.reply(ex, 200, new byte[0]);
        });
        Transport transport = transport(defaultOptions().toBuilder().readTimeout(Duration.ofSeconds(60)).build());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flagAfter = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                transport.send(requestWithBodyFor("POST", server.uri("/interrupted")));
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            } finally {
                flagAfter.complete(Thread.currentThread().isInterrupted());
            }
        }, "pdkit-contract-sender");
        sender.setDaemon(true);
        sender.start();
        assertTrue(arrived.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the request never arrived");

        sender.interrupt();

        Throwable t = failure.get(5, TimeUnit.SECONDS);
        assertTrue(t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException),
                () -> "expected an InterruptedIOException, got " + t);
        assertTrue(flagAfter.get(5, TimeUnit.SECONDS), "the interrupt flag was cleared");
    }

    /**
     * A thread that is interrupted already sends nothing: {@link InterruptedIOException}, the flag
     * still set, and the server never sees the request.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void anInterruptedThreadSendsNothing() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        Transport transport = transport();

        Thread.currentThread().interrupt();
        Throwable t;
        boolean flag;
        try {
            t = assertThrows(Throwable.class, () -> transport.send(requestWithBodyFor("POST", server.uri("/never"))));
        } finally {
            flag = Thread.interrupted();
        }

        assertTrue(t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException),
                () -> "expected an InterruptedIOException, got " + t);
        assertTrue(flag, "the interrupt flag was cleared");
        // A request sent in the background would arrive before the next one on the same server.
        send(transport, HttpRequest.builder("GET", server.uri("/after")).build());
        assertEquals(List.of("/after"), server.received().stream().map(r -> r.uri().getPath()).collect(Collectors.toList()));
    }

    /**
     * A body that keeps trickling in, a byte at a time and never fast enough to finish, ends at
     * connect timeout plus read timeout with a {@link SocketTimeoutException}, and the thread's
     * interrupt flag stays clear: a timeout is not an interrupt.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void aTricklingBodyEndsAtTheDeadlineAsATimeout() throws IOException {
        CountDownLatch release = releasedAtEnd();
        LoopbackServer server = server((req, ex) -> {
            ex.sendResponseHeaders(200, 1_000_000);
            try {
                for (int i = 0; i < 1_000_000 && release.getCount() > 0; i++) {
                    ex.getResponseBody().write('x');
                    ex.getResponseBody().flush();
                    // The server's pace: a byte every 50 ms keeps every single read within its timeout.
                    release.await(50, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Duration connect = Duration.ofMillis(400);
        Duration read = Duration.ofMillis(600);
        Transport transport = transport(defaultOptions().toBuilder().connectTimeout(connect).readTimeout(read).build());

        assertTimesOut(connect.plus(read), () -> transport.send(HttpRequest.builder("GET", server.uri("/trickle")).build()));
    }

    /**
     * A body longer than {@link TransportOptions#maxResponseBytes()} fails with
     * {@link ResponseTooLargeException} while it is read, whether its length is declared or it
     * streams without end; a body of exactly the limit is accepted.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void aBodyOverTheLimitIsRefusedWhileItIsRead() throws IOException {
        RawServer server = rawServer(c -> {
            for (RawServer.Request request = c.readRequest(); request != null; request = c.readRequest()) {
                if (request.target().equals("/exact")) {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "e".repeat(1000));
                    continue;
                }
                if (request.target().equals("/declared")) {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 4000000000\r\n\r\n" + "d".repeat(1000));
                } else {
                    // Endless chunks, until the client stops reading and closes the connection.
                    c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                    String chunk = Integer.toHexString(65536) + "\r\n" + "c".repeat(65536) + "\r\n";
                    for (int i = 0; i < 65536; i++) {
                        c.write(chunk);
                    }
                }
                c.awaitClientClose(BOUND);
                return;
            }
        });
        Transport transport = transport(defaultOptions().toBuilder().maxResponseBytes(1000).build());
        Transport oneLess = transport(defaultOptions().toBuilder().maxResponseBytes(999).build());
        URI exact = URI.create(server.base() + "/exact");

        assertEquals(1000, send(transport, HttpRequest.builder("GET", exact).build()).bodyLength());
        for (String path : List.of("/declared", "/endless")) {
            ResponseTooLargeException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ResponseTooLargeException.class,
                    () -> transport.send(HttpRequest.builder("GET", URI.create(server.base() + path)).build())), path);
            assertEquals(1000, e.limit());
        }
        assertEquals(999, assertThrows(ResponseTooLargeException.class,
                () -> oneLess.send(HttpRequest.builder("GET", exact).build())).limit());
    }

    // ---------------------------------------------------------------- proxy

    /**
     * The proxy of the options carries every request, with pre-emptive Basic credentials encoded
     * as UTF-8; the target host is never resolved by the client, and the origin's
     * {@code Authorization} passes through.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void proxyOfTheOptionsIsUsedWithCredentials() throws IOException {
        LoopbackServer proxy = server((req, ex) -> LoopbackServer.reply(ex, 200, "via proxy".getBytes(StandardCharsets.US_ASCII)));
        String password = "p\u00e4ssw\u00f6rd:1";
        Transport transport = transport(defaultOptions().toBuilder()
                .proxy(ProxyOptions.of("127.0.0.1", proxy.port()).withCredentials("proxyuser", password))
                .build());
        URI target = URI.create("http://api.pdkit-contract-proxied.invalid/incidents?limit=1");

        HttpResponse response = send(transport, HttpRequest.builder("POST", target)
                .header("Authorization", "Token token=contract").body(new byte[] {1}).build());

        LoopbackServer.Received seen = proxy.only();
        assertEquals(target.toString(), seen.uri().toString());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("proxyuser:" + password).getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, seen.header("Proxy-Authorization"));
        assertEquals("Token token=contract", seen.header("Authorization"));
        assertArrayEquals(new byte[] {1}, seen.body());
        assertEquals("via proxy", new String(response.body(), StandardCharsets.US_ASCII));
    }

    /**
     * A proxy without credentials gets no {@code Proxy-Authorization}.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void proxyWithoutCredentialsGetsNoProxyAuthorization() throws IOException {
        LoopbackServer proxy = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        Transport transport = transport(defaultOptions().toBuilder().proxy(ProxyOptions.of("127.0.0.1", proxy.port())).build());

        send(transport, HttpRequest.builder("GET", URI.create("http://api.pdkit-contract-proxied.invalid/users")).build());

        assertEquals("http://api.pdkit-contract-proxied.invalid/users", proxy.only().uri().toString());
        assertNull(proxy.only().header("Proxy-Authorization"));
    }

    /**
     * A proxy's 407 is a response after one request: no authenticator answers it behind core's back.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void proxyAuthenticationRequiredIsAResponse() throws IOException {
        LoopbackServer proxy = server((req, ex) -> {
            ex.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
            LoopbackServer.reply(ex, 407, "who are you".getBytes(StandardCharsets.US_ASCII));
        });
        Transport transport = transport(defaultOptions().toBuilder()
                .proxy(ProxyOptions.of("127.0.0.1", proxy.port()).withCredentials("u", "wrong"))
                .build());

        HttpResponse response = send(transport, requestWithBodyFor("POST",
                URI.create("http://api.pdkit-contract-proxied.invalid/incidents")));

        assertEquals(407, response.status());
        assertEquals("who are you", new String(response.body(), StandardCharsets.US_ASCII));
        assertEquals(1, proxy.received().size());
    }

    /**
     * On a direct connection a request's {@code Proxy-Authorization} is not sent: proxy
     * credentials never reach an origin server.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void proxyCredentialsNeverReachADirectOrigin() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));

        send(transport(), HttpRequest.builder("GET", server.uri("/direct")).header("Proxy-Authorization", "Basic eDp5").build());

        assertNull(server.only().header("Proxy-Authorization"));
    }

    // ---------------------------------------------------------------- pooling, concurrency, lifecycle

    /**
     * Sequential requests reuse one pooled connection (keep-alive), across error statuses too.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void sequentialRequestsReuseOneConnection() throws IOException {
        LoopbackServer server = server((req, ex) -> {
            int status = req.uri().getPath().endsWith("/missing") ? 404 : 200;
            LoopbackServer.reply(ex, status, "{}".getBytes(StandardCharsets.US_ASCII));
        });
        Transport transport = transport();

        for (int i = 0; i < 20; i++) {
            send(transport, HttpRequest.builder("GET", server.uri(i % 5 == 4 ? "/pool/missing" : "/pool/" + i)).build());
        }

        Set<Integer> clientPorts = server.received().stream().map(LoopbackServer.Received::clientPort).collect(Collectors.toSet());
        assertEquals(20, server.received().size());
        assertEquals(1, clientPorts.size(), () -> "connections used: " + clientPorts.size());
    }

    /**
     * 64 threads share one transport: every response belongs to its request.
     *
     * @throws Exception if the server cannot start or a thread fails
     */
    @Test
    public void sixtyFourThreadsShareOneTransport() throws Exception {
        LoopbackServer server = server((req, ex) -> {
            ex.getResponseHeaders().add("X-Path", req.uri().getPath());
            LoopbackServer.reply(ex, 200, req.body());
        });
        Transport transport = transport();
        int threads = 64;
        int perThread = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        resources.add(pool::shutdownNow);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                assertTrue(start.await(30, TimeUnit.SECONDS));
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    HttpResponse response = transport.send(HttpRequest.builder("POST", server.uri("/c/" + id))
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
            assertEquals(perThread, result.get(90, TimeUnit.SECONDS));
        }
        assertEquals(threads * perThread, server.received().size());
        Set<String> paths = new HashSet<>();
        server.received().forEach(r -> paths.add(r.uri().getPath()));
        assertEquals(threads * perThread, paths.size(), "each request exactly once");
    }

    /**
     * {@link Transport#close()} is idempotent, and a send after it throws
     * {@link IllegalStateException} without reaching the server.
     *
     * @throws IOException if the server cannot start
     */
    @Test
    public void sendAfterCloseIsIllegalStateAndCloseIsIdempotent() throws IOException {
        LoopbackServer server = server((req, ex) -> LoopbackServer.reply(ex, 204, new byte[0]));
        Transport transport = transport();
        send(transport, HttpRequest.builder("GET", server.uri("/before")).build());

        transport.close();
        transport.close();

        assertThrows(IllegalStateException.class, () -> transport.send(HttpRequest.builder("GET", server.uri("/after")).build()));
        assertEquals(1, server.received().size());
    }

    /**
     * Closing the transport closes its idle pooled connections, promptly.
     *
     * @throws Exception if the server cannot start or the wait fails
     */
    @Test
    public void closeReleasesPooledConnections() throws Exception {
        assumeTrue(closesIdleConnectionsOnClose(), "this adapter documents that close() cannot close pooled connections");
        CompletableFuture<Boolean> closedByClient = new CompletableFuture<>();
        RawServer server = rawServer(c -> {
            if (c.readRequest() != null) {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                closedByClient.complete(c.awaitClientClose(BOUND));
            }
        });
        Transport transport = transport();
        send(transport, HttpRequest.builder("GET", URI.create(server.base() + "/pooled")).build());
        assertEquals(1, server.connections());

        transport.close();

        assertTrue(closedByClient.get(BOUND.toSeconds() + 10, TimeUnit.SECONDS),
                "the pooled connection was still open " + BOUND.toSeconds() + " s after close()");
    }

    /**
     * The name is a short token (it goes into the User-Agent), and neither it nor
     * {@code toString()} shows the proxy password.
     */
    @Test
    public void nameIsATokenAndNothingShowsTheProxyPassword() {
        String password = "s3cret-proxy-pw";
        Transport transport = transport(defaultOptions().toBuilder()
                .proxy(ProxyOptions.of("proxy.example", 3128).withCredentials("u", password)).build());

        String name = transport.name();
        assertNotNull(name);
        assertTrue(name.matches("[A-Za-z0-9._-]{1,40}"), () -> "name: " + name);
        String text = transport.toString();
        String encoded = Base64.getEncoder().encodeToString(("u:" + password).getBytes(StandardCharsets.UTF_8));
        assertFalse(text.contains(password) || text.contains(encoded), () -> "toString shows the password: " + text);
    }

    // ---------------------------------------------------------------- helpers

    private Transport transport() {
        return transport(defaultOptions());
    }

    private Transport transport(TransportOptions options) {
        Transport transport = Objects.requireNonNull(createTransport(options), "createTransport returned null");
        resources.add(transport);
        return transport;
    }

    private LoopbackServer server(LoopbackServer.Responder responder) throws IOException {
        LoopbackServer server = LoopbackServer.start(responder);
        resources.add(server);
        return server;
    }

    private RawServer rawServer(RawServer.Script script) throws IOException {
        RawServer server = RawServer.start(script);
        resources.add(server);
        return server;
    }

    /** A latch that blocked handlers wait on; released when the test ends, whatever happened. */
    private CountDownLatch releasedAtEnd() {
        CountDownLatch latch = new CountDownLatch(1);
        latches.add(latch);
        return latch;
    }

    private static HttpResponse send(Transport transport, HttpRequest request) {
        try {
            return transport.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException("send failed: " + request, e);
        }
    }

    private static HttpRequest requestWithBodyFor(String method, URI uri) {
        HttpRequest.Builder builder = HttpRequest.builder(method, uri);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            builder.header("Content-Type", "application/json").body("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        }
        return builder.build();
    }

    private static List<LoopbackServer.Received> requestsTo(LoopbackServer server, String path) {
        return server.received().stream().filter(r -> r.uri().getPath().equals(path)).collect(Collectors.toList());
    }

    /** Asserts that {@code send} fails with a {@link SocketTimeoutException} after about {@code timeout}. */
    private static void assertTimesOut(Duration timeout, Executable send) {
        long start = System.nanoTime();
        IOException e = assertTimeoutPreemptively(timeout.plus(MARGIN), () -> assertThrows(IOException.class, send));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFalse(e instanceof ConnectException, () -> "a read timeout is not a connect failure: " + e);
        assertTrue(e instanceof SocketTimeoutException, () -> "a timeout is a SocketTimeoutException: " + e);
        assertFalse(Thread.currentThread().isInterrupted(), "a timeout set the thread's interrupt flag");
        assertTrue(took.compareTo(timeout.dividedBy(2)) >= 0, () -> "gave up after only " + took + ": " + e);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds() * 3, TimeUnit.SECONDS)) {
                fail("the test did not release the handler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
