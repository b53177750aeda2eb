package dev.pdkit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pdkit.spi.JsonCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecConcurrencyTest {

    private static final int THREADS = 16;
    private static final int ROUNDS = 500;

    record Entry(String id, long number, Instant at) {
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        JsonCodec codec = JacksonJsonCodec.create();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        Map<String, Object> tree = new LinkedHashMap<>();
                        tree.put("id", "P" + thread + "-" + i + "-障害🚨");
                        tree.put("number", 9007199254740993L + i);
                        tree.put("at", "2026-01-02T03:04:05Z");
                        tree.put("big", BigInteger.TWO.pow(70 + thread));
                        tree.put("exact", new BigDecimal("1.00000000000000000001"));
                        tree.put("list", List.of(thread, i, 0.1));

                        Object back = codec.read(codec.write(tree));
                        assertEquals(tree, back);
                        Entry entry = codec.convert(back, Entry.class);
                        assertEquals(new Entry("P" + thread + "-" + i + "-障害🚨", 9007199254740993L + i,
                                Instant.parse("2026-01-02T03:04:05Z")), entry);
                    }
                    return ROUNDS;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(ROUNDS, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
