package dev.pdkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standalone fake as a Python or Go suite runs it: a separate process, driven over HTTP only
 * (reset, seed, inject a fault, read the journal), with nothing of pdkit on the calling side but
 * the command line.
 */
class StandaloneProcessTest {

    @Test
    void aSeparateProcessIsDrivenOverHttpOnly() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            command.addAll(List.of("--module-path", modulePath, "-m", "dev.pdkit.testkit/dev.pdkit.testkit.FakePagerDutyMain"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pdkit.testkit.FakePagerDutyMain"));
        }
        command.addAll(List.of("--no-standard-seed", "--journal-limit", "100"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // Bounded: a child that never prints its coordinates fails the test instead of hanging it.
            String restUrl = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null;) {
                        if (line.startsWith("rest_url=")) {
                            return line.substring("rest_url=".length());
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertNotNull(restUrl, "the process printed no rest_url");

            HttpClient http = HttpClient.newHttpClient();
            assertEquals(204, send(http, "POST", restUrl + "/__admin/reset", null).statusCode());
            assertEquals(204, send(http, "POST", restUrl + "/__admin/seed",
                    "{\"users\":[{\"name\":\"Py Thon\",\"email\":\"py@example.com\"}]}").statusCode());
            assertEquals(204, send(http, "POST", restUrl + "/__admin/faults",
                    "{\"status\":500,\"method\":\"GET\",\"path\":\"/users\"}").statusCode());
            // What another language reads with its own JSON parser; a pattern is enough here.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"api_token\":\"([^\"]+)\"")
                    .matcher(send(http, "GET", restUrl + "/__admin", null).body());
            assertTrue(m.find(), "GET /__admin names the API token");
            String token = m.group(1);
            assertEquals(500, get(http, restUrl + "/users", token).statusCode(), "the injected fault");
            HttpResponse<String> users = get(http, restUrl + "/users", token);
            assertEquals(200, users.statusCode());
            assertTrue(users.body().contains("\"email\":\"py@example.com\""), users.body());
            String journal = send(http, "GET", restUrl + "/__admin/requests?method=GET&path=/users", null).body();
            assertEquals(2, journal.split("\"path\":\"/users\"", -1).length - 1, journal);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token token=" + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
