package dev.pdkit.internal.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client sends requests on when a call fans out (concurrent pagination, events sent
 * asynchronously), created on first use so that a client that never fans out starts none. Idle
 * threads end after a few seconds and are daemons, so an abandoned iteration never keeps the JVM
 * alive. An unbounded pool suits callers that bound their own requests in flight (a page window);
 * a bounded one queues what exceeds its threads. Thread-safe.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** A queued task that must learn it will never run, so that nobody waits for it forever. */
    public interface Abandonable extends Runnable {
        /** Called instead of {@link #run()} when the pool closes before the task started. */
        void abandon();
    }

    private final String name;
    private final int maxThreads;
    private final long keepAliveNanos;
    /** The host's thread factory, or {@code null} for pdkit's daemon threads. */
    private final ThreadFactory hostThreads;
    private ExecutorService threads;
    private boolean closed;

    /**
     * An unbounded pool.
     *
     * @param owner names the threads, e.g. {@code client} gives {@code pdkit-client-1-worker-3}
     */
    public WorkerPool(String owner) {
        this(owner, Integer.MAX_VALUE);
    }

    /**
     * A pool of at most {@code maxThreads} threads; further tasks wait in a queue.
     *
     * @param owner names the threads
     */
    public WorkerPool(String owner, int maxThreads) {
        this(owner, maxThreads, (ThreadFactory) null);
    }

    /**
     * A pool of at most {@code maxThreads} threads made by {@code threads}, e.g. a host's factory of
     * virtual threads; {@code null} means pdkit's own daemon threads.
     *
     * @param owner names pdkit's own threads
     */
    public WorkerPool(String owner, int maxThreads, ThreadFactory threads) {
        this(owner, maxThreads, Duration.ofSeconds(5), threads);
    }

    /** For tests: {@code keepAlive} is how long a thread may be idle before it ends. */
    WorkerPool(String owner, int maxThreads, Duration keepAlive) {
        this(owner, maxThreads, keepAlive, null);
    }

    private WorkerPool(String owner, int maxThreads, Duration keepAlive, ThreadFactory hostThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least one thread: " + maxThreads);
        }
        this.name = "pdkit-" + owner + "-" + POOLS.incrementAndGet() + "-worker-";
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
        this.hostThreads = hostThreads;
    }

    /**
     * Runs {@code task} on one of the pool's threads.
     *
     * @throws RejectedExecutionException if the pool is closed
     */
    @Override
    public void execute(Runnable task) {
        threads().execute(task);
    }

    private synchronized ExecutorService threads() {
        if (closed) {
            throw new RejectedExecutionException("the client is closed");
        }
        if (threads == null) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = hostThreads != null ? hostThreads : r -> {
                Thread t = new Thread(r, name + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            if (maxThreads == Integer.MAX_VALUE) {
                threads = new ThreadPoolExecutor(0, maxThreads, keepAliveNanos, TimeUnit.NANOSECONDS,
                        new SynchronousQueue<>(), factory);
            } else {
                ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, keepAliveNanos,
                        TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), factory);
                pool.allowCoreThreadTimeOut(true);
                threads = pool;
            }
        }
        return threads;
    }

    /**
     * Interrupts the requests still running, refuses new ones, and tells each queued
     * {@link Abandonable} task that it will never run.
     */
    @Override
    public void close() {
        List<Runnable> dropped;
        synchronized (this) {
            closed = true;
            dropped = threads == null ? List.of() : threads.shutdownNow();
        }
        for (Runnable r : dropped) {
            if (r instanceof Abandonable a) {
                a.abandon();
            }
        }
    }
}
