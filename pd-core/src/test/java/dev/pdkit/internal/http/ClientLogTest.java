package dev.pdkit.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A client's log: every line goes to the {@code dev.pdkit} logger; a client built with
 * {@code debug(true)} also prints each line, whatever its level, to its own console (stderr).
 */
class ClientLogTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final RecordingLogger logger = new RecordingLogger(Level.INFO);

    private ClientLog log(boolean debug) {
        return new ClientLog(debug, new PrintStream(console, true, StandardCharsets.UTF_8), logger);
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

    @Test
    void aDebugClientPrintsEveryLevelAndStillLogsIt() {
        ClientLog log = log(true);

        everyLevel(log);

        assertTrue(log.debugEnabled());
        assertEquals(List.of("pdkit DEBUG: d", "pdkit INFO: i", "pdkit WARNING: w", "pdkit ERROR: e"), consoleLines());
        assertEquals(List.of(new RecordingLogger.Line(Level.INFO, "i"), new RecordingLogger.Line(Level.WARNING, "w"),
                new RecordingLogger.Line(Level.ERROR, "e")), logger.lines, "the logger's own threshold still applies");
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
