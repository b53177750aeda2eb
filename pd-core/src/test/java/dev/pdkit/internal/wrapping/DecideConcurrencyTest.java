package dev.pdkit.internal.wrapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.internal.wrapping.TableRows.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Eight threads released together call decide() on random rows; if this class runs first in its
 * JVM they also race the table's lazy loading. Their answers must equal the single-threaded ones
 * computed afterwards.
 */
class DecideConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 5_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentDecisionsAgreeWithSingleThreadedOnes() throws Exception {
        List<Case> cases = TableRows.cases();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<WrapperDecision>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 42 + t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    List<WrapperDecision> out = new ArrayList<>(CALLS);
                    for (int i = 0; i < CALLS; i++) {
                        Case c = cases.get(random.nextInt(cases.size()));
                        out.add(EntityWrapping.decide(method(c), c.path()));
                    }
                    return out;
                }));
            }
            start.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<WrapperDecision> concurrent = futures.get(t).get(30, TimeUnit.SECONDS);
                Random random = new Random(42 + t);
                for (int i = 0; i < CALLS; i++) {
                    Case c = cases.get(random.nextInt(cases.size()));
                    assertEquals(EntityWrapping.decide(method(c), c.path()), concurrent.get(i), c.toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String method(Case c) {
        return c.row().pathOnly() ? "GET" : c.row().method();
    }
}
