package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A client's log: lines go to the {@code dev.pdkit} logger, or to {@code dev.pdkit.request} and
 * {@code dev.pdkit.retry} for its views of requests and retries; a client built with
 * {@code debug(true)} prints each line instead, whatever its level, once, to its own console
 * (stderr), and passes nothing to the loggers.
 */
class ClientLogTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final RecordingLogger.Loggers loggers = new RecordingLogger.Loggers(Level.INFO);
    private final RecordingLogger logger = loggers.apply("dev.pdkit");

    private ClientLog log(boolean debug) {
        return new ClientLog(debug, new PrintStream(console, true, StandardCharsets.UTF_8), loggers);
    }

    private List<String> consoleLines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static void everyLevel(ClientLog log) {
        log.debug(() -> "d");
        log.info(() -> "i");
        log.warning(() -> "w");
        log.error(() -> "e");
    }

    /** A host with a logging backend must not see each line twice: printed, and logged. */
    @Test
    void aDebugClientPrintsEveryLevelOnceAndLogsNothing() {
        ClientLog log = log(true);

        everyLevel(log);
        everyLevel(log.requests());
        everyLevel(log.retries());

        assertTrue(log.debugEnabled());
        assertTrue(log.requests().debugEnabled() && log.retries().debugEnabled(), "the views share the switch");
        List<String> each = List.of("pdkit DEBUG: d", "pdkit INFO: i", "pdkit WARNING: w", "pdkit ERROR: e");
        assertEquals(List.of(each, each, each).stream().flatMap(List::stream).toList(), consoleLines());
        assertEquals(List.of(), loggers.all());
    }

    @Test
    void eachViewLogsOnItsOwnLogger() {
        ClientLog log = log(false);

        log.warning(() -> "paging");
        log.requests().info(() -> "request");
        log.retries().warning(() -> "retry");

        assertEquals(List.of(new RecordingLogger.Line(Level.WARNING, "paging")), logger.lines);
        assertEquals(List.of(new RecordingLogger.Line(Level.INFO, "request")), loggers.apply("dev.pdkit.request").lines);
        assertEquals(List.of(new RecordingLogger.Line(Level.WARNING, "retry")), loggers.apply("dev.pdkit.retry").lines);
        assertEquals(List.of(), consoleLines());
        assertEquals("dev.pdkit.request", log.retries().requests().loggerName(), "a view leads to its siblings");
        assertEquals("dev.pdkit.retry", log.requests().retries().loggerName());
    }

    /** The names a host configures: the children of {@code dev.pdkit}, so configuring it covers all. */
    @Test
    void theSystemLoggersAreNamedForWhatTheyCarry() {
        ClientLog log = new ClientLog(false);

        assertEquals("dev.pdkit", log.loggerName());
        assertEquals("dev.pdkit.request", log.requests().loggerName());
        assertEquals("dev.pdkit.retry", log.retries().loggerName());
        assertEquals(ClientLog.REQUEST_LOGGER, log.requests().loggerName());
        assertEquals(ClientLog.RETRY_LOGGER, log.retries().loggerName());
        assertEquals(ClientLog.LOGGER, log.loggerName());
    }

    @Test
    void anExceptionGoesWithItsLineToTheLoggerOrOnTheSameLineToTheConsole() {
        IllegalStateException boom = new IllegalStateException("boom");

        log(false).requests().log(Level.WARNING, () -> "listener failed", boom);
        log(true).requests().log(Level.WARNING, () -> "listener failed", boom);

        RecordingLogger requests = loggers.apply("dev.pdkit.request");
        assertEquals(List.of(new RecordingLogger.Line(Level.WARNING, "listener failed")), requests.lines);
        assertEquals(1, requests.thrown.size());
        assertSame(boom, requests.thrown.get(0));
        assertEquals(List.of("pdkit WARNING: listener failed: java.lang.IllegalStateException: boom"), consoleLines());
    }

    @Test
    void aQuietClientOnlyLogs() {
        ClientLog log = log(false);

        everyLevel(log);

        assertFalse(log.debugEnabled());
        assertEquals(List.of(), consoleLines());
        assertEquals(List.of("i"), logger.at(Level.INFO));
        assertEquals(List.of("w"), logger.at(Level.WARNING));
        assertEquals(List.of("e"), logger.at(Level.ERROR));
    }

    /** Why messages are suppliers: a quiet client never builds a line that no logger takes. */
    @Test
    void aQuietClientBuildsNoMessageTheLoggerDoesNotWant() {
        AtomicInteger built = new AtomicInteger();
        Supplier<String> message = () -> "built " + built.incrementAndGet();

        log(false).debug(message);
        log(false).warning(message);

        assertEquals(1, built.get());
        assertEquals(List.of("built 1"), logger.at(Level.WARNING));
    }
}
