package dev.pdkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchdog adapters use to keep the time rules of {@link Transport}: what ends a watched send,
 * and what its failure then means. The waits are bounded by latches, never asserted as timings.
 */
@Timeout(30)
class SendWatchdogTest {

    private final SendWatchdog watchdog = new SendWatchdog("test-watchdog");

    @AfterEach
    void close() {
        watchdog.close();
        Thread.interrupted();
    }

    @Test
    void aPassedDeadlineAbortsOnceAndTheFailureIsATimeout() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicInteger aborts = new AtomicInteger();
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(20), () -> {
            aborts.incrementAndGet();
            aborted.countDown();
        });

        assertTrue(aborted.await(10, TimeUnit.SECONDS), "the deadline never fired");
        IOException cancelled = new IOException("Canceled");
        IOException failure = watch.failure(cancelled, "GET http://127.0.0.1/x");

        assertTrue(watch.timedOut());
        assertInstanceOf(SocketTimeoutException.class, failure);
        assertSame(cancelled, failure.getCause());
        assertTrue(failure.getMessage().contains("GET http://127.0.0.1/x") && failure.getMessage().contains("PT0.02S"),
                failure::getMessage);
        assertFalse(Thread.currentThread().isInterrupted(), "a timeout is not an interrupt");
        watch.end();
        assertEquals(1, aborts.get());
    }

    @Test
    void anInterruptOfTheSenderAbortsAndTheFailureIsAnInterrupt() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMinutes(5), aborted::countDown);

        Thread.currentThread().interrupt();
        boolean fired = awaitIgnoringInterrupt(aborted);
        IOException failure = watch.failure(new IOException("Socket closed"), "POST http://127.0.0.1/x");

        assertTrue(fired, "the interrupt was never noticed");
        assertFalse(watch.timedOut());
        assertTrue(failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException), failure::toString);
        assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
    }

    @Test
    void anInterruptedIoExceptionIsKeptWhenTheThreadWasInterrupted() {
        SendWatchdog.Watch watch = watchdogWatch();
        InterruptedIOException own = new InterruptedIOException("interrupted while sending");
        Thread.currentThread().interrupt();

        assertSame(own, watch.failure(own, "GET /x"));
        SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
        assertInstanceOf(InterruptedIOException.class, watch.failure(timeout, "GET /x"));
        assertFalse(watch.failure(timeout, "GET /x") instanceof SocketTimeoutException,
                "while the flag is set, even a timeout reads as the interrupt it raced with");
    }

    @Test
    void aFailureWithinTheDeadlineAndWithoutAnInterruptIsItself() {
        SendWatchdog.Watch watch = watchdogWatch();
        IOException reset = new IOException("Connection reset");

        assertSame(reset, watch.failure(reset, "GET /x"));
        assertFalse(watch.timedOut());
    }

    @Test
    void anInterruptedExceptionSetsTheFlagAgainUnlessTheWatchdogCausedIt() throws Exception {
        SendWatchdog.Watch callers = watchdogWatch();
        IOException interrupted = callers.failure(new InterruptedException("get() interrupted"), "GET /x");
        assertTrue(interrupted instanceof InterruptedIOException && !(interrupted instanceof SocketTimeoutException));
        assertTrue(Thread.interrupted(), "the caller's interrupt is restored");

        CountDownLatch aborted = new CountDownLatch(1);
        SendWatchdog.Watch own = watchdog.watch(Duration.ofMillis(10), aborted::countDown);
        assertTrue(aborted.await(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketTimeoutException.class, own.failure(new InterruptedException("aborted"), "GET /x"));
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's own abort is not the caller's interrupt");
    }

    @Test
    void anUncheckedExceptionOfTheLibraryBecomesAnIoException() {
        SendWatchdog.Watch watch = watchdogWatch();
        IllegalStateException thrown = new IllegalStateException("Canceled");

        IOException failure = watch.failure(thrown, "GET /x");

        assertSame(thrown, failure.getCause());
        assertEquals("GET /x failed: java.lang.IllegalStateException: Canceled", failure.getMessage());
        assertFalse(failure instanceof InterruptedIOException);
    }

    @Test
    void anExtendedDeadlineCountsFromTheStartOfTheSend() throws Exception {
        AtomicInteger aborts = new AtomicInteger();
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(20), aborts::incrementAndGet);
        // The headers arrived in time: the body may take until the new limit.
        watch.extend(Duration.ofMinutes(5));
        CountDownLatch later = new CountDownLatch(1);
        watchdog.watch(Duration.ofMillis(60), later::countDown);

        assertTrue(later.await(10, TimeUnit.SECONDS), "a later, shorter watch fired");
        assertEquals(0, aborts.get(), "the extended watch did not");
        assertFalse(watch.timedOut());

        CountDownLatch fired = new CountDownLatch(1);
        SendWatchdog.Watch shortened = watchdog.watch(Duration.ofMinutes(5), fired::countDown);
        shortened.extend(Duration.ofMillis(10));
        assertTrue(fired.await(10, TimeUnit.SECONDS), "a limit can also be brought forward");
        assertTrue(shortened.timedOut());
        assertTrue(shortened.failure(new IOException("x"), "GET /x").getMessage().endsWith("no response within PT0.01S"));
        shortened.extend(Duration.ofMinutes(5));
        assertTrue(shortened.timedOut(), "a watch that fired stays fired");
    }

    /**
     * An HTTP library that catches the interrupt and clears the flag must not make the interrupt
     * disappear: the watchdog saw it, so the failure is an interrupt and the flag is set again, as
     * {@link Transport} requires (core would otherwise retry the send).
     */
    @Test
    void anInterruptTheLibrarySwallowedIsStillAnInterruptAndSetsTheFlagAgain() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMinutes(5), aborted::countDown);
        Thread.currentThread().interrupt();
        assertTrue(awaitIgnoringInterrupt(aborted), "the interrupt was never noticed");

        Thread.interrupted(); // what the library did
        IOException failure = watch.failure(new IOException("Socket closed"), "GET /x");

        assertTrue(failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException),
                failure::toString);
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is set again");
    }

    /** The abort runs on the watchdog's own thread: a daemon, named after the watchdog. */
    @Test
    void theAbortRunsOnTheWatchdogsDaemonThread() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        Thread[] ranOn = new Thread[1];
        watchdog.watch(Duration.ZERO, () -> {
            ranOn[0] = Thread.currentThread();
            aborted.countDown();
        });

        assertTrue(aborted.await(10, TimeUnit.SECONDS));
        assertTrue(ranOn[0].isDaemon(), "the watchdog never keeps the JVM alive");
        assertTrue(ranOn[0].getName().matches("test-watchdog-\\d+"), ranOn[0].getName());
    }

    /**
     * {@code failure} ends the watch: an interrupt that comes after it (the thread goes on to other
     * work) is none of the watch's business. A watch added afterwards from another thread, and seen
     * firing, proves the watchdog has looked since the interrupt.
     */
    @Test
    void aFailureEndsTheWatch() throws Exception {
        AtomicInteger aborts = new AtomicInteger();
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMinutes(5), aborts::incrementAndGet);
        IOException reset = new IOException("Connection reset");
        assertSame(reset, watch.failure(reset, "GET /x"));

        Thread.currentThread().interrupt();
        CountDownLatch probe = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                watchdog.watch(Duration.ZERO, probe::countDown);
            } catch (InterruptedIOException e) {
                throw new AssertionError(e);
            }
        });
        other.start();

        assertTrue(awaitIgnoringInterrupt(probe), "the watchdog never looked again");
        assertEquals(0, aborts.get());
        assertFalse(watch.timedOut());
    }

    /** Once a watch fired, its failure reports the limit it fired at, whatever is extended later. */
    @Test
    void aWatchThatFiredKeepsTheLimitItFiredAt() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(10), fired::countDown);
        assertTrue(fired.await(10, TimeUnit.SECONDS));

        watch.extend(Duration.ofMinutes(5));

        assertTrue(watch.timedOut());
        IOException failure = watch.failure(new IOException("Canceled"), "GET /x");
        assertEquals("GET /x: no response within PT0.01S", failure.getMessage());
    }

    @Test
    void anEndedWatchNeverAborts() throws Exception {
        AtomicInteger aborts = new AtomicInteger();
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(1), aborts::incrementAndGet);
        watch.end();
        // A later watch that does fire proves the watchdog has looked at least once since.
        CountDownLatch later = new CountDownLatch(1);
        watchdog.watch(Duration.ofMillis(30), later::countDown);

        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertEquals(0, aborts.get());
        assertFalse(watch.timedOut());
    }

    @Test
    void anInterruptedThreadIsRefusedBeforeAnythingIsWatched() {
        Thread.currentThread().interrupt();
        AtomicInteger aborts = new AtomicInteger();

        assertThrows(InterruptedIOException.class, () -> watchdog.watch(Duration.ofSeconds(1), aborts::incrementAndGet));
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(0, aborts.get());
    }

    @Test
    void aClosedWatchdogRefusesNewWatches() {
        watchdog.close();
        watchdog.close();

        assertThrows(IllegalStateException.class, () -> watchdog.watch(Duration.ofSeconds(1), () -> { }));
    }

    @Test
    void aDeadlineTooLongForNanosecondsSaturates() throws Exception {
        AtomicInteger aborts = new AtomicInteger();
        SendWatchdog.Watch watch = watchdog.watch(Duration.ofSeconds(Long.MAX_VALUE), aborts::incrementAndGet);
        CountDownLatch later = new CountDownLatch(1);
        watchdog.watch(Duration.ofMillis(30), later::countDown);

        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertEquals(0, aborts.get(), "a deadline centuries away has not passed");
        watch.end();
    }

    private SendWatchdog.Watch watchdogWatch() {
        try {
            return watchdog.watch(Duration.ofMinutes(5), () -> { });
        } catch (InterruptedIOException e) {
            throw new AssertionError(e);
        }
    }

    /** Awaits {@code latch} on a thread whose flag is set, and leaves the flag set. */
    private static boolean awaitIgnoringInterrupt(CountDownLatch latch) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (latch.getCount() == 0) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
