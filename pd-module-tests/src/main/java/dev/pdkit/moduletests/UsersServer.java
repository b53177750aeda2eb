package dev.pdkit.moduletests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that plays PagerDuty for one resource: {@code GET /users/P1} answers
 * {@code {"user":{...}}}, anything else a PagerDuty-style 404. It records the User-Agent of every
 * request, which names the transport and codec the client chose.
 */
public final class UsersServer implements AutoCloseable {

    /** The body of {@code GET /users/P1}. */
    public static final String USER_JSON =
            "{\"user\":{\"id\":\"P1\",\"type\":\"user\",\"name\":\"Ann Example\",\"email\":\"ann@example.com\","
            + "\"summary\":\"Ann \u00c9xample \u260e\",\"time_zone\":\"Europe/Berlin\"}}";

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "users-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    private UsersServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port.
     *
     * @return the running server
     * @throws IOException if it cannot listen
     */
    public static UsersServer start() throws IOException {
        return new UsersServer();
    }

    /**
     * The base URL to give a client.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The User-Agent of every request so far, in order.
     *
     * @return the User-Agent values
     */
    public List<String> userAgents() {
        return List.copyOf(userAgents);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            boolean found = exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/users/P1");
            byte[] body = (found ? USER_JSON
                    : "{\"error\":{\"message\":\"Not Found\",\"code\":2100}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
