package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pdkit.PdClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedDispatcherTest {

    private static final long WAIT_SECONDS = 20;

    private final WorkerPool pool = new WorkerPool("test", 4);
    private final KeyedDispatcher dispatcher = new KeyedDispatcher(pool);

    @AfterEach
    void close() {
        pool.close();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cancelling a running task's future interrupts it; the pool thread goes on to the next task
     * with its interrupt flag clear; a task cancelled before it started never runs.
     */
    @Test
    void cancellingInterruptsTheRunningTaskAndSkipsOneNotStarted() throws Exception {
        try (WorkerPool single = new WorkerPool("single", 1)) {
            KeyedDispatcher one = new KeyedDispatcher(single);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            CompletableFuture<String> blocked = one.submit(null, () -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(WAIT_SECONDS * 3, TimeUnit.SECONDS);
                    return "never interrupted";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    return "interrupted";
                }
            });
            AtomicInteger ranLater = new AtomicInteger();
            CompletableFuture<Integer> queued = one.submit(null, ranLater::incrementAndGet);
            CompletableFuture<Boolean> next = one.submit(null, () -> Thread.currentThread().isInterrupted());
            await(started, "the first task started");

            assertTrue(queued.cancel(true), "a queued task can be cancelled");
            assertTrue(blocked.cancel(true));

            await(interrupted, "the running task saw the interrupt");
            assertFalse(next.get(WAIT_SECONDS, TimeUnit.SECONDS), "the next task starts with a clear flag");
            assertEquals(0, ranLater.get(), "the cancelled task never ran");
            assertTrue(blocked.isCancelled() && queued.isCancelled());
        }
    }

    @Test
    void tasksWithOneKeyRunOneAtATimeInSubmissionOrder() {
        List<String> order = new ArrayList<>();
        ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();
        List<String> overlaps = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "k" + (i % 3);
            String name = key + "#" + i;
            results.add(dispatcher.submit(key, () -> {
                if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() != 1) {
                    synchronized (overlaps) {
                        overlaps.add(name);
                    }
                }
                synchronized (order) {
                    order.add(name);
                }
                running.get(key).decrementAndGet();
                return name;
            }));
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals("k" + (i % 3) + "#" + i, results.get(i).join());
        }
        assertEquals(List.of(), overlaps);
        for (String key : List.of("k0", "k1", "k2")) {
            List<String> ofKey = order.stream().filter(n -> n.startsWith(key + "#")).toList();
            List<String> sorted = new ArrayList<>(ofKey);
            sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(3)), Integer.parseInt(b.substring(3))));
            assertEquals(sorted, ofKey, "tasks of " + key + " ran out of order");
        }
    }

    @Test
    void differentKeysAndNoKeyRunConcurrently() {
        CountDownLatch allStarted = new CountDownLatch(3);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (String key : new String[] {"a", "b", null}) {
            results.add(dispatcher.submit(key, () -> {
                allStarted.countDown();
                await(allStarted, "the three tasks did not run at the same time");
                return true;
            }));
        }
        results.forEach(f -> assertTrue(f.join()));
    }

    /** Only a key orders tasks: tasks without one don't wait for each other. */
    @Test
    void tasksWithoutAKeyRunConcurrently() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(dispatcher.submit(null, () -> {
                bothStarted.countDown();
                await(bothStarted, "the second task without a key waited for the first");
                return true;
            }));
        }
        results.forEach(f -> assertTrue(f.join()));
    }

    @Test
    void aFailureIsThatTasksResultAndTheNextTaskOfItsKeyStillRuns() {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<String> first = dispatcher.submit("k", () -> {
            throw boom;
        });
        CompletableFuture<String> second = dispatcher.submit("k", () -> "ran");
        CompletionException e = assertThrows(CompletionException.class, first::join);
        assertSame(boom, e.getCause());
        assertEquals("ran", second.join());
    }

    @Test
    void closingThePoolFailsTheQueuedTasksInsteadOfLeavingThemPending() {
        WorkerPool one = new WorkerPool("test", 1);
        KeyedDispatcher serial = new KeyedDispatcher(one);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> blocking = serial.submit(null, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "not interrupted";
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        });
        await(started, "the first task did not start");
        CompletableFuture<String> queued = serial.submit(null, () -> "ran");
        CompletableFuture<String> chained = serial.submit("k", () -> "ran");
        one.close();
        CompletionException e = assertThrows(CompletionException.class, queued::join);
        assertInstanceOf(PdClientException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
        assertInstanceOf(PdClientException.class, assertThrows(CompletionException.class, chained::join).getCause());
        assertEquals("interrupted", assertThrows(CompletionException.class, blocking::join).getCause().getMessage());
        CompletionException late = assertThrows(CompletionException.class, serial.submit("k", () -> "x")::join);
        assertTrue(late.getCause().getMessage().contains("client is closed"), late.getCause().getMessage());
    }

    @Test
    void aBoundedPoolRunsNoMoreThanItsThreadsAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(dispatcher.submit(null, () -> {
                int now = running.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                running.decrementAndGet();
                return now;
            }));
        }
        results.forEach(CompletableFuture::join);
        assertTrue(most.get() <= 4, "at most 4 threads: " + most.get());
    }

    @Test
    void aPoolNeedsAThread() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool("test", 0));
    }
}
