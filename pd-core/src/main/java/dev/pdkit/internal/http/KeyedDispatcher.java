package dev.pdkit.internal.http;

import dev.pdkit.PdClientException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs tasks on an executor, concurrently, except that tasks with the same key run one after
 * another in the order they were submitted: the next starts when the previous has finished,
 * whether it succeeded or failed. Tasks without a key are independent. Thread-safe.
 *
 * <p>Why: events for one dedup key must reach PagerDuty in order (a resolve overtaking its trigger
 * would be dropped), while events for different keys may go in parallel.
 */
public final class KeyedDispatcher {

    private final Executor executor;
    private final Map<String, CompletableFuture<?>> tails = new HashMap<>();

    /** @param executor runs the tasks; when it refuses one, that task's future fails */
    public KeyedDispatcher(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Schedules {@code task} after every earlier task with the same {@code key}.
     *
     * @param key orders the task among others with the same key, or {@code null} for none
     * @return completes with the task's result, or exceptionally with what it threw; a task that
     *     never runs (the executor refused it or closed first) fails with {@link PdClientException}
     */
    public <T> CompletableFuture<T> submit(String key, Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        Job<T> job = new Job<>(task);
        if (key == null) {
            dispatch(job);
            return job.result;
        }
        CompletableFuture<?> previous;
        synchronized (this) {
            previous = tails.put(key, job.result);
        }
        job.result.whenComplete((r, e) -> {
            synchronized (this) {
                tails.remove(key, job.result);
            }
        });
        if (previous == null) {
            dispatch(job);
        } else {
            previous.whenComplete((r, e) -> dispatch(job));
        }
        return job.result;
    }

    private void dispatch(Job<?> job) {
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            job.result.completeExceptionally(new PdClientException("not sent: " + e.getMessage(), e));
        }
    }

    /**
     * One task and its future. Cancelling the future interrupts the task if it is running (pdkit
     * aborts a request in flight on interrupt), and a task cancelled before it started never runs.
     */
    private static final class Job<T> implements WorkerPool.Abandonable {
        final CompletableFuture<T> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    interruptRunner();
                }
                return cancelled;
            }
        };
        private final Supplier<T> task;
        /** The thread running the task; guarded by this. */
        private Thread runner;

        Job(Supplier<T> task) {
            this.task = task;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                result.complete(task.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                synchronized (this) {
                    runner = null;
                }
                // A cancel's interrupt belongs to this task, not to the pool thread's next one.
                Thread.interrupted();
            }
        }

        private synchronized void interruptRunner() {
            if (runner != null) {
                runner.interrupt();
            }
        }

        @Override
        public void abandon() {
            result.completeExceptionally(new PdClientException("not sent: the client was closed first"));
        }
    }
}
