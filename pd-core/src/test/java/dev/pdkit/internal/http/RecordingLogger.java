package dev.pdkit.internal.http;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link System.Logger} that keeps what it is given, standing in for {@code dev.pdkit} (or the
 * logger it is named after); it logs the levels from {@code threshold} up, as a logging
 * configuration would.
 */
final class RecordingLogger implements System.Logger {

    /** One record: its level and its message. */
    record Line(Level level, String message) {
    }

    /**
     * A recording logger per name, made on first use: what a {@link ClientLog} built for a test
     * asks for each of its loggers.
     */
    static final class Loggers implements Function<String, System.Logger> {

        private final Map<String, RecordingLogger> byName = new ConcurrentHashMap<>();
        private final Level threshold;

        Loggers(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public RecordingLogger apply(String name) {
            return byName.computeIfAbsent(name, n -> new RecordingLogger(n, threshold));
        }

        /** Every line any of the loggers took. */
        List<Line> all() {
            return byName.values().stream().flatMap(l -> l.lines.stream()).toList();
        }
    }

    final List<Line> lines = new CopyOnWriteArrayList<>();
    /** The exceptions logged with a line, in order. */
    final List<Throwable> thrown = new CopyOnWriteArrayList<>();
    private final String name;
    private final Level threshold;

    RecordingLogger(Level threshold) {
        this("dev.pdkit", threshold);
    }

    RecordingLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            lines.add(new Line(level, msg));
            if (thrown != null) {
                this.thrown.add(thrown);
            }
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
