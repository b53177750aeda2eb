package dev.pdkit.internal.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a client sends requests on when a call fans out (concurrent pagination), created
 * on first use so that a client that never fans out starts none. Each caller bounds its own
 * requests in flight, so the pool itself is unbounded; idle threads end after a few seconds and
 * are daemons, so an abandoned iteration never keeps the JVM alive. Thread-safe.
 */
public final class WorkerPool implements Executor, AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final String name;
    private ExecutorService threads;
    private boolean closed;

    /** @param owner names the threads, e.g. {@code rest} gives {@code pdkit-rest-1-worker-3} */
    public WorkerPool(String owner) {
        this.name = "pdkit-" + owner + "-" + POOLS.incrementAndGet() + "-worker-";
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
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), r -> {
                        Thread t = new Thread(r, name + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            threads = pool;
        }
        return threads;
    }

    /** Interrupts the requests still running and refuses new ones. */
    @Override
    public synchronized void close() {
        closed = true;
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
