package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads a client fans out on: daemons named after their owner, reused while idle, ended
 * when idle long enough, so that neither an abandoned iteration nor a forgotten client keeps
 * threads (or the JVM) alive. Every wait is bounded.
 */
@Timeout(60)
class WorkerPoolTest {

    private static final long WAIT_SECONDS = 20;

    /** Runs a task on {@code pool} and returns the thread it ran on, once it has finished. */
    private static Thread runOne(WorkerPool pool) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        pool.execute(() -> ran.complete(Thread.currentThread()));
        return ran.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void threadsAreDaemonsNamedAfterTheirOwner() throws Exception {
        for (WorkerPool pool : new WorkerPool[] {new WorkerPool("owner"), new WorkerPool("owner", 2)}) {
            try (pool) {
                Thread thread = runOne(pool);
                assertTrue(thread.isDaemon(), "a worker never keeps the JVM alive");
                assertTrue(thread.getName().matches("pdkit-owner-\\d+-worker-1"), thread.getName());
            }
        }
    }

    /** A host's factory makes every worker thread, bounded or not; pdkit still stops them on close. */
    @Test
    void aHostsThreadFactoryMakesTheThreads() throws Exception {
        List<Thread> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ThreadFactory host = r -> {
            Thread t = new Thread(r, "host-" + made.size());
            t.setDaemon(true);
            made.add(t);
            return t;
        };
        for (WorkerPool pool : new WorkerPool[] {new WorkerPool("owner", Integer.MAX_VALUE, host),
                new WorkerPool("owner", 2, host)}) {
            Thread thread;
            try (pool) {
                thread = runOne(pool);
                assertTrue(made.contains(thread), thread.getName());
            }
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertFalse(thread.isAlive(), "closing the pool ended the host's thread");
        }
        assertEquals(2, made.size());
    }

    /** An unbounded pool hands a task to an idle thread rather than starting one more. */
    @Test
    void anUnboundedPoolReusesAnIdleThread() throws Exception {
        try (WorkerPool pool = new WorkerPool("owner", Integer.MAX_VALUE, Duration.ofMinutes(5))) {
            Thread first = runOne(pool);
            awaitIdle(first);

            assertSame(first, runOne(pool));
        }
    }

    @Test
    void idleThreadsEnd() throws Exception {
        for (int max : new int[] {Integer.MAX_VALUE, 2}) {
            try (WorkerPool pool = new WorkerPool("owner", max, Duration.ofMillis(1))) {
                Thread thread = runOne(pool);
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertFalse(thread.isAlive(), "the idle thread of a pool of " + max + " is still there");
            }
        }
    }

    @Test
    void aClosedPoolRefusesTasksWhetherOrNotItEverRanOne() throws Exception {
        WorkerPool unused = new WorkerPool("owner");
        unused.close();
        WorkerPool used = new WorkerPool("owner", 1);
        runOne(used);
        used.close();

        for (WorkerPool pool : new WorkerPool[] {unused, used}) {
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
            assertEquals("the client is closed", e.getMessage());
        }
    }

    /** Waits until {@code worker} is parked waiting for the next task. */
    private static void awaitIdle(Thread worker) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (worker.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < until, "the worker never went idle: " + worker.getState());
            Thread.onSpinWait();
        }
    }
}
