package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.tests.LocalServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One client shared by 32 threads: every response belongs to its own request, and the statistics add up. */
class ConcurrencyTest {

    @Test
    void thirtyTwoThreadsShareOneClient() throws Exception {
        int threads = 32;
        int perThread = 25;
        try (LocalServer server = LocalServer.start(r -> Reply.json(200,
                "{\"user\":{\"id\":\"" + r.path().substring("/users/".length()) + "\"}}"));
                RestApiV2Client client = RestApiV2Client.builder("token-abcd1234").baseUrl(server.url()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < perThread; i++) {
                            String id = "P" + thread + "X" + i;
                            Map<?, ?> user = (Map<?, ?>) client.rget("/users/" + id);
                            if (id.equals(user.get("id"))) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(threads * perThread, total);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * perThread, client.stats().callCount("GET /users/{id}"));
            assertEquals(threads * perThread, client.stats().totalCallCount());
            assertEquals(threads * perThread, server.received().size());
        }
    }
}
