package dev.pdkit.internal.paging;

import dev.pdkit.internal.http.ClientLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The log of a client built with {@code debug(true)}, whose lines ("pdkit WARNING: ...") are read
 * back by the test instead of going to stderr. A debug client prints to the stderr of the moment it
 * was created, so stderr is redirected only while it is created.
 */
final class CapturedLog {

    static {
        // Sets the logging classes up before stderr is redirected, so that nothing else keeps the buffer.
        new ClientLog(false);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ClientLog log;

    CapturedLog() {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            log = new ClientLog(true);
        } finally {
            System.setErr(stderr);
        }
    }

    /** Every line logged so far, e.g. {@code pdkit WARNING: GET /records: ...}. */
    List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The lines logged at {@code level} (WARNING, DEBUG, ...), without their prefix. */
    List<String> at(String level) {
        String prefix = "pdkit " + level + ": ";
        return lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
