package dev.pdkit.internal.http;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * A client's logging: everything goes to {@link System.Logger} {@code dev.pdkit}; a client built
 * with {@code debug(true)} also prints its lines to stderr. Why per client: pdpyras' debug switch
 * changed one module-wide logger, so turning it on for one session turned it on for all.
 *
 * <p>Callers MUST NOT pass secrets; messages are built from redacted values only.
 */
public final class ClientLog {

    private static final System.Logger LOG = System.getLogger("dev.pdkit");

    private final boolean debug;
    private final PrintStream console;
    private final System.Logger logger;

    public ClientLog(boolean debug) {
        this(debug, System.err);
    }

    ClientLog(boolean debug, PrintStream console) {
        this(debug, console, LOG);
    }

    /** For tests: {@code console} stands for stderr and {@code logger} for {@code dev.pdkit}. */
    ClientLog(boolean debug, PrintStream console, System.Logger logger) {
        this.debug = debug;
        this.console = console;
        this.logger = logger;
    }

    /** True when this client prints debug lines to stderr. */
    public boolean debugEnabled() {
        return debug;
    }

    public void debug(Supplier<String> message) {
        log(Level.DEBUG, message);
    }

    public void info(Supplier<String> message) {
        log(Level.INFO, message);
    }

    public void warning(Supplier<String> message) {
        log(Level.WARNING, message);
    }

    public void error(Supplier<String> message) {
        log(Level.ERROR, message);
    }

    private void log(Level level, Supplier<String> message) {
        if (debug) {
            String text = message.get();
            console.println("pdkit " + level.getName() + ": " + text);
            logger.log(level, text);
        } else {
            logger.log(level, message);
        }
    }
}
