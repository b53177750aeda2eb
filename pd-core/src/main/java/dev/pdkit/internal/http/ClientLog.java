package dev.pdkit.internal.http;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client's logging, through {@link System.Logger} on three loggers: {@value #REQUEST_LOGGER}
 * for the line each answered request logs at DEBUG ({@link #requests()}), {@value #RETRY_LOGGER}
 * for the retry machine's decisions: retries, requests not retried, giving up ({@link #retries()}),
 * and {@value #LOGGER} for the rest (pagination, unwrapping). The names are a hierarchy, so a
 * configuration of {@code dev.pdkit} covers all three.
 *
 * <p>A client built with {@code debug(true)} prints each line, whatever its level, to stderr
 * instead (pdpyras' {@code print_debug}), and does not also pass it to the logger: a host with a
 * logging backend would otherwise see every line twice. Why per client: pdpyras' debug switch
 * changed one module-wide logger, so turning it on for one session turned it on for all.
 *
 * <p>Callers MUST NOT pass secrets; messages are built from redacted values only.
 */
public final class ClientLog {

    /** The logger of what is neither a request line nor a retry decision (pagination, unwrapping). */
    public static final String LOGGER = "dev.pdkit";
    /** The logger of the per-request DEBUG lines. */
    public static final String REQUEST_LOGGER = "dev.pdkit.request";
    /** The logger of retry and backoff decisions. */
    public static final String RETRY_LOGGER = "dev.pdkit.retry";

    private final boolean debug;
    private final PrintStream console;
    /** Gives the logger of a name; the views of one client share it. */
    private final Function<String, System.Logger> loggers;
    /** Where this view's lines go. */
    private final System.Logger logger;

    public ClientLog(boolean debug) {
        this(debug, System.err);
    }

    ClientLog(boolean debug, PrintStream console) {
        this(debug, console, System::getLogger);
    }

    /**
     * For tests: {@code console} stands for stderr, and {@code loggers} gives the logger of each
     * name ({@link #LOGGER}, {@link #REQUEST_LOGGER}, {@link #RETRY_LOGGER}).
     */
    ClientLog(boolean debug, PrintStream console, Function<String, System.Logger> loggers) {
        this(debug, console, loggers, LOGGER);
    }

    private ClientLog(boolean debug, PrintStream console, Function<String, System.Logger> loggers, String name) {
        this.debug = debug;
        this.console = console;
        this.loggers = loggers;
        this.logger = loggers.apply(name);
    }

    /** This client's log on {@value #REQUEST_LOGGER}: one line per answered request. */
    public ClientLog requests() {
        return new ClientLog(debug, console, loggers, REQUEST_LOGGER);
    }

    /** This client's log on {@value #RETRY_LOGGER}: retries, requests not retried, giving up. */
    public ClientLog retries() {
        return new ClientLog(debug, console, loggers, RETRY_LOGGER);
    }

    /** The name of the logger this view's lines go to (when debug is off). */
    String loggerName() {
        return logger.getName();
    }

    /** True when this client prints its lines to stderr instead of logging them. */
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

    /** Logs at {@code level} with the exception that caused it (printed as one line in debug mode). */
    public void log(Level level, Supplier<String> message, Throwable thrown) {
        if (debug) {
            console.println("pdkit " + level.getName() + ": " + message.get() + ": " + thrown);
        } else {
            logger.log(level, message, thrown);
        }
    }

    private void log(Level level, Supplier<String> message) {
        if (debug) {
            console.println("pdkit " + level.getName() + ": " + message.get());
        } else {
            logger.log(level, message);
        }
    }
}
