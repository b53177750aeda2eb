package dev.pdkit.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.RestApiV2Client;
import dev.pdkit.testkit.FakePagerDuty;
import dev.pdkit.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One client shared by 32 threads against {@link FakePagerDuty}: every response belongs to its own
 * request, and the statistics add up.
 */
class ConcurrencyTest {

    @Test
    void thirtyTwoThreadsShareOneClient() throws Exception {
        int threads = 32;
        int perThread = 25;
        try (FakePagerDuty pd = FakePagerDuty.builder().standardSeed(false).start();
                RestApiV2Client client = RestApiV2Client.builder(pd.apiToken()).baseUrl(pd.restUrl()).build()) {
            // A distinct user for every request, so a response given to the wrong request shows.
            String[][] ids = new String[threads][perThread];
            Map<String, String> emails = new HashMap<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    Map<String, Object> user = pd.seed().user("User " + t + "-" + i, "user" + t + "x" + i + "@example.com");
                    ids[t][i] = (String) user.get("id");
                    emails.put(ids[t][i], (String) user.get("email"));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String[] mine = ids[t];
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (String id : mine) {
                            Map<?, ?> user = (Map<?, ?>) client.rget("/users/" + id);
                            if (id.equals(user.get("id")) && emails.get(id).equals(user.get("email"))) {
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
            List<RecordedRequest> received = pd.requests();
            assertEquals(threads * perThread, received.size());
            Map<String, Long> perPath = received.stream()
                    .collect(Collectors.groupingBy(RecordedRequest::path, Collectors.counting()));
            assertEquals(threads * perThread, perPath.size(), "every user was asked for exactly once");
            assertEquals(Map.of(1L, (long) threads * perThread), perPath.values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        }
    }
}
