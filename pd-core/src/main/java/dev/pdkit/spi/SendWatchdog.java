package dev.pdkit.spi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the time rules of {@link Transport} for HTTP libraries that can't keep them alone: it
 * aborts a blocking send when its deadline passes, or when the sending thread is interrupted while
 * the library waits on a socket (a {@link java.net.Socket} read ignores interrupts). A transport
 * watches each send and asks the watch, when the send failed, what ended it:
 *
 * <pre>{@code
 * SendWatchdog.Watch watch = watchdog.watch(connectTimeout.plus(readTimeout), call::cancel);
 * try {
 *     return execute(call);
 * } catch (IOException e) {
 *     throw watch.failure(e, "GET https://...");
 * } finally {
 *     watch.end();
 * }
 * }</pre>
 *
 * <p>One daemon thread checks the watched sends every {@value #TICK_MILLIS} ms, and only while
 * there are any. Why a periodic check and not a timer per send: scheduling a new earliest task
 * wakes the timer thread, a context switch on every request, while an abort up to a tick late costs
 * nothing.
 *
 * <p>Thread-safe. {@link #close()} stops the thread; watches started afterwards are refused.
 */
public final class SendWatchdog implements AutoCloseable {

    /** How often the watched sends are checked, in milliseconds: {@value}. */
    public static final long TICK_MILLIS = 5;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final ScheduledThreadPoolExecutor timer;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    /** Whether a check is scheduled; it is only while sends are watched. */
    private final AtomicBoolean ticking = new AtomicBoolean();

    /**
     * Creates a watchdog whose thread, started when first needed, is named {@code name-N}.
     *
     * @param name the prefix of the thread's name, e.g. {@code pdkit-okhttp-watchdog}
     */
    public SendWatchdog(String name) {
        Objects.requireNonNull(name, "name");
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name + "-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts watching a send on the calling thread: {@code abort} runs (once, on the watchdog's
     * thread) when {@code timeout} has passed or the thread is interrupted before {@link Watch#end()}.
     * A thread that is interrupted already is refused, so that nothing is sent.
     *
     * @param timeout the longest the send may take
     * @param abort makes the blocked send fail promptly, e.g. cancels the call or closes its socket
     * @return the watch, to end when the send returns or fails
     * @throws InterruptedIOException if the calling thread is interrupted; its flag stays set
     * @throws IllegalStateException if the watchdog is closed
     */
    public Watch watch(Duration timeout, Runnable abort) throws InterruptedIOException {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(abort, "abort");
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted before sending");
        }
        long now = System.nanoTime();
        Watch watch = new Watch(Thread.currentThread(), now, timeout, abort);
        watches.add(watch);
        try {
            tick();
        } catch (RejectedExecutionException e) {
            watches.remove(watch);
            throw new IllegalStateException("the watchdog is closed", e);
        }
        return watch;
    }

    /** Stops the watchdog's thread. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void tick() {
        if (ticking.compareAndSet(false, true)) {
            timer.schedule(this::check, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            watch.check(now);
        }
        ticking.set(false);
        // A send that started after the scan saw ticking still set, so look again before stopping.
        if (!watches.isEmpty()) {
            try {
                tick();
            } catch (RejectedExecutionException closed) {
                // Closed: nothing is left to watch.
            }
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.max(0, duration.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The watch of one send. Not shared between threads but the sender's and the watchdog's. */
    public final class Watch {

        private final Thread sender;
        private final long startNanos;
        private final Runnable abort;
        private long dueNanos;
        private Duration timeout;
        private boolean ended;
        private boolean timedOut;
        private boolean interrupted;

        private Watch(Thread sender, long startNanos, Duration timeout, Runnable abort) {
            this.sender = sender;
            this.startNanos = startNanos;
            this.abort = abort;
            setTimeout(timeout);
        }

        private void setTimeout(Duration timeout) {
            this.timeout = timeout;
            // May wrap around, as System.nanoTime() itself may: check() compares by difference.
            this.dueNanos = startNanos + saturatedNanos(timeout);
        }

        /**
         * Moves the deadline to {@code timeout} after the watch started, e.g. from "response headers
         * within the read timeout" to "the whole body within connect plus read timeout" once the
         * headers arrived. Does nothing once the watch has ended or fired. May be called from any
         * thread.
         *
         * @param timeout the new limit, counted from the start of the send
         */
        public synchronized void extend(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            // A watch that ended or saw an interrupt is never checked again; one that fired keeps
            // the limit it fired at, for failure()'s message.
            if (!timedOut) {
                setTimeout(timeout);
            }
        }

        private void check(long now) {
            synchronized (this) {
                // A watch that fired was removed at once and is not checked again; one that ended may
                // still be in the scan that was under way.
                if (ended) {
                    return;
                }
                if (sender.isInterrupted()) {
                    interrupted = true;
                } else if (now - dueNanos >= 0) {
                    timedOut = true;
                } else {
                    return;
                }
            }
            watches.remove(this);
            abort.run();
        }

        /**
         * Ends the watch; call it when the send returned or failed, in a {@code finally}. After it,
         * {@code abort} is never run. Idempotent.
         */
        public void end() {
            synchronized (this) {
                ended = true;
            }
            watches.remove(this);
        }

        /**
         * Whether the deadline passed and the send was aborted for it.
         *
         * @return true if the watch timed out
         */
        public synchronized boolean timedOut() {
            return timedOut;
        }

        /**
         * What a failure of the watched send means: an {@link InterruptedIOException} when the
         * thread was interrupted (its flag stays set; an {@link InterruptedException} sets it again,
         * unless the watchdog's own abort caused it), a {@link SocketTimeoutException} when the
         * deadline passed, {@code failure} itself when it is any other {@link IOException}, and an
         * {@code IOException} around it when it is not one (an HTTP library's unchecked exception,
         * or a checked one it did not declare). Ends the watch.
         *
         * @param failure what the HTTP library threw
         * @param what the request, for the message, e.g. {@code GET https://api.pagerduty.com/users}
         * @return the exception to throw; {@code failure} is it or its cause
         */
        public IOException failure(Exception failure, String what) {
            end();
            boolean timeoutFired;
            synchronized (this) {
                timeoutFired = timedOut;
            }
            if (failure instanceof InterruptedException && !timeoutFired) {
                Thread.currentThread().interrupt();
            }
            if (Thread.currentThread().isInterrupted() || interrupted()) {
                // The watchdog may have seen an interrupt that the HTTP library then cleared.
                Thread.currentThread().interrupt();
                if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
                    return (InterruptedIOException) failure;
                }
                InterruptedIOException e = new InterruptedIOException("interrupted while sending " + what);
                e.initCause(failure);
                return e;
            }
            if (timeoutFired) {
                SocketTimeoutException e = new SocketTimeoutException(what + ": no response within " + timeout);
                e.initCause(failure);
                return e;
            }
            return failure instanceof IOException io ? io : new IOException(what + " failed: " + failure, failure);
        }

        private synchronized boolean interrupted() {
            return interrupted;
        }
    }
}
