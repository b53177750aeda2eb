package dev.pdkit.testkit;

import static dev.pdkit.testkit.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Instances are independent, and each is safe under concurrent requests. */
class ParallelInstancesTest {

    @Test
    void twoInstancesSideBySideUnderConcurrentLoad() throws Exception {
        try (FakePagerDuty a = FakePagerDuty.start(); FakePagerDuty b = FakePagerDuty.start()) {
            assertNotEquals(a.restUrl(), b.restUrl());
            assertNotEquals(a.apiToken(), b.apiToken());
            Api.account(b).get("/users").expect(200);
            Api.anonymous(b).with("Authorization", "Token token=" + a.apiToken()).get("/users").expect(401);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    FakePagerDuty target = t % 2 == 0 ? a : b;
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            Api.anonymous(target).post("/v2/enqueue", obj("routing_key", target.routingKey(),
                                    "event_action", "trigger", "dedup_key", thread + "-" + i,
                                    "payload", obj("summary", "load", "source", "s", "severity", "info"))).expect(202);
                            Api.account(target).get("/incidents?limit=1").expect(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, a.requestCount(), "each instance saw exactly its own requests");
            assertEquals(202, b.requestCount());
            for (FakePagerDuty pd : List.of(a, b)) {
                Map<String, Object> page = Api.account(pd).get("/incidents?limit=100&offset=0&total=true").expect(200).json();
                assertEquals(100, page.get("total"));
                Set<Object> numbers = new HashSet<>();
                for (int offset = 0; offset < 100; offset += 25) {
                    Api.account(pd).get("/incidents?offset=" + offset).list("incidents").forEach(i -> numbers.add(i.get("incident_number")));
                }
                assertEquals(100, numbers.size(), "incident numbers are unique under concurrency");
            }
        }
    }
}
