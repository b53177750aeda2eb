package dev.pdkit.internal.http;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link System.Logger} that keeps what it is given, standing in for {@code dev.pdkit}; it logs
 * the levels from {@code threshold} up, as a logging configuration would.
 */
final class RecordingLogger implements System.Logger {

    /** One record: its level and its message. */
    record Line(Level level, String message) {
    }

    final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Level threshold;

    RecordingLogger(Level threshold) {
        this.threshold = threshold;
    }

    @Override
    public String getName() {
        return "dev.pdkit";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            lines.add(new Line(level, msg));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            lines.add(new Line(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }

    /** The messages logged at {@code level}. */
    List<String> at(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::message).toList();
    }
}
